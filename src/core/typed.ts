/** Typed arrays that grow: per-entry tables kept by the run, the id table, wink's marks, the tagger's caches. */

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/**
 * `a`, or a copy with room for at least `length` elements when it is
 * shorter. Growth is by half again, not double: these arrays live for the
 * whole run, and doubling leaves up to half of them empty.
 */
export function grown<T extends Typed>(a: T, length: number): T {
  if (a.length >= length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(length, 1024, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}
