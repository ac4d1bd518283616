/**
 * Loading records into a database (issue 8): SQLite (embedded, the default)
 * or PostgreSQL, one relational model for both (schemas/db/*.sql).
 *
 * ```ts
 * const loader = await openDatabase('sqlite:output/quarry.db');
 * const counts = await loader.load(records, { batchSize: 500 });
 * await loader.close();
 * ```
 *
 * Every record is validated with RecordSchema first. Loading is idempotent: a
 * record whose content hash matches the stored one is skipped; a changed one
 * replaces the article's rows. Records are written in batched transactions in
 * which each record is all-or-nothing, so a failing record never leaves half
 * an article and never costs the others.
 */
import { RecordSchema, type Record } from '../../schemas/record.ts';
import { recordHash, recordRows, type RecordRows } from './rows.ts';
import { parseDatabaseUrl } from './url.ts';

export { parseDatabaseUrl, DatabaseUrlError, type DatabaseTarget } from './url.ts';
export { DB_SCHEMA_VERSION, TABLES, recordRows, recordHash } from './rows.ts';
export { describeDbError } from './errors.ts';
export { databaseSink, type DatabaseSink } from './sink.ts';
export { exampleQueries, type ExampleQuery } from './queries.ts';

import { DEFAULT_BATCH_SIZE, DEFAULT_DATABASE_URL } from './defaults.ts';

export { DEFAULT_BATCH_SIZE, DEFAULT_DATABASE_URL } from './defaults.ts';

export interface LoadCounts {
  /** Articles that were not in the database. */
  inserted: number;
  /** Articles whose stored rows were replaced by a changed record. */
  replaced: number;
  /** Records identical to what was stored: nothing written. */
  unchanged: number;
  /** Records rejected by validation or by the database; nothing of them was written. */
  failed: number;
}

export interface LoadFailure {
  /** Position of the item in the input (0-based). */
  index: number;
  id?: string;
  error: string;
  /** The item as given, so a caller can say where it came from. */
  input: unknown;
}

export interface LoadOptions {
  /** Records per transaction (default 500). */
  batchSize?: number;
  onFailure?: (failure: LoadFailure) => void;
  /** Called after each committed batch with the running counts. */
  onProgress?: (counts: LoadCounts) => void;
  /** Stops after the batch in progress; everything committed so far stays. */
  signal?: AbortSignal;
}

export type ResultRow = { [column: string]: unknown };

export interface Loader {
  readonly kind: 'sqlite' | 'postgres';
  load(records: Iterable<unknown> | AsyncIterable<unknown>, options?: LoadOptions): Promise<LoadCounts>;
  /**
   * Runs one SQL statement without parameters and returns its rows (for the
   * example queries). PostgreSQL returns COUNT and NUMERIC values as strings
   * (exact); SQLite returns numbers.
   */
  query(sql: string): Promise<ResultRow[]>;
  close(): Promise<void>;
}

/** One validated record on its way into a batch. */
export interface PreparedRecord {
  index: number;
  id: string;
  hash: string;
  rows: RecordRows;
  input: unknown;
}

export type Outcome = 'inserted' | 'replaced' | 'unchanged' | { error: string };

/** What a database must do; the batching, validation and counting are shared. */
export interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  /** Writes the batch in one transaction, each record all-or-nothing; one outcome per record, in order. */
  writeBatch(batch: PreparedRecord[]): Promise<Outcome[]>;
  query(sql: string): Promise<ResultRow[]>;
  close(): Promise<void>;
}

/**
 * Opens (creating the tables if needed) the database named by `url`:
 * `sqlite:PATH`, `sqlite::memory:`, or `postgres://…` / `postgresql://…`
 * (missing parts come from PGHOST, PGUSER, PGPASSWORD, PGDATABASE, PGPORT).
 */
