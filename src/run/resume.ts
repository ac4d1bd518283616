/**
 * Resuming a run. A record is up to date when it was made from the same text
 * (source.sha256) by the same pipeline (extractor.fingerprint: version plus a
 * hash of lexicons and model weights); those are skipped on a rerun, so a run
 * that was interrupted completes by running again.
 *
 * `records.jsonl` is only ever appended to, one whole line per write call, so
 * the worst a kill leaves is a torn last line; the next run cuts it and
 * appends the rest in input order. Only when the file no longer matches the
 * input (stale or superseded lines, lines for ids not in this input, or an
 * article that failed before and succeeds now) is it compacted at the end of
 * a complete run: rewritten in input order to a temporary file and renamed.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { LineIndex } from './line-index.ts';

export interface JsonlResumeState {
  path: string;
  /** The last line per id (a later line supersedes an earlier one); each entry's seq is -1 until this run matches it as up to date. */
  lines: LineIndex;
  /** Bytes of whole lines kept from earlier runs; this run appends after them. */
  size: number;
  /** Bytes of a torn last line that were cut. */
  cut: number;
  /** Lines that cannot be kept whatever the input (unparsable or superseded). */
  dropped: number;
}

const CHUNK = 1 << 20;

/**
 * Reads an existing records.jsonl (if any), cuts a torn last line, and
 * indexes each id's last line. Memory: ~100 bytes per existing record (LineIndex).
 */
export async function scanJsonl(path: string): Promise<JsonlResumeState> {
  const state: JsonlResumeState = { path, lines: new LineIndex(), size: 0, cut: 0, dropped: 0 };
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return state;
    throw err;
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pending: Buffer[] = [];
    let pendingLen = 0;
    let lineStart = 0;
    let pos = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(10, from);
        if (nl < 0 || nl >= bytesRead) break;
        const piece = buf.subarray(from, nl);
        const line = pendingLen ? Buffer.concat([...pending, piece]) : piece;
        indexLine(state, line.toString('utf8'), lineStart, pendingLen + piece.length + 1);
        lineStart = pos + nl + 1;
        pending = [];
        pendingLen = 0;
        from = nl + 1;
      }
      if (from < bytesRead) {
        pending.push(Buffer.from(buf.subarray(from, bytesRead)));
        pendingLen += bytesRead - from;
      }
      pos += bytesRead;
    }
    state.size = lineStart;
    state.cut = pos - lineStart;
  } finally {
    await fh.close();
  }
  // A kill mid-write leaves a line without its newline: it is not a record.
  if (state.cut > 0) await truncate(path, state.size);
  return state;
}

function indexLine(state: JsonlResumeState, text: string, offset: number, length: number): void {
  let id: unknown, sha256: unknown, fingerprint: unknown;
  try {
    const r = JSON.parse(text);
    id = r?.id;
    sha256 = r?.source?.sha256;
    fingerprint = r?.extractor?.fingerprint;
  } catch {
    /* unparsable: dropped below */
  }
  if (typeof id !== 'string' || typeof sha256 !== 'string') {
    state.dropped++;
    return;
  }
  if (!state.lines.set(id, sha256, typeof fingerprint === 'string' ? fingerprint : '', offset, length)) state.dropped++;
}

/** Whether `<id>.json` holds a record of the same text made by the same pipeline. */
export async function jsonRecordIsCurrent(path: string, sha256: string, fingerprint: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return false;
  }
  try {
    const r = JSON.parse(text);
    return r?.source?.sha256 === sha256 && r?.extractor?.fingerprint === fingerprint;
  } catch {
    return false;
  }
}

/**
 * Whether records.jsonl must be rewritten after a complete run: true when
 * some old line is not kept, or kept lines are not in input order among
 * themselves or relative to what this run appended.
 */
export function needsCompaction(state: JsonlResumeState, appendedSeqs: readonly number[]): boolean {
  if (state.dropped > 0) return true;
  const lines = state.lines;
  const kept = [...lines.entries()].sort((a, b) => lines.offset(a) - lines.offset(b));
  let last = -1;
  for (const e of kept) {
    const seq = lines.seq(e);
    if (seq < 0 || seq < last) return true;
    last = seq;
  }
  return appendedSeqs.length > 0 && last > appendedSeqs[0];
}

/**
 * Rewrites records.jsonl with the kept old lines and this run's lines merged
 * in input order, via a temporary file and a rename (a kill leaves the old
 * file, which the next run compacts again).
 */
export async function compactJsonl(state: JsonlResumeState, appendedSeqs: readonly number[]): Promise<void> {
  const lines = state.lines;
  const kept = [...lines.entries()].filter((e) => lines.seq(e) >= 0).sort((a, b) => lines.seq(a) - lines.seq(b));
  const tmp = `${state.path}.tmp-${process.pid}`;
  const src = await open(state.path, 'r');
  const dst = await open(tmp, 'w');
  try {
    const fresh = createInterface({ input: createReadStream(state.path, { start: state.size }), crlfDelay: Infinity })[Symbol.asyncIterator]();
    let k = 0;
    let out: Buffer[] = [];
    let outLen = 0;
    const emit = async (b: Buffer) => {
      out.push(b);
      outLen += b.length;
      if (outLen >= CHUNK) {
        await dst.write(Buffer.concat(out));
        out = [];
        outLen = 0;
      }
    };
    const emitOld = async (e: number) => {
      const b = Buffer.allocUnsafe(lines.length(e));
      await src.read(b, 0, b.length, lines.offset(e));
      await emit(b);
    };
    for (const seq of appendedSeqs) {
      while (k < kept.length && lines.seq(kept[k]) < seq) await emitOld(kept[k++]);
      const next = await fresh.next();
      if (next.done) throw new Error(`${state.path}: fewer appended lines than recorded`);
      await emit(Buffer.from(next.value + '\n', 'utf8'));
    }
    while (k < kept.length) await emitOld(kept[k++]);
    if (outLen) await dst.write(Buffer.concat(out));
  } catch (err) {
    await dst.close();
    await rm(tmp, { force: true });
    throw err;
  } finally {
    await src.close();
  }
  await dst.close();
  await rename(tmp, state.path);
}
