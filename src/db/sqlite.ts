/**
 * The SQLite backend: better-sqlite3 (synchronous, in-process), WAL mode,
 * statements prepared once. A batch is one transaction and each record inside
 * it a savepoint (better-sqlite3 nests transaction functions as savepoints),
 * so a failing record rolls back only itself.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Backend, Outcome, PreparedRecord, ResultRow } from './index.ts';
import { describeDbError } from './errors.ts';
import { checkStoredVersion, readDdl } from './ddl.ts';
import { DB_SCHEMA_VERSION, TABLES, type RecordRows, type TableName } from './rows.ts';

export function openSqlite(path: string): Backend {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // WAL lets readers (an analyst's query) run while a load writes; with WAL,
    // synchronous=NORMAL still never corrupts, it can only lose the last
    // commits on power loss (SQLite docs, "WAL mode").
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    ensureSchema(db, path);
  } catch (err) {
    db.close();
    throw err;
  }
  return new SqliteBackend(db);
}

function ensureSchema(db: Database.Database, path: string): void {
  db.transaction(() => {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
    const stored = hasTable ? (db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }).v : null;
    checkStoredVersion(stored, path);
    db.exec(readDdl('sqlite'));
    if (stored === null) db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(DB_SCHEMA_VERSION);
  }).immediate();
}

class SqliteBackend implements Backend {
  readonly kind = 'sqlite' as const;
  private readonly storedHash: Database.Statement<[string], { record_sha256: string }>;
  private readonly deleteArticle: Database.Statement<[string]>;
  private readonly insert: { [T in TableName]: Database.Statement<unknown[]> };
  private readonly writeRecord: (item: PreparedRecord) => Outcome;
  private readonly writeAll: Database.Transaction<(batch: PreparedRecord[]) => Outcome[]>;

  constructor(private readonly db: Database.Database) {
    this.storedHash = db.prepare('SELECT record_sha256 FROM articles WHERE id = ?');
    // ON DELETE CASCADE removes every child row with the article.
    this.deleteArticle = db.prepare('DELETE FROM articles WHERE id = ?');
    this.insert = Object.fromEntries(
      TABLES.map((t) => {
        const cols = t.columns.map(([c]) => c);
        return [t.name, db.prepare(`INSERT INTO ${t.name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)];
      }),
    ) as SqliteBackend['insert'];

    this.writeRecord = db.transaction((item: PreparedRecord): Outcome => {
      const stored = this.storedHash.get(item.id);
      if (stored?.record_sha256 === item.hash) return 'unchanged';
      if (stored) this.deleteArticle.run(item.id);
      this.insertRows(item.rows);
      return stored ? 'replaced' : 'inserted';
    });
    this.writeAll = db.transaction((batch: PreparedRecord[]) =>
      batch.map((item): Outcome => {
        try {
          return this.writeRecord(item);
        } catch (err) {
          return { error: describeDbError(err) };
        }
      }),
    );
  }

  private insertRows(rows: RecordRows): void {
    for (const t of TABLES) {
      const stmt = this.insert[t.name];
      for (const row of rows[t.name]) stmt.run(row);
    }
  }

  async writeBatch(batch: PreparedRecord[]): Promise<Outcome[]> {
    // IMMEDIATE takes the write lock up front, so a concurrent writer waits
    // (busy_timeout) instead of failing halfway through the batch.
    return this.writeAll.immediate(batch);
  }

  async query(sql: string): Promise<ResultRow[]> {
    const stmt = this.db.prepare(sql);
    if (stmt.reader) return stmt.all() as ResultRow[];
    stmt.run();
    return [];
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Folds the WAL back into the main file so the .db alone is complete.
    if (!this.db.memory) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
