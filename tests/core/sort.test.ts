import { describe, expect, it } from 'vitest';
import { orderByKey, sortByKey } from '../../src/core/sort.ts';

/** What sortByKey must equal: a stable comparator sort. */
const reference = (items: number[], keys: number[]) => items.slice().sort((a, b) => keys[a] - keys[b]);

describe('sortByKey', () => {
  it.each([
    { name: 'empty', items: [], keys: [] },
    { name: 'one item', items: [0], keys: [5] },
    { name: 'ascending keys', items: [0, 1, 2], keys: [1, 2, 3] },
    { name: 'descending keys', items: [0, 1, 2], keys: [30, 20, 10] },
    { name: 'ties keep the order of items', items: [2, 0, 3, 1], keys: [7, 7, 7, 7] },
    { name: 'ties among others', items: [0, 1, 2, 3, 4], keys: [5, 1, 5, 0, 1] },
    { name: 'items a subset, in their own order', items: [4, 1, 3], keys: [0, 9, 0, 2, 2] },
    { name: 'negative and fractional keys (no packing)', items: [0, 1, 2, 3], keys: [0.5, -2, 0.5, -7] },
    { name: 'keys past 2^31 (no packing)', items: [0, 1, 2], keys: [2 ** 40, 3, 2 ** 40] },
  ])('$name', ({ items, keys }) => {
    expect(sortByKey(items, keys)).toEqual(reference(items, keys));
  });

  it('orders like a stable sort on many character offsets with repeats', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const keys = Array.from({ length: 2000 }, () => next() % 500);
    const items = Array.from({ length: 2000 }, (_, i) => i).reverse();
    expect(sortByKey(items, keys)).toEqual(reference(items, keys));
  });

  it('leaves its input as it was', () => {
    const items = [2, 1, 0];
    sortByKey(items, [3, 2, 1]);
    expect(items).toEqual([2, 1, 0]);
  });
});

describe('orderByKey', () => {
  it.each([
    { keys: [] },
    { keys: [3, 1, 2] },
    { keys: [5, 1, 5, 0, 1] },
    { keys: [0.5, -2, 0.5] },
  ])('orders the indexes of $keys as a stable sort does', ({ keys }) => {
    expect(orderByKey(keys)).toEqual(reference(keys.map((_, i) => i), keys));
  });
});
