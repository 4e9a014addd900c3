/* schema.c - SQL of every schema migration; see schema.h. */
#include "schema.h"

const char *const att_migrations[] = {
    /* 1: articles and their full-text index */
    "CREATE TABLE articles("
    "  id INTEGER PRIMARY KEY,"
    "  content_hash TEXT NOT NULL UNIQUE,"
    "  source TEXT NOT NULL,"
    "  url TEXT,"
    "  title TEXT,"
    "  authors TEXT NOT NULL DEFAULT '[]',"   /* JSON array of names */
    "  published TEXT,"                       /* ISO 8601 or NULL */
    "  lead TEXT,"
    "  body TEXT NOT NULL,"                   /* paragraphs separated by '\n' */
    "  headings TEXT NOT NULL DEFAULT '[]',"  /* JSON array: indexes of heading paragraphs */
    "  ingested_at TEXT NOT NULL"
    ");"
    "CREATE INDEX articles_published ON articles(published);"
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "  title, lead, body, content='articles', content_rowid='id', tokenize='attache');",
};

const size_t att_n_migrations = sizeof att_migrations / sizeof att_migrations[0];
