import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_NODE_FLAGS } from '../src/cli/node-flags.ts';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin/quarry.js');

/**
 * The folders tempDir made for this test file, removed after its last test
 * (each file loads this module afresh). Left behind, one run of the suite
 * put some 90 folders in the system's temporary folder, one of them 54 MB.
 */
const madeDirs: string[] = [];
afterAll(() => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary folder, removed once the test file is done. */
export function tempDir(prefix = 'quarry-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Node's arguments that run the real CLI with `args` as its shebang does (`node <CLI_NODE_FLAGS> bin/quarry.js …`). */
export const cliArgv = (args: string[]): string[] => [...CLI_NODE_FLAGS, BIN, ...args];

/** Runs the real CLI (cliArgv) in `cwd`, optionally feeding stdin. */
export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, cliArgv(args), { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Captures what a command run in process writes to stdout and stderr, afresh
 * for each test of the file that calls it.
 */
export function captureOutput(): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  beforeEach(() => {
    output.stdout = '';
    output.stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((output.stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((output.stderr += String(chunk)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return output;
}

/**
 * A stage's table of cases: `table(name, rows)` makes one test per row, in
 * which `run(input)` must give exactly the row's expected items (an empty
 * list: the input must yield nothing).
 */
export function stageTable<E>(run: (input: string) => E[]): (name: string, rows: Array<[string, E[]]>) => void {
  return (name, rows) =>
    describe(name, () => {
      it.each(rows)('%s', (input, expected) => {
        expect(run(input)).toEqual(expected);
      });
    });
}
