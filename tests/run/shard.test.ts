import { describe, expect, it } from 'vitest';
import { parseShard, shardFileName, shardOf } from '../../src/run/shard.ts';

describe('parseShard', () => {
  it.each([
    ['0/4', { index: 0, count: 4 }],
    ['3/4', { index: 3, count: 4 }],
    ['0/1', { index: 0, count: 1 }],
    ['4/4', 'between 0 and N-1'],
    ['1/0', 'at least 1'],
    ['-1/4', 'look like I/N'],
    ['a/b', 'look like I/N'],
    ['2', 'look like I/N'],
  ])('%s', (spec, expected) => {
    const got = parseShard(spec);
    if (typeof expected === 'string') expect((got as { error: string }).error).toContain(expected);
    else expect(got).toEqual(expected);
  });
});

describe('shardOf', () => {
  const ids = Array.from({ length: 4000 }, (_, i) => `article-${i}`);

  it('is a pure function of the id (same shard on every machine and run)', () => {
    // Pinned values: SHA-256 of the id, first 48 bits, modulo N. A change here
    // would move articles between shards of an archive already split.
    // sha256('article-2') starts e1cf2b669ea9; 0xe1cf2b669ea9 % 1000 = 449.
    expect([shardOf('article-0', 4), shardOf('article-1', 4), shardOf('000_6d8a06d22f37ec03', 7), shardOf('article-2', 1000)]).toEqual([0, 1, 5, 449]);
    expect(shardOf('anything', 1)).toBe(0);
  });

  it.each([2, 3, 5, 16])('puts every id in exactly one of %i shards, roughly evenly', (n) => {
    const counts = new Array(n).fill(0);
    for (const id of ids) {
      const s = shardOf(id, n);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(n);
      counts[s]++;
    }
    const even = ids.length / n;
    for (const c of counts) expect(Math.abs(c - even)).toBeLessThan(even * 0.25);
  });
});

describe('shardFileName', () => {
  it.each([
    ['records.jsonl', undefined, 'records.jsonl'],
    ['records.jsonl', { index: 2, count: 8 }, 'records-2-of-8.jsonl'],
    ['errors.jsonl', { index: 0, count: 3 }, 'errors-0-of-3.jsonl'],
  ])('%s %j → %s', (base, shard, expected) => {
    expect(shardFileName(base, shard)).toBe(expected);
  });
});
