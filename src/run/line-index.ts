/**
 * The resume index of an existing records.jsonl, kept in typed arrays.
 *
 * A rerun must know, for every record already written, its id, source
 * sha256, pipeline fingerprint and where its line is. As a Map of small
 * objects that cost ~214 bytes per record (the id and the 64-character hash
 * as strings, an object, a Map entry): ~100 MB to resume a 1 GB archive, a
 * fifth of the 500 MB the whole run may use. Here an entry is the id's
 * IdTable entry, the source hash as its 32 bytes, the fingerprint as an index
 * into the few distinct fingerprints seen, the line's offset, length and
 * matched input position: about 100 bytes per record in all.
 */
import { createHash } from 'node:crypto';
import { grown } from '../core/typed.ts';
import { IdTable } from '../io/id-table.ts';

const SHA_BYTES = 32;
const HEX64 = /^[0-9a-f]{64}$/;

/** A source hash as 32 bytes: hex decoded when it is a SHA-256 in hex, otherwise hashed (any string still compares exactly). */
function shaBytes(sha256: string): Buffer {
  return HEX64.test(sha256) ? Buffer.from(sha256, 'hex') : createHash('sha256').update(`\u0000${sha256}`, 'utf8').digest();
}

export class LineIndex {
  private readonly ids = new IdTable();
  private shas = new Uint8Array(0);
  private offsets = new Float64Array(0);
  private lengths = new Uint32Array(0);
  private seqs = new Int32Array(0);
  private fps = new Uint16Array(0);
  private readonly fingerprints: string[] = [];

  /** Number of distinct ids. */
  get size(): number {
    return this.ids.size;
  }

  /**
   * Records the line of `id`; a later line of the same id replaces the
   * earlier one. Returns false when it replaced one.
   */
  set(id: string, sha256: string, fingerprint: string, offset: number, length: number): boolean {
    const entry = this.ids.intern(id);
    if (this.ids.added && this.offsets.length < this.ids.size) {
      this.offsets = grown(this.offsets, this.ids.size);
      const n = this.offsets.length;
      this.shas = grown(this.shas, n * SHA_BYTES);
      this.lengths = grown(this.lengths, n);
      this.seqs = grown(this.seqs, n);
      this.fps = grown(this.fps, n);
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
    return this.ids.added;
  }

  /** The entry of `id`, or -1. */
  find(id: string): number {
    return this.ids.find(id);
  }

  /** The entry of `id` when its line was made from the same text by the same pipeline, or -1. */
  findCurrent(id: string, sha256: string, fingerprint: string): number {
    const entry = this.ids.find(id);
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
    for (let e = 0; e < this.ids.size; e++) yield e;
  }
}
