import { describe, expect, it } from 'vitest';
import { grown, IdTable } from '../../src/io/id-table.ts';

describe('IdTable', () => {
  it('numbers ids in the order first seen and finds each again, through the table growing', () => {
    const ids = new IdTable();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      expect(ids.intern(`id-${i}`)).toBe(i);
      expect(ids.added).toBe(true);
    }
    expect(ids.size).toBe(n);
    for (let i = 0; i < n; i += 7) expect(ids.find(`id-${i}`)).toBe(i);
    expect(ids.intern('id-123')).toBe(123);
    expect(ids.added).toBe(false);
    expect(ids.size).toBe(n);
  });

  it.each([['never added', 'id-x'], ['empty', ''], ['differs in case', 'ID-1'], ['differs in Unicode form', 'cafe\u0301']])('finds nothing for an id %s', (_name, id) => {
    const ids = new IdTable();
    for (const known of ['id-1', 'café', 'id-2']) ids.intern(known);
    expect(ids.find(id)).toBe(-1);
  });
});

describe('grown', () => {
  it('keeps the contents and type, and returns the same array when it is long enough', () => {
    const a = new Float64Array([1.5, 2.5]);
    expect(grown(a, 2)).toBe(a);
    const b = grown(a, 3);
    expect(b).toBeInstanceOf(Float64Array);
    expect(b.length).toBeGreaterThanOrEqual(3);
    expect([...b.subarray(0, 2)]).toEqual([1.5, 2.5]);
  });
});
