/** `quarry load` end to end in a temporary folder: inputs, messages, exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOAD_HELP, runLoad } from '../../src/cli/commands/load.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { openDatabase } from '../../src/db/index.ts';
import { parseDatabaseUrl, redactUrl } from '../../src/db/url.ts';
import { postgresBackend } from './backends.ts';
import { queryRecords } from './fixtures.ts';

const [A1, A2, A3, A4] = queryRecords();
const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

let dir: string;
let stderr: string;
let stdout: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-load-'));
  stderr = '';
  stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** An output folder as quarry extract leaves it, plus things that are not records. */
function outputFolder(): string {
  const out = join(dir, 'output');
  mkdirSync(join(out, 'nested'), { recursive: true });
  writeFileSync(join(out, `${A1.id}.json`), JSON.stringify(A1, null, 2));
  writeFileSync(join(out, `${A2.id}.json`), JSON.stringify(A2, null, 2));
  writeFileSync(join(out, 'records.jsonl'), jsonl(A3, A4));
  writeFileSync(join(out, 'errors.jsonl'), '{"source":"x.txt","error":"empty"}\n');
  writeFileSync(join(out, 'nested', 'other.json'), '{"not":"a record"}');
  return out;
}

async function articleIds(url: string): Promise<string[]> {
  const db = await openDatabase(url);
  try {
    return (await db.query('SELECT id FROM articles ORDER BY id')).map((r) => String(r.id));
  } finally {
    await db.close();
  }
}

describe('quarry load (SQLite)', () => {
  it('loads an output folder, then finds everything unchanged', async () => {
    const out = outputFolder();
    const url = `sqlite:${join(dir, 'db', 'quarry.db')}`;
    expect(await runLoad([out, '--db', url])).toBe(0);
    expect(stderr).toMatch(/4 records → sqlite:.*: 4 inserted, 0 replaced, 0 unchanged, 0 failed/);
    expect(await articleIds(url)).toEqual([A1.id, A2.id, A3.id, A4.id]);
    stderr = '';
    expect(await runLoad([out, '--db', url, '--batch-size', '1'])).toBe(0);
    expect(stderr).toMatch(/0 inserted, 0 replaced, 4 unchanged, 0 failed/);
  });

  it('names every bad input, loads the good ones and exits 1', async () => {
    const out = join(dir, 'mixed');
    mkdirSync(out);
    writeFileSync(join(out, 'a.json'), JSON.stringify(A1));
    writeFileSync(join(out, 'broken.json'), '{"id": ');
    writeFileSync(join(out, 'list.json'), JSON.stringify([A2]));
    writeFileSync(join(out, 'records.jsonl'), `${JSON.stringify(A3)}\nnot json\n\n${JSON.stringify({ ...A4, offsets: 'bytes' })}\n`);
    const url = `sqlite:${join(dir, 'q.db')}`;
    expect(await runLoad([out, join(dir, 'missing.json'), join(dir, 'notes.txt'), '--db', url])).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        `quarry load: ${join(dir, 'missing.json')}: no such file or folder`,
        `quarry load: ${join(dir, 'notes.txt')}: no such file or folder`,
        expect.stringMatching(/broken\.json: malformed JSON/),
        expect.stringMatching(/list\.json: not a record \(a JSON object was expected\)/),
        expect.stringMatching(/records\.jsonl:2: malformed JSON/),
        expect.stringMatching(new RegExp(`records\\.jsonl:4 \\(${A4.id}\\): not a valid record: offsets`)),
      ]),
    );
    expect(stderr).toMatch(/2 inserted, 0 replaced, 0 unchanged, 6 failed/);
    expect(await articleIds(url)).toEqual([A1.id, A3.id]);
  });

  it.each([
    ['an empty folder', () => [mkdirSync(join(dir, 'empty')) ?? join(dir, 'empty')]],
    ['only missing paths', () => [join(dir, 'nope')]],
  ])('exits 2 when it finds no records at all: %s', async (_why, args) => {
    expect(await runLoad([...args(), '--db', `sqlite:${join(dir, 'q.db')}`])).toBe(2);
    expect(stderr).toMatch(/no records found/);
  });

  it.each([
    [['--db', 'mysql://localhost/x'], /unsupported database URL/],
    [['--db', 'sqlite:'], /names no file/],
    [['--batch-size', '0'], /--batch-size must be a positive whole number/],
    [['--batch-size', 'many'], /--batch-size/],
    [['--table', 'x'], /Unknown option/],
  ])('%j is a usage error', async (args, message) => {
    await expect(runLoad(args)).rejects.toThrow(UsageError);
    await expect(runLoad(args)).rejects.toThrow(message);
  });

  it('prints its help', async () => {
    expect(await runLoad(['--help'])).toBe(0);
    expect(stdout).toBe(LOAD_HELP + '\n');
    expect(LOAD_HELP).toMatch(/--db URL/);
  });

  it('exits 1 and hides the password when the database cannot be opened', async () => {
    const out = outputFolder();
    expect(await runLoad([out, '--db', 'postgres://quarry:hunter2@127.0.0.1:1/none'])).toBe(1);
    expect(stderr).toMatch(/cannot open postgres:\/\/quarry:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(stderr).not.toMatch(/hunter2/);
  });

  it('reads JSONL records from standard input with -', () => {
    const url = `sqlite:${join(dir, 'stdin.db')}`;
    const script = `const { runLoad } = await import(${JSON.stringify(resolve('src/cli/commands/load.ts'))}); process.exitCode = await runLoad(process.argv.slice(1));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '-', '--db', url], {
      input: jsonl(A1, A2) + '{oops\n',
      encoding: 'utf8',
    });
    expect(run.stderr).toMatch(/quarry load: -:3: malformed JSON/);
    expect(run.stderr).toMatch(/2 inserted, 0 replaced, 0 unchanged, 1 failed/);
    expect(run.status).toBe(1);
  });
});

describe('database URLs', () => {
  it.each([
    ['sqlite:output/quarry.db', { kind: 'sqlite', path: 'output/quarry.db' }],
    ['sqlite:///var/db/q.db', { kind: 'sqlite', path: '/var/db/q.db' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['postgres://u@h:5432/d', { kind: 'postgres', connectionString: 'postgres://u@h:5432/d' }],
    ['postgresql:///d', { kind: 'postgres', connectionString: 'postgresql:///d' }],
  ])('%s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  it.each(['output/quarry.db', 'mysql://h/d', 'sqlite:', ''])('rejects %j', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(/sqlite:PATH/);
  });

  it.each([
    ['postgres://u:secret@h/d', 'postgres://u:***@h/d'],
    ['postgresql://u:p%40ss@h:1/d', 'postgresql://u:***@h:1/d'],
    ['postgres://u@h/d', 'postgres://u@h/d'],
    ['sqlite:a:b@c.db', 'sqlite:a:b@c.db'],
  ])('redacts %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('quarry load (PostgreSQL)', () => {
  const backend = postgresBackend('quarry_cli_test');
  afterAll(() => backend.cleanup());

  it('loads an output folder through --db postgres://…, then finds everything unchanged', async () => {
    const url = await backend.fresh();
    const out = outputFolder();
    expect(await runLoad([out, '--db', url])).toBe(0);
    expect(stderr).toMatch(/4 inserted, 0 replaced, 0 unchanged, 0 failed/);
    expect(await articleIds(url)).toEqual([A1.id, A2.id, A3.id, A4.id].sort());
    stderr = '';
    expect(await runLoad([out, '--db', url])).toBe(0);
    expect(stderr).toMatch(/0 inserted, 0 replaced, 4 unchanged, 0 failed/);
  });
});
