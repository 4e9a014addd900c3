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

    /* 2: what extraction found: actor mentions, events, quotations, tone */
    "CREATE TABLE mentions("
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  code TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, country TEXT,"
    "  mentions INTEGER NOT NULL,"
    "  PRIMARY KEY(article_id, code, name)) WITHOUT ROWID;"
    "CREATE INDEX mentions_code ON mentions(code);"
    "CREATE TABLE events("
    "  id INTEGER PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  date TEXT, date_precision TEXT NOT NULL, date_source TEXT NOT NULL,"
    "  a1_code TEXT NOT NULL, a1_name TEXT, a1_country TEXT, a1_type TEXT,"
    "  a2_code TEXT NOT NULL, a2_name TEXT, a2_country TEXT, a2_type TEXT,"
    "  cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,"
    "  location_name TEXT, location_country TEXT,"
    "  modality TEXT NOT NULL, confidence REAL NOT NULL,"
    "  sentence TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL);"
    "CREATE INDEX events_article ON events(article_id);"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_a1 ON events(a1_country, a2_country);"
    "CREATE INDEX events_a2 ON events(a2_country);"
    "CREATE TABLE quotes("
    "  id INTEGER PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  speaker_code TEXT, speaker_name TEXT, speaker_country TEXT, speaker_type TEXT,"
    "  quote TEXT NOT NULL, sentence TEXT NOT NULL, direct INTEGER NOT NULL);"
    "CREATE INDEX quotes_article ON quotes(article_id);"
    "CREATE TABLE article_tone("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
    "  tone REAL NOT NULL, positive REAL NOT NULL, negative REAL NOT NULL,"
    "  polarity REAL NOT NULL, words INTEGER NOT NULL);",
};

const size_t att_n_migrations = sizeof att_migrations / sizeof att_migrations[0];
