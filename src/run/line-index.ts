/**
 * The resume index of an existing records.jsonl, kept in typed arrays.
 *
 * A rerun must know, for every record already written, its id, source
 * sha256, pipeline fingerprint and where its line is. As a Map of small
 * objects that cost ~210 bytes per record (the id and the 64-character hash
 * as strings, an object, a Map entry): ~100 MB to resume a 1 GB archive,
 * a fifth of the 500 MB the whole run may use. Here an entry is 66 bytes of
 * typed arrays (~100 per record measured, with the hash table and the arrays'
 * growth room): the id is kept as 128 bits of its SHA-256 (a collision among
 * a billion ids has odds under 1 in 10^20), the source hash as its 32
 * bytes, the fingerprint as an index into the few distinct fingerprints seen.
 */
import { createHash } from 'node:crypto';

const ID_WORDS = 4; // 128 bits of the id's SHA-256
const SHA_BYTES = 32;
const HEX64 = /^[0-9a-f]{64}$/;

function idKey(id: string, out: Uint32Array, at: number): void {
  const d = createHash('sha256').update(id, 'utf8').digest();
  for (let w = 0; w < ID_WORDS; w++) out[at + w] = d.readUInt32LE(4 * w);
}

/** A source hash as 32 bytes: hex decoded when it is a SHA-256 in hex, otherwise hashed (any string still compares exactly). */
function shaBytes(sha256: string): Buffer {
  return HEX64.test(sha256) ? Buffer.from(sha256, 'hex') : createHash('sha256').update(`\u0000${sha256}`, 'utf8').digest();
}

export class LineIndex {
  /** Number of distinct ids. */
  size = 0;
  private capacity = 0;
  private keys = new Uint32Array(0);
  private shas = new Uint8Array(0);
  private offsets = new Float64Array(0);
  private lengths = new Uint32Array(0);
  private seqs = new Int32Array(0);
  private fps = new Uint16Array(0);
  private readonly fingerprints: string[] = [];
  /** Open-addressing table of entry numbers + 1 (0 = empty), keyed by the id hash. */
  private table = new Uint32Array(16);
  private readonly probe = new Uint32Array(ID_WORDS);

  /**
   * Records the line of `id`; a later line of the same id replaces the
   * earlier one. Returns false when it replaced one.
   */
  set(id: string, sha256: string, fingerprint: string, offset: number, length: number): boolean {
    idKey(id, this.probe, 0);
    let slot = this.slotOf(this.probe);
    let entry = this.table[slot] - 1;
    const fresh = entry < 0;
    if (fresh) {
      if (this.size === this.capacity) this.growEntries();
      entry = this.size++;
      this.keys.set(this.probe, entry * ID_WORDS);
      if (2 * this.size > this.table.length) {
        this.growTable();
        slot = this.slotOf(this.probe);
      }
      this.table[slot] = entry + 1;
    }
    this.shas.set(shaBytes(sha256), entry * SHA_BYTES);
    this.offsets[entry] = offset;
    this.lengths[entry] = length;
    this.seqs[entry] = -1;
    let fp = this.fingerprints.indexOf(fingerprint);
    if (fp < 0) {
      if (this.fingerprints.length === 0xffff) throw new Error('records.jsonl: too many distinct extractor fingerprints to resume');
      fp = this.fingerprints.push(fingerprint) - 1;
    }
    this.fps[entry] = fp;
    return fresh;
  }

  /** The entry of `id`, or -1. */
  find(id: string): number {
    idKey(id, this.probe, 0);
    return this.table[this.slotOf(this.probe)] - 1;
  }

  /** The entry of `id` when its line was made from the same text by the same pipeline, or -1. */
  findCurrent(id: string, sha256: string, fingerprint: string): number {
    const entry = this.find(id);
    if (entry < 0 || this.fingerprints[this.fps[entry]] !== fingerprint) return -1;
    const want = shaBytes(sha256);
    const at = entry * SHA_BYTES;
    for (let i = 0; i < SHA_BYTES; i++) if (this.shas[at + i] !== want[i]) return -1;
    return entry;
  }

  offset(entry: number): number {
    return this.offsets[entry];
  }

  length(entry: number): number {
    return this.lengths[entry];
  }

  /** Input sequence number the line was matched to in this run, -1 when not (yet). */
  seq(entry: number): number {
    return this.seqs[entry];
  }

  setSeq(entry: number, seq: number): void {
    this.seqs[entry] = seq;
  }

  /** Every entry, in the order their ids were first seen. */
  *entries(): IterableIterator<number> {
    for (let e = 0; e < this.size; e++) yield e;
  }

  /** Linear probing from the id hash's low bits; returns the slot holding it or the empty slot where it belongs. */
  private slotOf(key: Uint32Array): number {
    const mask = this.table.length - 1;
    for (let slot = key[0] & mask; ; slot = (slot + 1) & mask) {
      const e = this.table[slot] - 1;
      if (e < 0) return slot;
      const at = e * ID_WORDS;
      if (this.keys[at] === key[0] && this.keys[at + 1] === key[1] && this.keys[at + 2] === key[2] && this.keys[at + 3] === key[3]) return slot;
    }
  }

  private growTable(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    const mask = this.table.length - 1;
    for (const v of old) {
      if (v === 0) continue;
      let slot = this.keys[(v - 1) * ID_WORDS] & mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & mask;
      this.table[slot] = v;
    }
  }

  private growEntries(): void {
    const cap = Math.max(1024, this.capacity * 2);
    const grow = <T extends Uint32Array | Uint8Array | Float64Array | Int32Array | Uint16Array>(a: T, per: number, make: (n: number) => T): T => {
      const b = make(cap * per);
      b.set(a);
      return b;
    };
    this.keys = grow(this.keys, ID_WORDS, (n) => new Uint32Array(n));
    this.shas = grow(this.shas, SHA_BYTES, (n) => new Uint8Array(n));
    this.offsets = grow(this.offsets, 1, (n) => new Float64Array(n));
    this.lengths = grow(this.lengths, 1, (n) => new Uint32Array(n));
    this.seqs = grow(this.seqs, 1, (n) => new Int32Array(n));
    this.fps = grow(this.fps, 1, (n) => new Uint16Array(n));
    this.capacity = cap;
  }
}
