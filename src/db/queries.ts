/**
 * The example analyst queries (schemas/db/example-queries.sql), parsed once so
 * the README, the tests and any caller run exactly the same SQL.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ExampleQuery {
  name: string;
  question: string;
  sql: string;
}

export const EXAMPLE_QUERIES_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'db', 'example-queries.sql');

/** Splits the file on `-- name:` lines; the SQL is the block without its comment lines or final semicolon. */
export function parseExampleQueries(text: string): ExampleQuery[] {
  const blocks = text.split(/^-- name:\s*/m).slice(1);
  return blocks.map((block) => {
    const [nameLine, ...lines] = block.split('\n');
    const question = lines.find((l) => l.startsWith('-- question:'))?.replace(/^-- question:\s*/, '') ?? '';
    const sql = lines
      .filter((l) => !l.startsWith('--'))
      .join('\n')
      .trim()
      .replace(/;\s*$/, '');
    return { name: nameLine.trim(), question, sql };
  });
}

export function exampleQueries(): ExampleQuery[] {
  return parseExampleQueries(readFileSync(EXAMPLE_QUERIES_PATH, 'utf8'));
}
