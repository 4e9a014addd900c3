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
    "  title, lead, body, content='articles', content_rowid='id', tokenize='attache');"
    /* rank = attache_rank(): weighted BM25 (title x10, lead x4) without the
     * per-row length lookup that makes bm25() slow on common words */
    "INSERT INTO articles_fts(articles_fts, rank) VALUES('rank', 'attache_rank()');",

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

    /* 3: analysis - story clusters, event deduplication, dyad aggregates
     * (maintained at ingest), alerts, commitments */
    "CREATE TABLE stories("
    "  id INTEGER PRIMARY KEY, title TEXT, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL,"
    "  n_articles INTEGER NOT NULL DEFAULT 0, n_sources INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX stories_last ON stories(last_day);"
    "CREATE TABLE story_sources(story_id INTEGER NOT NULL, source TEXT NOT NULL,"
    "  PRIMARY KEY(story_id, source)) WITHOUT ROWID;"
    "CREATE TABLE story_days(story_id INTEGER NOT NULL, day INTEGER NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY(story_id, day)) WITHOUT ROWID;"
    "CREATE INDEX story_days_day ON story_days(day);"
    "CREATE TABLE article_sigs("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
    "  day INTEGER NOT NULL, site TEXT NOT NULL, story_id INTEGER NOT NULL,"
    "  simhash INTEGER NOT NULL, minhash BLOB NOT NULL);"
    "CREATE INDEX article_sigs_day ON article_sigs(day);"
    "ALTER TABLE events ADD COLUMN day INTEGER;" /* the day the event counts for */
    "ALTER TABLE events ADD COLUMN story_id INTEGER;"
    "ALTER TABLE events ADD COLUMN dup_of INTEGER;"
    "ALTER TABLE events ADD COLUMN num_articles INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE events ADD COLUMN num_sources INTEGER NOT NULL DEFAULT 1;"
    "CREATE INDEX events_story ON events(story_id, a1_country, a2_country, cameo, day);"
    "CREATE INDEX events_pair_day ON events(a1_country, a2_country, day);"
    /* level 0 = day, 1 = week (Monday), 2 = month, directed (a1 -> a2);
     * levels 3, 4, 5 = the same undirected (a1 < a2);
     * period = first day (days since 1970) */
    "CREATE TABLE dyad_agg("
    "  level INTEGER NOT NULL, a1 TEXT NOT NULL, a2 TEXT NOT NULL, period INTEGER NOT NULL,"
    "  n INTEGER NOT NULL, q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL,"
    "  q4 INTEGER NOT NULL, goldstein_sum REAL NOT NULL, tone_sum REAL NOT NULL,"
    "  n_stories INTEGER NOT NULL,"
    "  PRIMARY KEY(level, a1, a2, period)) WITHOUT ROWID;"
    "CREATE INDEX dyad_agg_a2 ON dyad_agg(level, a2, a1, period);"
    "CREATE INDEX dyad_agg_period ON dyad_agg(level, period);"
    "CREATE TABLE dyad_agg_stories(level INTEGER NOT NULL, a1 TEXT NOT NULL, a2 TEXT NOT NULL,"
    "  period INTEGER NOT NULL, story_id INTEGER NOT NULL,"
    "  PRIMARY KEY(level, a1, a2, period, story_id)) WITHOUT ROWID;"
    "CREATE TABLE alerts("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
    "  subject TEXT NOT NULL," /* the dyad "A|B" or "story:ID" the episode belongs to */
    "  actors TEXT NOT NULL,"  /* actor codes separated by '|' */
    "  day INTEGER NOT NULL,"
    "  score REAL NOT NULL, summary TEXT NOT NULL, evidence TEXT NOT NULL,"
    "  episode TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);"
    "CREATE INDEX alerts_day ON alerts(day);"
    "CREATE INDEX alerts_subject ON alerts(kind, subject, day);"
    "CREATE TABLE commitments("
    "  id INTEGER PRIMARY KEY,"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  event_id INTEGER, who TEXT NOT NULL, who_name TEXT, to_whom TEXT, to_name TEXT,"
    "  cameo TEXT, what TEXT NOT NULL, promised_day INTEGER, due TEXT,"
    "  status TEXT NOT NULL DEFAULT 'open', status_day INTEGER, sentence TEXT NOT NULL);"
    "CREATE INDEX commitments_dyad ON commitments(who, to_whom, promised_day);"
    "CREATE TABLE commitment_links("
    "  commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,"
    "  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  status TEXT NOT NULL, day INTEGER, sentence TEXT NOT NULL,"
    "  PRIMARY KEY(commitment_id, article_id)) WITHOUT ROWID;",

    /* 4: a small index of titles and leads alone, for the search's first
     * tier: a query's headline matches are found without reading the long
     * doclists of the full index, where a common word is in most articles */
    "CREATE VIRTUAL TABLE headlines_fts USING fts5("
    "  title, lead, content='articles', content_rowid='id', tokenize='attache', columnsize=0);"
    "INSERT INTO headlines_fts(headlines_fts, rank) VALUES('rank', 'attache_rank()');"
    "INSERT INTO headlines_fts(headlines_fts) VALUES('rebuild');",

    /* 5: one token per word (its exact key) instead of the folded key plus
     * a colocated exact key; accent-free queries expand through the
     * vocabulary of exact keys (vocab.h).  The rebuilds re-tokenize every
     * stored article and fill the vocabulary. */
    "CREATE TABLE vocab(folded TEXT NOT NULL, exact TEXT NOT NULL, PRIMARY KEY(folded, exact)) WITHOUT ROWID;"
    "INSERT INTO articles_fts(articles_fts) VALUES('rebuild');"
    /* the headline index is small: it keeps folded keys too (fast
     * accent-free first tier) */
    "DROP TABLE headlines_fts;"
    "CREATE VIRTUAL TABLE headlines_fts USING fts5("
    "  title, lead, content='articles', content_rowid='id', tokenize='attache folded', columnsize=0);"
    "INSERT INTO headlines_fts(headlines_fts, rank) VALUES('rank', 'attache_rank()');"
    "INSERT INTO headlines_fts(headlines_fts) VALUES('rebuild');",

    /* 6: content hashes over att_hash_view() (computed letter by letter)
     * instead of the exact view; store.c recomputes the stored ones */
    "SELECT 1;",

    /* 7: events_a1 (a1_country, a2_country) is a prefix of events_pair_day
     * (a1_country, a2_country, day), which serves the same look-ups: one
     * index less to update for every coded event */
    "DROP INDEX IF EXISTS events_a1;",

    /* 8: the syllables whose adjacent pairs the full index stores (see
     * terms.h); the store fills the table from data/phrase_syllables.tsv
     * and rebuilds articles_fts with the pairs */
    "CREATE TABLE IF NOT EXISTS index_pairs(syllable TEXT PRIMARY KEY) WITHOUT ROWID;",

    /* 9: cheaper ingest.  No query reads mentions by code alone or events
     * by a2_country alone (the pair look-ups use events_pair_day and
     * events_story): two indexes less to update per row (put_facts 14%
     * fewer instructions).  FTS5 flushes its pending terms when they pass
     * 'hashsize' (1 MB by default) or at COMMIT: at 1 MB a batch of
     * articles became many small segments to merge; 128 MB leaves one
     * segment per transaction (ingest 14% fewer instructions with the
     * batch of 2,048 articles, ingest.c) */
    "DROP INDEX IF EXISTS mentions_code;"
    "DROP INDEX IF EXISTS events_a2;"
    "INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', 134217728);"
    "INSERT INTO headlines_fts(headlines_fts, rank) VALUES('hashsize', 134217728);",

    /* 10: the dyads each level of dyad_agg has rows for (analysis adds a
     * dyad with its first row of a period).  Listing every dyad of a
     * period range ("attache dyads --from --to") then seeks each dyad's
     * period range in the primary key instead of reading every row of the
     * level: 3,000 seeks instead of 227,000 rows for a quarter of weekly
     * rows over three years. */
    "CREATE TABLE IF NOT EXISTS dyad_list(level INTEGER NOT NULL, a1 TEXT NOT NULL, a2 TEXT NOT NULL,"
    "  PRIMARY KEY(level, a1, a2)) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO dyad_list SELECT DISTINCT level, a1, a2 FROM dyad_agg;",

    /* 11: an event's sentence and a quotation's text and sentence as byte
     * ranges of the article's text (the lead, a newline, the body: the
     * text extraction numbers its paragraphs in) instead of copies: the
     * copies were a quarter of the database (quotes alone 2.4 KB per
     * article against 3.7 KB for the whole article row), written twice
     * (WAL, then the database).  Rows stored before keep their text and
     * no range; the views give either as text. */
    "ALTER TABLE events ADD COLUMN sentence_from INTEGER;"
    "ALTER TABLE events ADD COLUMN sentence_to INTEGER;"
    "ALTER TABLE quotes ADD COLUMN quote_from INTEGER;"
    "ALTER TABLE quotes ADD COLUMN quote_to INTEGER;"
    "ALTER TABLE quotes ADD COLUMN sentence_from INTEGER;"
    "ALTER TABLE quotes ADD COLUMN sentence_to INTEGER;"
    "CREATE VIEW article_texts(id, text) AS SELECT id,"
    "  CAST(CASE WHEN lead IS NULL THEN body ELSE lead || char(10) || body END AS BLOB) FROM articles;"
    "CREATE VIEW event_sentences(id, sentence) AS SELECT e.id, CASE WHEN e.sentence_from IS NULL THEN e.sentence"
    "  ELSE CAST(substr(t.text, e.sentence_from + 1, e.sentence_to - e.sentence_from) AS TEXT) END"
    "  FROM events e JOIN article_texts t ON t.id = e.article_id;"
    "CREATE VIEW quote_texts(id, quote, sentence) AS SELECT q.id,"
    "  CASE WHEN q.quote_from IS NULL THEN q.quote"
    "  ELSE CAST(substr(t.text, q.quote_from + 1, q.quote_to - q.quote_from) AS TEXT) END,"
    "  CASE WHEN q.sentence_from IS NULL THEN q.sentence"
    "  ELSE CAST(substr(t.text, q.sentence_from + 1, q.sentence_to - q.sentence_from) AS TEXT) END"
    "  FROM quotes q JOIN article_texts t ON t.id = q.article_id;",

    /* 12: the two event indexes of the analysis stage hold only the rows
     * it has placed: an event is stored without a story and a day, and
     * every query of these indexes asks for a story (story_id = ?) or a
     * day range (day BETWEEN ? AND ?), which implies the WHERE below, so
     * the planner still uses them.  An event no longer enters them twice
     * (once with NULLs at insert, again when analysis sets its story),
     * and ingest without analysis writes neither. */
    "DROP INDEX events_story;"
    "CREATE INDEX events_story ON events(story_id, a1_country, a2_country, cameo, day)"
    "  WHERE story_id IS NOT NULL;"
    "DROP INDEX events_pair_day;"
    "CREATE INDEX events_pair_day ON events(a1_country, a2_country, day) WHERE day IS NOT NULL;",

    /* 13 (alerts, issue 16): the alert outbox.  A new alert is queued here in
     * the transaction that stores it and delivered after the commit; a
     * failed delivery stays (attempts, last_error) for the next run. */
    "CREATE TABLE IF NOT EXISTS alert_outbox("
    "  alert_id INTEGER PRIMARY KEY REFERENCES alerts(id) ON DELETE CASCADE,"
    "  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);",

    /* 14 (dates): where an article's date came from - page, url, feed,
     * warc, http or ingest (docs/DATES.md) - and its precision (minute,
     * day; NULL when undated).  Rows stored before stay NULL: unknown. */
    "ALTER TABLE articles ADD COLUMN date_source TEXT;"
    "ALTER TABLE articles ADD COLUMN date_precision TEXT;",
    /* 15: follow - the sources attache polls (feeds, sitemaps, pages, URL
     * lists) with their health and HTTP validators, and every page URL it
     * has seen (normalized), so no page is fetched twice.  A seen URL with
     * fetched_at NULL is pending: found in a feed, not fetched yet.  IF NOT
     * EXISTS: tests that rewind user_version replay it over its tables. */
    "CREATE TABLE IF NOT EXISTS sources ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE,"
    "  name TEXT,"
    "  kind TEXT NOT NULL DEFAULT 'auto',"     /* auto|feed|sitemap|page|urls */
    "  detected TEXT,"                         /* rss|rdf|atom|sitemap|sitemapindex|urls|html */
    "  every_min INTEGER,"                     /* fixed interval; NULL = adaptive */
    "  interval_s INTEGER NOT NULL DEFAULT 1800,"
    "  parent_id INTEGER,"                     /* discovered from that source */
    "  etag TEXT, last_modified TEXT, content_hash TEXT,"
    "  last_fetch INTEGER, last_status INTEGER, last_error TEXT,"
    "  items_seen INTEGER NOT NULL DEFAULT 0,"
    "  new_articles INTEGER NOT NULL DEFAULT 0,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  next_due INTEGER NOT NULL DEFAULT 0,"
    "  added_at INTEGER NOT NULL"
    ");"
    "CREATE TABLE IF NOT EXISTS seen_urls ("
    "  url TEXT PRIMARY KEY,"                  /* normalized (att_url_normalize key) */
    "  fetch_url TEXT,"                        /* the URL to fetch, when not url itself */
    "  source_id INTEGER,"
    "  title TEXT, date TEXT, date_source INTEGER NOT NULL DEFAULT 0,"
    "  first_seen INTEGER NOT NULL,"
    "  fetched_at INTEGER,"                    /* NULL: pending */
    "  status INTEGER,"                        /* HTTP status, or -1 skipped (older than --max-age) */
    "  tries INTEGER NOT NULL DEFAULT 0,"
    "  article_id INTEGER"
    ") WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS seen_pending ON seen_urls(first_seen) WHERE fetched_at IS NULL;",

    /* 16 (serve): a story's articles: the story list and page read them per
     * story (a scan of article_sigs for each one without it); the
     * commitments list pages in (promised_day, id) order */
    "CREATE INDEX IF NOT EXISTS article_sigs_story ON article_sigs(story_id);"
    "CREATE INDEX IF NOT EXISTS commitments_day ON commitments(promised_day, id);",

    /* 17 (serve indexes): events of one actor in date order: the events list filtered
     * by an actor read the whole table in date order to find a rare
     * actor's rows (185 ms at 50,000 articles); with these, each side of
     * the event is read from its own index (facts.c) */
    "CREATE INDEX IF NOT EXISTS events_a1_code_date ON events(a1_code, date);"
    "CREATE INDEX IF NOT EXISTS events_a2_code_date ON events(a2_code, date);"
    "CREATE INDEX IF NOT EXISTS events_a1_country_date ON events(a1_country, date);"
    "CREATE INDEX IF NOT EXISTS events_a2_country_date ON events(a2_country, date);"
    /* and the quotations of one speaker in (article, id) order */
    "CREATE INDEX IF NOT EXISTS quotes_speaker_code ON quotes(speaker_code, article_id);"
    "CREATE INDEX IF NOT EXISTS quotes_speaker_country ON quotes(speaker_country, article_id);",
};

const size_t att_n_migrations = sizeof att_migrations / sizeof att_migrations[0];