export async function openDatabase(url: string = DEFAULT_DATABASE_URL): Promise<Loader> {
  const target = parseDatabaseUrl(url);
  const backend: Backend =
    target.kind === 'sqlite'
      ? (await import('./sqlite.ts')).openSqlite(target.path)
      : await (await import('./postgres.ts')).openPostgres(target.connectionString);
  return new BatchLoader(backend);
}

/** Validates a record and checks the references the schema cannot see; returns the problem, if any. */
export function checkRecord(input: unknown): { record: Record } | { error: string; id?: string } {
  const parsed = RecordSchema.safeParse(input);
  const id = typeof (input as { id?: unknown })?.id === 'string' ? (input as { id: string }).id : undefined;
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
    const more = parsed.error.issues.length > 5 ? `; and ${parsed.error.issues.length - 5} more` : '';
    return { error: `not a valid record: ${issues.join('; ')}${more}`, id };
  }
  const r = parsed.data;
  const entityIds = new Set(r.entities.map((e) => e.id));
  const quoteIds = new Set(r.quotes.map((q) => q.id));
  const moneyIds = new Set(r.money.map((m) => m.id));
  const problems: string[] = [];
  for (const q of r.quotes) {
    if (q.speaker?.entityId && !entityIds.has(q.speaker.entityId)) problems.push(`${q.id} names unknown entity ${q.speaker.entityId}`);
    if (q.continues && !quoteIds.has(q.continues)) problems.push(`${q.id} continues unknown quote ${q.continues}`);
  }
  for (const m of r.money) {
    if (m.equivalentOf && !moneyIds.has(m.equivalentOf)) problems.push(`${m.id} is the equivalent of unknown ${m.equivalentOf}`);
  }
  if (problems.length) return { error: `record is inconsistent: ${problems.join('; ')}`, id };
  return { record: r };
}

class BatchLoader implements Loader {
  /** Loads run one after another: a PostgreSQL connection carries one transaction at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly backend: Backend) {}

  get kind() {
    return this.backend.kind;
  }

  load(records: Iterable<unknown> | AsyncIterable<unknown>, options: LoadOptions = {}): Promise<LoadCounts> {
    const run = this.queue.then(() => this.loadNow(records, options));
    this.queue = run.catch(() => {});
    return run;
  }

  private async loadNow(records: Iterable<unknown> | AsyncIterable<unknown>, options: LoadOptions): Promise<LoadCounts> {
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
    const counts: LoadCounts = { inserted: 0, replaced: 0, unchanged: 0, failed: 0 };
    const fail = (f: LoadFailure) => {
      counts.failed++;
      options.onFailure?.(f);
    };
    let batch: PreparedRecord[] = [];
    let batchIds = new Set<string>();
    const flush = async () => {
      if (!batch.length) return;
      const outcomes = await this.backend.writeBatch(batch);
      outcomes.forEach((o, i) => {
        if (typeof o === 'string') counts[o]++;
        else fail({ index: batch[i].index, id: batch[i].id, error: o.error, input: batch[i].input });
      });
      batch = [];
      batchIds = new Set();
      options.onProgress?.({ ...counts });
    };
    let index = 0;
    for await (const input of records) {
      const i = index++;
      const checked = checkRecord(input);
      if ('error' in checked) {
        fail({ index: i, id: checked.id, error: checked.error, input });
        continue;
      }
      const record = checked.record;
      // A second version of an id in the same batch is decided against the
      // first one's stored rows, so the batch is written before it.
      if (batchIds.has(record.id)) await flush();
      const hash = recordHash(record);
      batch.push({ index: i, id: record.id, hash, rows: recordRows(record, hash), input });
      batchIds.add(record.id);
      if (batch.length >= batchSize) {
        await flush();
        if (options.signal?.aborted) return counts;
      }
    }
    await flush();
    return counts;
  }

  query(sql: string) {
    return this.backend.query(sql);
  }

  close() {
    return this.backend.close();
  }
}
