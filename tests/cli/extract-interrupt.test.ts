/**
 * A long run survives interruption (issue 7): SIGINT/SIGTERM stop it cleanly
 * with exit 130 and a summary; SIGKILL at any moment leaves only whole
 * records, and a second run completes the output exactly as an uninterrupted
 * run writes it. Plus: memory stays flat on a 50 MB archive.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticJsonl } from '../../src/run/synthetic.ts';
import { runCli, tempDir } from '../helpers.ts';
import { folderContents, makeArchive, startCli, waitFor } from '../run/helpers.ts';

const N = 160;
let dir: string;
let archive: string;
let refJsonl: string;
const read = (p: string) => readFileSync(p, 'utf8');
const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);

beforeAll(async () => {
  dir = tempDir('quarry-interrupt-');
  archive = join(dir, 'archive.jsonl');
  await makeArchive(archive, N, { bad: true, seed: 11 });
  const ref = join(dir, 'ref');
  const r = await runCli(['extract', archive, '--out', ref, '--format', 'jsonl', '--quiet']);
  expect(r.code).toBe(1);
  refJsonl = read(join(ref, 'records.jsonl'));
});

/** Whole lines only, each one the reference's line at the same place. */
function expectWholePrefix(path: string) {
  const got = read(path);
  expect(refJsonl.startsWith(got)).toBe(true);
  expect(got === '' || got.endsWith('\n')).toBe(true);
}

describe('SIGINT and SIGTERM', () => {
  it.each([['SIGINT'], ['SIGTERM']] as const)('%s: stops taking articles, writes the summary, exits 130; a rerun completes it', async (signal) => {
    const out = join(dir, `sig-${signal}`);
    const records = join(out, 'records.jsonl');
    const run = startCli(['extract', archive, '--out', out, '--format', 'jsonl', '--jobs', '2']);
    await waitFor(() => size(records) > 0);
    run.child.kill(signal);
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/\d+ extracted, \d+ failed, 0 skipped, interrupted/);
    const extracted = Number(/(\d+) extracted/.exec(r.stderr.split('\n').filter(Boolean).at(-1)!)![1]);
    expect(extracted).toBeLessThan(N);
    expectWholePrefix(records);
    const again = await runCli(['extract', archive, '--out', out, '--format', 'jsonl', '--jobs', '2']);
    expect(again.stderr).toMatch(new RegExp(`${N - extracted} extracted, 4 failed, ${extracted} skipped`));
    expect(read(records)).toBe(refJsonl);
  });
});

describe('SIGKILL at random moments', () => {
  // Three kill points, at random fractions of the output: each leaves whole lines
  // (a torn last one at most) and a rerun makes exactly the uninterrupted file.
  const fractions = [0.15, 0.5, 0.85].map((f) => Math.min(0.95, f + (Math.random() - 0.5) * 0.2));
  it.each(fractions.map((f) => [f]))('jsonl, killed at %f of the output, then rerun', async (fraction) => {
    const out = join(dir, `kill-${fraction}`);
    const records = join(out, 'records.jsonl');
    const run = startCli(['extract', archive, '--out', out, '--format', 'jsonl', '--jobs', '2', '--quiet']);
    const target = Math.floor(Buffer.byteLength(refJsonl) * fraction);
    await waitFor(() => size(records) >= target, 60_000, 2);
    run.child.kill('SIGKILL');
    const r = await run.done;
    expect(r.code, 'killed before it finished').toBe(-1);
    const left = read(records);
    const whole = left.slice(0, left.lastIndexOf('\n') + 1);
    expect(refJsonl.startsWith(whole), `at ${fraction}`).toBe(true);
    const again = await runCli(['extract', archive, '--out', out, '--format', 'jsonl', '--jobs', '2']);
    expect(again.code).toBe(1); // the archive's four bad lines
    expect(read(records), `at ${fraction}`).toBe(refJsonl);
    expect(readdirSync(out).sort()).toEqual(['errors.jsonl', 'records.jsonl']);
  });

  it('json, killed mid-run, then rerun: every file whole and identical, no temporary files left', async () => {
    const out = join(dir, 'kill-json');
    const run = startCli(['extract', archive, '--out', out, '--jobs', '2', '--quiet']);
    const target = Math.floor(N * (0.3 + Math.random() * 0.4));
    await waitFor(() => existsSync(out) && readdirSync(out).length >= target, 60_000, 2);
    run.child.kill('SIGKILL');
    expect((await run.done).code).toBe(-1);
    for (const name of readdirSync(out).filter((f) => f.endsWith('.json'))) expect(() => JSON.parse(read(join(out, name)))).not.toThrow();
    await runCli(['extract', archive, '--out', out, '--jobs', '2', '--quiet']);
    const files = folderContents(out);
    const expected: { [name: string]: string } = { 'errors.jsonl': read(join(dir, 'ref/errors.jsonl')) };
    for (const line of refJsonl.trim().split('\n')) {
      const rec = JSON.parse(line);
      expected[`${rec.id}.json`] = JSON.stringify(rec, null, 2) + '\n';
    }
    expect(Object.keys(files).sort()).toEqual(Object.keys(expected).sort());
    for (const name of Object.keys(expected)) expect(files[name], name).toBe(expected[name]);
  });
});

describe('memory', () => {
  it('stays flat on a 50 MB archive', async () => {
    const big = join(dir, 'big.jsonl');
    const { bytes } = await writeSyntheticJsonl(big, { bytes: 50_000_000, seed: 3 });
    expect(bytes).toBeGreaterThan(50_000_000);
    // All 50 MB stream through reading, id checks, hashing, sharding and the
    // reorder buffer; one article in 50 is extracted, to keep the test short.
    // The main thread's heap is capped well below the archive's size, so
    // anything kept per article (text, record, promise) ends in an
    // out-of-memory crash; the process peak is bounded too.
    const run = startCli(['extract', big, '--out', join(dir, 'big-out'), '--format', 'jsonl', '--jobs', '2', '--shard', '0/50', '--quiet'], {
      env: { NODE_OPTIONS: '--max-old-space-size=96' },
      watchMemory: true,
    });
    const r = await run.done;
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const lines = read(join(dir, 'big-out/records-0-of-50.jsonl')).split('\n').filter(Boolean).length;
    expect(lines).toBeGreaterThan(300);
    expect(run.peakRssMb()).toBeGreaterThan(50);
    expect(run.peakRssMb()).toBeLessThan(600);
  });
});
