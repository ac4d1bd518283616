import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/io/id-table.ts';

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
