/**
 * The two databases the suite runs against. SQLite needs nothing; PostgreSQL
 * needs a server (`.ci/postgres.sh start`), and when none is reachable every
 * PostgreSQL test FAILS with a message saying how to start one: a silently
 * skipped database would let a broken loader pass CI.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestBackend {
  name: string;
  kind: 'sqlite' | 'postgres';
  /** A URL naming an empty database (no tables). */
  fresh(): Promise<string>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): TestBackend {
  const dirs: string[] = [];
  return {
    name: 'SQLite',
    kind: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'quarry-db-'));
      dirs.push(dir);
      return `sqlite:${join(dir, 'quarry.db')}`;
    },
    async cleanup() {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Written by `.ci/postgres.sh start`; read when QUARRY_TEST_PG_URL is not set, for running the tests by hand. */
const URL_FILE = join(process.env.QUARRY_PG_DIR ?? '/tmp/quarry-pg', 'url');

function pgBaseUrl(): string | undefined {
  if (process.env.QUARRY_TEST_PG_URL) return process.env.QUARRY_TEST_PG_URL;
  if (existsSync(URL_FILE)) return readFileSync(URL_FILE, 'utf8').trim() || undefined;
  return undefined;
}

const HOW_TO_START =
  'Start a throwaway server with `.ci/postgres.sh start` (it installs PostgreSQL from the distribution packages if missing) ' +
  'and export QUARRY_TEST_PG_URL=<the URL it prints>; stop it with `.ci/postgres.sh stop`.';

/**
 * Each test file passes its own PostgreSQL schema name, so files running in
 * parallel never see each other's tables; the loader reaches it through the
 * URL's `options=-c search_path=…`, as a user could.
 */
export function postgresBackend(schema: string): TestBackend {
  let admin: pg.Client | undefined;
  let base: string | undefined;
  return {
    name: 'PostgreSQL',
    kind: 'postgres',
    async fresh() {
      if (!admin) {
        base = pgBaseUrl();
        if (!base) throw new Error(`PostgreSQL tests need a server and QUARRY_TEST_PG_URL is not set. ${HOW_TO_START}`);
        const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5000 });
        try {
          await client.connect();
        } catch (err) {
          throw new Error(`PostgreSQL tests cannot reach ${base}: ${(err as Error).message}. ${HOW_TO_START}`);
        }
        admin = client;
      }
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(base!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return url.toString();
    },
    async cleanup() {
      if (!admin) return;
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await admin.end();
      admin = undefined;
    },
  };
}
