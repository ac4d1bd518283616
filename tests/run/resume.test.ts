import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactJsonl, needsCompaction, scanJsonl } from '../../src/run/resume.ts';
import { tempDir } from '../helpers.ts';

/** A minimal line with the fields resume reads (real records have many more). */
const line = (id: string, sha = `sha-${id}`, fp = 'fp1') => JSON.stringify({ id, source: { sha256: sha }, extractor: { fingerprint: fp } }) + '\n';

describe('scanJsonl', () => {
  it('indexes whole lines and cuts a torn last line from the file', async () => {
    const path = join(tempDir(), 'records.jsonl');
    const whole = line('a') + line('b');
    writeFileSync(path, whole + line('c').slice(0, 20));
    const state = await scanJsonl(path);
    expect(state.lines.size).toBe(2);
    expect(state.lines.find('c')).toBe(-1);
    expect(state.size).toBe(Buffer.byteLength(whole));
    expect(state.cut).toBe(20);
    expect(readFileSync(path, 'utf8')).toBe(whole);
    const b = state.lines.findCurrent('b', 'sha-b', 'fp1');
    expect(b).toBeGreaterThanOrEqual(0);
    expect([state.lines.offset(b), state.lines.length(b), state.lines.seq(b)]).toEqual([line('a').length, line('b').length, -1]);
  });

  it.each([
    ['no file', undefined, 0, 0],
    ['empty file', '', 0, 0],
    ['unparsable whole line', line('a') + '{"id": nope\n', 1, 1],
    ['same id twice: the later line wins, the earlier is dropped', line('a', 'old') + line('a', 'new'), 1, 1],
  ])('%s', async (_name, content, ids, dropped) => {
    const path = join(tempDir(), 'records.jsonl');
    if (content !== undefined) writeFileSync(path, content);
    const state = await scanJsonl(path);
    expect(state.lines.size).toBe(ids);
    expect(state.dropped).toBe(dropped);
    expect(state.cut).toBe(0);
    if (_name.startsWith('same id')) {
      expect(state.lines.findCurrent('a', 'new', 'fp1')).toBeGreaterThanOrEqual(0);
      expect(state.lines.findCurrent('a', 'old', 'fp1')).toBe(-1);
    }
  });

  it('reads lines longer than its read buffer', async () => {
    const path = join(tempDir(), 'records.jsonl');
    const big = line('big', 'x'.repeat(3 << 20));
    writeFileSync(path, line('a') + big + line('z'));
    const state = await scanJsonl(path);
    expect(state.lines.size).toBe(3);
    expect(state.lines.offset(state.lines.find('z'))).toBe(line('a').length + big.length);
  });
});

describe('needsCompaction and compactJsonl', () => {
  async function setup(old: string, appended: string) {
    const path = join(tempDir(), 'records.jsonl');
    writeFileSync(path, old);
    const state = await scanJsonl(path);
    writeFileSync(path, old + appended);
    return { path, state };
  }

  it('leaves a resumed file alone: old lines are the input prefix, new ones follow', async () => {
    const { state } = await setup(line('a') + line('b'), line('c'));
    state.lines.setSeq(state.lines.find('a'), 0);
    state.lines.setSeq(state.lines.find('b'), 1);
    expect(needsCompaction(state, [2])).toBe(false);
  });

  it.each([
    ['an old line no longer in the input', [0, -1], [2]],
    ['old lines matched out of order', [1, 0], [2]],
    ['an article that failed before now comes before old lines', [0, 2], [1]],
  ])('compacts when %s', async (_name, seqs, appended) => {
    const { state } = await setup(line('a') + line('b'), line('c'));
    state.lines.setSeq(state.lines.find('a'), seqs[0]);
    state.lines.setSeq(state.lines.find('b'), seqs[1]);
    expect(needsCompaction(state, appended)).toBe(true);
  });

  it('rewrites in input order, keeping only matched old lines and the new ones', async () => {
    // Old file: a (kept, input #2), stale (not matched), b (kept, input #0); this run appended c (#1) and d (#3).
    const { path, state } = await setup(line('a') + line('stale') + line('b'), line('c') + line('d'));
    state.lines.setSeq(state.lines.find('a'), 2);
    state.lines.setSeq(state.lines.find('b'), 0);
    expect(needsCompaction(state, [1, 3])).toBe(true);
    await compactJsonl(state, [1, 3]);
    expect(readFileSync(path, 'utf8')).toBe(line('b') + line('c') + line('a') + line('d'));
  });
});
