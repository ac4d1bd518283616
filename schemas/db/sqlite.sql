-- quarry records as tables, SQLite flavour (issue 8). Same tables, columns and
-- keys as postgres.sql; only the types differ. Applied by `quarry load` on a
-- new database; schema_version says which layout a database has so that a
-- later release can migrate it.
--
-- Spans are `span_start`/`span_end` (half-open, UTF-16 code units, as in the
-- record) because END is a reserved word in SQL and would need quoting in
-- every query.
--
-- Amounts and values are NUMERIC: SQLite keeps whole numbers as 64-bit
-- integers and others as 8-byte floats, which is exactly what the JSON record
-- holds (a JavaScript number), so integers up to 2^53 are exact.

CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  source_path TEXT,
  source_line INTEGER,
  title TEXT,
  url TEXT,
  published_at TEXT,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  record_schema_version INTEGER NOT NULL,
  extractor_name TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  fingerprint TEXT,
  -- SHA-256 of the record as loaded: equal hash = nothing to do on reload.
  record_sha256 TEXT NOT NULL,
  characters INTEGER NOT NULL CHECK (characters >= 0),
  paragraphs INTEGER NOT NULL CHECK (paragraphs >= 0),
  sentences INTEGER NOT NULL CHECK (sentences >= 0),
  tokens INTEGER NOT NULL CHECK (tokens >= 0),
  loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE IF NOT EXISTS entities (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (article_id, entity_id)
);

CREATE TABLE IF NOT EXISTS mentions (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  text TEXT NOT NULL,
  -- The primary key's prefix (article_id, entity_id) is the "mentions by entity" index.
  PRIMARY KEY (article_id, entity_id, span_start),
  FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, entity_id) ON DELETE CASCADE,
  CHECK (span_end >= span_start)
);

CREATE TABLE IF NOT EXISTS quotes (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  quote_id TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  text TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('direct', 'partial')),
  speaker_name TEXT,
  speaker_entity_id TEXT,
  speaker_mention_text TEXT,
  speaker_mention_start INTEGER,
  speaker_mention_end INTEGER,
  cue_text TEXT,
  cue_start INTEGER,
  cue_end INTEGER,
  continues TEXT,
  PRIMARY KEY (article_id, quote_id),
  -- Checked only when speaker_entity_id is set (MATCH SIMPLE, both databases).
  FOREIGN KEY (article_id, speaker_entity_id) REFERENCES entities (article_id, entity_id) ON DELETE CASCADE,
  CHECK (span_end >= span_start)
);

CREATE TABLE IF NOT EXISTS numbers (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  number_id TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  text TEXT NOT NULL,
  value NUMERIC NOT NULL,
  upper NUMERIC,
  kind TEXT NOT NULL,
  qualifier TEXT,
  PRIMARY KEY (article_id, number_id),
  CHECK (span_end >= span_start)
);

CREATE TABLE IF NOT EXISTS money (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  money_id TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  text TEXT NOT NULL,
  amount NUMERIC NOT NULL,
  upper NUMERIC,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  qualifier TEXT,
  per TEXT,
  equivalent_of TEXT,
  PRIMARY KEY (article_id, money_id),
  CHECK (span_end >= span_start)
);

CREATE TABLE IF NOT EXISTS warnings (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  span_start INTEGER,
  span_end INTEGER,
  PRIMARY KEY (article_id, seq)
);

-- For the example queries (schemas/db/example-queries.sql).
CREATE INDEX IF NOT EXISTS quotes_by_speaker ON quotes (speaker_name);
CREATE INDEX IF NOT EXISTS quotes_by_speaker_entity ON quotes (article_id, speaker_entity_id);
CREATE INDEX IF NOT EXISTS money_by_currency_amount ON money (currency, amount);
CREATE INDEX IF NOT EXISTS money_by_amount ON money (amount);
CREATE INDEX IF NOT EXISTS entities_by_type_name ON entities (type, name);
CREATE INDEX IF NOT EXISTS entities_by_name ON entities (name);
CREATE INDEX IF NOT EXISTS articles_by_published_at ON articles (published_at);
