/**
 * A record as table rows: the one mapping from the JSON contract to the
 * relational model (schemas/db/*.sql), shared by the SQLite and PostgreSQL
 * loaders so the two databases can never disagree on a column.
 */
import { createHash } from 'node:crypto';
import type { Record } from '../../schemas/record.ts';

/** The layout the loaders write; `schema_version.version` in the database. */
export const DB_SCHEMA_VERSION = 1;

/** Column types as PostgreSQL names them; SQLite binds the same JS values. */
export type ColumnType = 'text' | 'int' | 'numeric';

export interface TableSpec {
  name: TableName;
  columns: ReadonlyArray<readonly [string, ColumnType]>;
}

export type TableName = 'articles' | 'entities' | 'mentions' | 'quotes' | 'numbers' | 'money' | 'warnings';

/**
 * Insert order matters: parents before children, so the foreign keys hold as
 * each row arrives (entities before mentions and before quotes that name a speaker).
 */
export const TABLES: readonly TableSpec[] = [
  {
    name: 'articles',
    columns: [
      ['id', 'text'],
      ['source_path', 'text'],
      ['source_line', 'int'],
      ['title', 'text'],
      ['url', 'text'],
      ['published_at', 'text'],
      ['sha256', 'text'],
      ['record_schema_version', 'int'],
      ['extractor_name', 'text'],
      ['extractor_version', 'text'],
      ['fingerprint', 'text'],
      ['record_sha256', 'text'],
      ['characters', 'int'],
      ['paragraphs', 'int'],
      ['sentences', 'int'],
      ['tokens', 'int'],
    ],
  },
  {
    name: 'entities',
    columns: [
      ['article_id', 'text'],
      ['entity_id', 'text'],
      ['type', 'text'],
      ['name', 'text'],
    ],
  },
  {
    name: 'mentions',
    columns: [
      ['article_id', 'text'],
      ['entity_id', 'text'],
      ['span_start', 'int'],
      ['span_end', 'int'],
      ['text', 'text'],
    ],
  },
  {
    name: 'quotes',
    columns: [
      ['article_id', 'text'],
      ['quote_id', 'text'],
      ['span_start', 'int'],
      ['span_end', 'int'],
      ['text', 'text'],
      ['kind', 'text'],
      ['speaker_name', 'text'],
      ['speaker_entity_id', 'text'],
      ['speaker_mention_text', 'text'],
      ['speaker_mention_start', 'int'],
      ['speaker_mention_end', 'int'],
      ['cue_text', 'text'],
      ['cue_start', 'int'],
      ['cue_end', 'int'],
      ['continues', 'text'],
    ],
  },
  {
    name: 'numbers',
    columns: [
      ['article_id', 'text'],
      ['number_id', 'text'],
      ['span_start', 'int'],
      ['span_end', 'int'],
      ['text', 'text'],
      ['value', 'numeric'],
      ['upper', 'numeric'],
      ['kind', 'text'],
      ['qualifier', 'text'],
    ],
  },
  {
    name: 'money',
    columns: [
      ['article_id', 'text'],
      ['money_id', 'text'],
      ['span_start', 'int'],
      ['span_end', 'int'],
      ['text', 'text'],
      ['amount', 'numeric'],
      ['upper', 'numeric'],
      ['currency', 'text'],
      ['qualifier', 'text'],
      ['per', 'text'],
      ['equivalent_of', 'text'],
    ],
  },
  {
    name: 'warnings',
    columns: [
      ['article_id', 'text'],
      ['seq', 'int'],
      ['code', 'text'],
      ['message', 'text'],
      ['span_start', 'int'],
      ['span_end', 'int'],
    ],
  },
];

export type Cell = string | number | null;
export type Row = Cell[];
export type RecordRows = { [T in TableName]: Row[] };

/**
 * SHA-256 of the record as it will be loaded. Equal hash means the stored rows
 * already say exactly this, so a reload skips it; it covers the article's
 * sha256, the extractor version and fingerprint, and any hand edit besides.
 */
export function recordHash(record: Record): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

/** Every row the record becomes, per table, in TABLES column order. */
export function recordRows(record: Record, hash: string = recordHash(record)): RecordRows {
  const id = record.id;
  const s = record.source;
  return {
    articles: [
      [
        id,
        orNull(s.path),
        orNull(s.line),
        orNull(s.title),
        orNull(s.url),
        orNull(s.publishedAt),
        s.sha256,
        record.schemaVersion,
        record.extractor.name,
        record.extractor.version,
        orNull(record.extractor.fingerprint),
        hash,
        record.stats.characters,
        record.stats.paragraphs,
        record.stats.sentences,
        record.stats.tokens,
      ],
    ],
    entities: record.entities.map((e) => [id, e.id, e.type, e.name]),
    mentions: record.entities.flatMap((e) => e.mentions.map((m) => [id, e.id, m.start, m.end, m.text])),
    quotes: record.quotes.map((q) => [
      id,
      q.id,
      q.start,
      q.end,
      q.text,
      q.kind,
      orNull(q.speaker?.name),
      orNull(q.speaker?.entityId),
      orNull(q.speaker?.mention?.text),
      orNull(q.speaker?.mention?.start),
      orNull(q.speaker?.mention?.end),
      orNull(q.cue?.text),
      orNull(q.cue?.start),
      orNull(q.cue?.end),
      orNull(q.continues),
    ]),
    numbers: record.numbers.map((n) => [id, n.id, n.start, n.end, n.text, n.value, orNull(n.upper), n.kind, orNull(n.qualifier)]),
    money: record.money.map((m) => [
      id,
      m.id,
      m.start,
      m.end,
      m.text,
      m.amount,
      orNull(m.upper),
      m.currency,
      orNull(m.qualifier),
      orNull(m.per),
      orNull(m.equivalentOf),
    ]),
    warnings: record.warnings.map((w, i) => [id, i + 1, w.code, w.message, orNull(w.start), orNull(w.end)]),
  };
}
