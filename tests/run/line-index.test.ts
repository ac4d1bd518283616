import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/run/line-index.ts';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

describe('LineIndex', () => {
  it.each([
    ['same id, text and pipeline', 'a', hex('x'), 'fp1', true],
    ['other text', 'a', hex('y'), 'fp1', false],
    ['other pipeline', 'a', hex('x'), 'fp2', false],
    ['other id', 'b', hex('x'), 'fp1', false],
    ['same hash, upper-case hex (not the same string)', 'a', hex('x').toUpperCase(), 'fp1', false],
  ])('findCurrent: %s', (_name, id, sha, fp, current) => {
    const index = new LineIndex();
    index.set('a', hex('x'), 'fp1', 0, 10);
    expect(index.findCurrent(id, sha, fp) >= 0).toBe(current);
  });

  it('compares non-hex source hashes exactly too', () => {
    const index = new LineIndex();
    index.set('a', 'sha-a', 'fp', 0, 1);
    expect(index.findCurrent('a', 'sha-a', 'fp')).toBe(0);
    expect(index.findCurrent('a', 'sha-b', 'fp')).toBe(-1);
  });

  it('lets a later line of an id replace the earlier one, keeping one entry', () => {
    const index = new LineIndex();
    expect(index.set('a', hex('old'), 'fp', 0, 10)).toBe(true);
    index.setSeq(0, 5);
    expect(index.set('a', hex('new'), 'fp', 10, 12)).toBe(false);
    expect(index.size).toBe(1);
    const e = index.find('a');
    expect([index.offset(e), index.length(e), index.seq(e)]).toEqual([10, 12, -1]);
    expect(index.findCurrent('a', hex('old'), 'fp')).toBe(-1);
  });
});
