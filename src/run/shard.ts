/**
 * `--shard I/N`: a deterministic partition of the articles by the SHA-256 of
 * their id, so N machines given the same input (a Kubernetes indexed Job, a
 * Slurm or AWS Batch array job, each told its index) extract every article
 * exactly once without talking to each other. Hashing the id rather than
 * counting positions keeps an article on the same shard when the input is
 * reordered or grows.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

/** Parses `I/N` (0 ≤ I < N), or says why it is not one. */
export function parseShard(spec: string): Shard | { error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) return { error: `--shard must look like I/N (e.g. 0/4), not "${spec}"` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return { error: `--shard ${spec}: N must be at least 1` };
  if (index >= count) return { error: `--shard ${spec}: I must be between 0 and N-1` };
  return { index, count };
}

/**
 * The shard an id belongs to among `count`: the first 48 bits of SHA-256(id)
 * modulo count (48 bits stay exact in a double; the modulo bias is below
 * count/2^48, i.e. nothing).
 */
export function shardOf(id: string, count: number): number {
  if (count === 1) return 0;
  const digest = createHash('sha256').update(id, 'utf8').digest();
  return digest.readUIntBE(0, 6) % count;
}

/** Output file name for a shard: `records.jsonl` → `records-I-of-N.jsonl`. */
export function shardFileName(base: string, shard: Shard | undefined): string {
  if (!shard) return base;
  const dot = base.lastIndexOf('.');
  return `${base.slice(0, dot)}-${shard.index}-of-${shard.count}${base.slice(dot)}`;
}
