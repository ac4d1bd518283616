/**
 * The PostgreSQL backend, through `pg`. Each batch is one transaction:
 *
 * - fast path: one statement per table for the whole batch, the rows passed as
 *   one array per column and expanded with `unnest` (a multi-row insert whose
 *   size never hits the 65535-parameter limit), inside a savepoint;
 * - if anything in it fails, the savepoint is rolled back and the batch is
 *   written again one record per savepoint, so only the bad record is lost and
 *   it is named.
 *
 * Connection settings come from the URL and, for what it leaves out, from the
 * standard PG environment variables (`pg` reads PGHOST, PGPORT, PGUSER,
 * PGPASSWORD, PGDATABASE and ~/.pgpass), never from the repository.
 */
import pg from 'pg';
import type { Backend, Outcome, PreparedRecord, ResultRow } from './index.ts';
import { describeDbError } from './errors.ts';
import { checkStoredVersion, readDdl } from './ddl.ts';
import { DB_SCHEMA_VERSION, TABLES, type Cell, type ColumnType, type TableSpec } from './rows.ts';

/** Where the connection went (password left out), for error messages. */
function describeTarget(client: pg.Client): string {
  const c = client as unknown as { user?: string; host?: string; port?: number; database?: string };
  return `postgres://${c.user ?? ''}@${c.host ?? ''}:${c.port ?? ''}/${c.database ?? ''}`;
}

export async function openPostgres(connectionString: string): Promise<Backend> {
  const client = new pg.Client({ connectionString });
  // A connection that drops while idle is reported as an 'error' event, which
  // would crash the process unhandled; the next query fails and says why.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`cannot connect to PostgreSQL at ${describeTarget(client)}: ${describeDbError(err)}`);
  }
  try {
    await ensureSchema(client);
  } catch (err) {
    await client.end().catch(() => {});
    // 3F000 invalid_schema_name: search_path names no existing schema.
    if ((err as { code?: string }).code === '3F000') {
      throw new Error(`${describeDbError(err)}: the schema in search_path does not exist (CREATE SCHEMA it first)`);
    }
    throw err;
  }
  return new PostgresBackend(client);
}

async function ensureSchema(client: pg.Client): Promise<void> {
  await client.query('BEGIN');
  try {
    // Two loaders creating the tables at once would collide on the catalog;
    // the lock makes the second wait for the first.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('quarry schema'))");
    const exists = await client.query("SELECT to_regclass('schema_version') IS NOT NULL AS present");
    let stored: number | null = null;
    if (exists.rows[0].present) {
      const v = await client.query('SELECT max(version) AS v FROM schema_version');
      stored = v.rows[0].v === null ? null : Number(v.rows[0].v);
    }
    checkStoredVersion(stored, describeTarget(client));
    // Tables already at this version are used as they are: a role allowed to
    // write rows but not to create tables (PostgreSQL 15 no longer lets every
    // role create in `public`) can then load into tables a DBA made.
    if (stored === null) {
      await client.query(readDdl('postgres'));
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [DB_SCHEMA_VERSION]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

const PG_ARRAY_TYPE: { [T in ColumnType]: string } = { text: 'text[]', int: 'int[]', numeric: 'numeric[]' };

/** `INSERT … SELECT * FROM unnest($1::text[], $2::int[], …)`: any number of rows in one statement. */
function unnestInsert(t: TableSpec): string {
  const cols = t.columns.map(([c]) => c).join(', ');
  const arrays = t.columns.map(([, type], i) => `$${i + 1}::${PG_ARRAY_TYPE[type]}`).join(', ');
  return `INSERT INTO ${t.name} (${cols}) SELECT * FROM unnest(${arrays})`;
}

/**
 * Numbers go to NUMERIC columns as their shortest round-trip decimal string
 * (what JSON.stringify writes), so PostgreSQL parses the same digits the record
 * holds and never sees a binary float.
 */
function columnArrays(t: TableSpec, rows: Cell[][]): Cell[][] {
  const arrays: Cell[][] = t.columns.map(() => new Array(rows.length));
  rows.forEach((row, r) => {
    t.columns.forEach(([, type], c) => {
      const v = row[c];
      arrays[c][r] = type === 'numeric' && typeof v === 'number' ? String(v) : v;
    });
  });
  return arrays;
}

class PostgresBackend implements Backend {
  readonly kind = 'postgres' as const;
  private readonly inserts = new Map(TABLES.map((t) => [t.name, unnestInsert(t)]));

  constructor(private readonly client: pg.Client) {}

  private async insertRecords(items: PreparedRecord[]): Promise<void> {
    for (const t of TABLES) {
      const rows = items.flatMap((item) => item.rows[t.name]);
      if (!rows.length) continue;
      await this.client.query({ text: this.inserts.get(t.name)!, values: columnArrays(t, rows) });
    }
  }

  async writeBatch(batch: PreparedRecord[]): Promise<Outcome[]> {
    const q = (text: string, values?: unknown[]) => this.client.query(text, values);
    await q('BEGIN');
    try {
      // FOR UPDATE: a concurrent loader replacing the same articles waits for this batch.
      const stored = await q('SELECT id, record_sha256 FROM articles WHERE id = ANY($1::text[]) FOR UPDATE', [batch.map((b) => b.id)]);
      const storedHash = new Map<string, string>(stored.rows.map((r) => [r.id, r.record_sha256]));
      const outcomes: Outcome[] = batch.map((b) =>
        !storedHash.has(b.id) ? 'inserted' : storedHash.get(b.id) === b.hash ? 'unchanged' : 'replaced',
      );
      const changed = batch.filter((_, i) => outcomes[i] !== 'unchanged');
      const replaced = batch.filter((_, i) => outcomes[i] === 'replaced').map((b) => b.id);
      if (changed.length) {
        await q('SAVEPOINT quarry_batch');
        try {
          // ON DELETE CASCADE removes every child row with the article.
          if (replaced.length) await q('DELETE FROM articles WHERE id = ANY($1::text[])', [replaced]);
          await this.insertRecords(changed);
          await q('RELEASE SAVEPOINT quarry_batch');
        } catch {
          await q('ROLLBACK TO SAVEPOINT quarry_batch');
          await q('RELEASE SAVEPOINT quarry_batch');
          for (const [i, item] of batch.entries()) {
            if (outcomes[i] === 'unchanged') continue;
            await q('SAVEPOINT quarry_record');
            try {
              if (outcomes[i] === 'replaced') await q('DELETE FROM articles WHERE id = $1', [item.id]);
              await this.insertRecords([item]);
              await q('RELEASE SAVEPOINT quarry_record');
            } catch (err) {
              await q('ROLLBACK TO SAVEPOINT quarry_record');
              await q('RELEASE SAVEPOINT quarry_record');
              outcomes[i] = { error: describeDbError(err) };
            }
          }
        }
      }
      await q('COMMIT');
      return outcomes;
    } catch (err) {
      await q('ROLLBACK').catch(() => {});
      // The transaction as a whole failed (connection lost, COMMIT refused):
      // nothing of this batch was written, and the next batch would fail the
      // same way, so the load stops here instead of failing record by record.
      throw new Error(`batch of ${batch.length} records not written: ${describeDbError(err)}`);
    }
  }

  async query(sql: string): Promise<ResultRow[]> {
    return (await this.client.query(sql)).rows;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
