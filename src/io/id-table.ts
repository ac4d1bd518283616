/**
 * A set of article ids that numbers them 0, 1, 2… in the order first seen,
 * without keeping the id strings. A run over millions of articles keeps one
 * entry per article to its end (to refuse duplicate ids; on a rerun, to find
 * the records already written), and a Map keyed by the ids holds every id
 * string besides its entry. Here an id is kept as 128 bits of its SHA-256 in
 * an open-addressing table: 16 bytes plus the table's 8 to 16. Two different
 * ids collide with odds under 1 in 10^20 for a billion ids.
 *
 * Callers keep what they know about each id in their own arrays, indexed by
 * the entry number (see `grown`, src/core/typed.ts).
 */
import { createHash } from 'node:crypto';
import { grown } from '../core/typed.ts';

const WORDS = 4; // 128 bits

export class IdTable {
  /** Number of distinct ids; entries are numbered 0 … size-1. */
  size = 0;
  /** Whether the last `intern` added the id. */
  added = false;
  private keys = new Uint32Array(0);
  /** Entry number + 1 per slot (0 = empty); at most half full. */
  private table = new Uint32Array(16);
  private readonly probe = new Uint32Array(WORDS);

  /** The entry of `id`, or -1. */
  find(id: string): number {
    this.hash(id);
    return this.table[this.slotOfProbe()] - 1;
  }

  /** The entry of `id`, adding it as entry `size` when it is new (`added` says which). */
  intern(id: string): number {
    this.hash(id);
    let slot = this.slotOfProbe();
    const found = this.table[slot] - 1;
    this.added = found < 0;
    if (!this.added) return found;
    const entry = this.size++;
    if (this.keys.length < this.size * WORDS) this.keys = grown(this.keys, this.size * WORDS);
    this.keys.set(this.probe, entry * WORDS);
    if (2 * this.size > this.table.length) {
      this.rehash();
      slot = this.slotOfProbe();
    }
    this.table[slot] = entry + 1;
    return entry;
  }

  private hash(id: string): void {
    const d = createHash('sha256').update(id, 'utf8').digest();
    for (let w = 0; w < WORDS; w++) this.probe[w] = d.readUInt32LE(4 * w);
  }

  /** Linear probing from the hash's low bits: the slot holding the probe's id, or the empty slot where it belongs. */
  private slotOfProbe(): number {
    const key = this.probe;
    const mask = this.table.length - 1;
    for (let slot = key[0] & mask; ; slot = (slot + 1) & mask) {
      const e = this.table[slot] - 1;
      if (e < 0) return slot;
      const at = e * WORDS;
      if (this.keys[at] === key[0] && this.keys[at + 1] === key[1] && this.keys[at + 2] === key[2] && this.keys[at + 3] === key[3]) return slot;
    }
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    const mask = this.table.length - 1;
    for (const v of old) {
      if (v === 0) continue;
      let slot = this.keys[(v - 1) * WORDS] & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = v;
    }
  }
}
