/**
 * Sorting on numeric keys without a comparator function, for the stages'
 * per-article code. A comparator that reads per-article data has to be a
 * closure made anew for each article, and V8 keeps a closure's optimised
 * code only weakly: after every full collection such closures ran
 * unoptimised and were compiled again, some 200 compilations per 1,500
 * articles in a pool thread (README, Design).
 */

/** Keys up to this bound pack with an index below INDEX_BOUND into one exact float64 (2^31 * 2^21 = 2^52). */
const KEY_BOUND = 2 ** 31;
const INDEX_BOUND = 2 ** 21;

/**
 * `items` (numbers indexing `keys`) ordered by `keys[item]`, ascending;
 * items with equal keys keep their order in `items`, as with a stable sort.
 * Each item's key and position are packed into one float64 and the packed
 * values sorted as numbers.
 */
export function sortByKey(items: readonly number[], keys: ArrayLike<number>): number[] {
  const n = items.length;
  if (n < 2) return items.slice();
  if (n >= INDEX_BOUND) return fallbackSort(items, keys);
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const key = keys[items[k]];
    if (!(Number.isInteger(key) && key >= 0 && key < KEY_BOUND)) return fallbackSort(items, keys);
    packed[k] = key * INDEX_BOUND + k;
  }
  packed.sort();
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = items[packed[k] % INDEX_BOUND];
  return out;
}

/** The indexes 0…keys.length-1 ordered by their keys, ties in index order (sortByKey over every index). */
export function orderByKey(keys: ArrayLike<number>): number[] {
  const all = new Array<number>(keys.length);
  for (let i = 0; i < keys.length; i++) all[i] = i;
  return sortByKey(all, keys);
}

/** The same order for keys that do not pack (negative, fractional or huge): rare, so a comparator does. */
function fallbackSort(items: readonly number[], keys: ArrayLike<number>): number[] {
  return items.slice().sort((a, b) => keys[a] - keys[b]);
}
