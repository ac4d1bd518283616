/** The committed DDL (schemas/db/*.sql), read once per open. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DB_SCHEMA_VERSION } from './rows.ts';

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'db');

export function readDdl(kind: 'sqlite' | 'postgres'): string {
  return readFileSync(join(SCHEMA_DIR, `${kind}.sql`), 'utf8');
}

/**
 * Refuses a database laid out by another release: there are no migrations yet,
 * and writing version-1 rows into another layout would corrupt it.
 */
export function checkStoredVersion(stored: number | null, where: string): void {
  if (stored === null || stored === DB_SCHEMA_VERSION) return;
  const why = stored > DB_SCHEMA_VERSION ? 'a newer quarry made it' : 'no migration from it exists yet';
  throw new Error(`${where} has database schema version ${stored}; this quarry writes version ${DB_SCHEMA_VERSION} and ${why}`);
}
