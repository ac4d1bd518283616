/**
 * Feature keys without building strings: a feature is a template number and
 * one to three strings (or a slice of one), hashed by two independent 32-bit
 * hashes (FNV-1a and a multiply-xorshift) combined into one 53-bit integer,
 * exact in a double. Building and hashing a string per feature was most of the
 * tagger's time; collisions among the ~10^5 kept features are vanishingly rare
 * at 53 bits.
 */

const SEP = 0x1f;

let a = 0;
let b = 0;

function begin(template: number): void {
  a = Math.imul(0x811c9dc5 ^ template, 0x01000193);
  b = Math.imul(0x9e3779b9 ^ template, 0x85ebca6b);
  b ^= b >>> 13;
}

function feedCode(c: number): void {
  a = Math.imul(a ^ c, 0x01000193);
  b = Math.imul(b ^ c, 0xc2b2ae35);
  b ^= b >>> 16;
}

function feed(s: string, from = 0, to = s.length): void {
  for (let i = from; i < to; i++) feedCode(s.charCodeAt(i));
  feedCode(SEP);
}

function end(): number {
  return (a >>> 0) * 2097152 + ((b >>> 0) >>> 11);
}

export function key1(t: number, s: string): number {
  begin(t);
  feed(s);
  return end();
}

export function key2(t: number, s1: string, s2: string): number {
  begin(t);
  feed(s1);
  feed(s2);
  return end();
}

export function key3(t: number, s1: string, s2: string, s3: string): number {
  begin(t);
  feed(s1);
  feed(s2);
  feed(s3);
  return end();
}

/** Key of template `t` with the characters [from, to) of `s`. */
export function keySlice(t: number, s: string, from: number, to: number): number {
  begin(t);
  feed(s, from, to);
  return end();
}

/** Key of template `t` with small integers (label indexes). */
export function keyInts(t: number, x: number, y = -1): number {
  begin(t);
  feedCode(x + 1);
  feedCode(y + 1);
  return end();
}

/** Key of template `t` with an integer and a string. */
export function keyIntStr(t: number, x: number, s: string): number {
  begin(t);
  feedCode(x + 1);
  feed(s);
  return end();
}

/**
 * Two-string keys in two steps, for a first string that recurs: the hash
 * state after the template and the first string (`prefixState`, read back
 * with `stateA`/`stateB`), then `keyFrom` that state with the second string.
 * keyFrom(prefixState(t, s1), s2) === key2(t, s1, s2).
 */
export function prefixState(t: number, s: string): void {
  begin(t);
  feed(s);
}

export function stateA(): number {
  return a;
}

export function stateB(): number {
  return b;
}

export function keyFrom(a0: number, b0: number, s: string): number {
  a = a0;
  b = b0;
  feed(s);
  return end();
}
