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

/** What we know about one line already in records.jsonl. */
export interface ExistingLine {
  sha256: string;
  fingerprint: string;
  offset: number;
  length: number;
  /** Input sequence number once this run matched it as up to date; -1 until then. */
  seq: number;
}

export interface JsonlResumeState {
  path: string;
  /** The last line per id (a later line supersedes an earlier one). */
  lines: Map<string, ExistingLine>;
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
 * indexes each id's last line. Memory: one small entry per existing record.
 */
export async function scanJsonl(path: string): Promise<JsonlResumeState> {
  const state: JsonlResumeState = { path, lines: new Map(), size: 0, cut: 0, dropped: 0 };
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

let lastFingerprint = '';

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
  if (state.lines.has(id)) state.dropped++;
  // Every line of a run carries the same fingerprint: one shared string, not a copy per line.
  const fp = typeof fingerprint === 'string' ? fingerprint : '';
  if (fp !== lastFingerprint) lastFingerprint = fp;
  state.lines.set(id, { sha256, fingerprint: lastFingerprint, offset, length, seq: -1 });
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
  const kept = [...state.lines.values()].sort((a, b) => a.offset - b.offset);
  let last = -1;
  for (const line of kept) {
    if (line.seq < 0) return true;
    if (line.seq < last) return true;
    last = line.seq;
  }
  return appendedSeqs.length > 0 && last > appendedSeqs[0];
}

/**
 * Rewrites records.jsonl with the kept old lines and this run's lines merged
 * in input order, via a temporary file and a rename (a kill leaves the old
 * file, which the next run compacts again).
 */
export async function compactJsonl(state: JsonlResumeState, appendedSeqs: readonly number[]): Promise<void> {
  const kept = [...state.lines.values()].filter((l) => l.seq >= 0).sort((a, b) => a.seq - b.seq);
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
    const emitOld = async (line: ExistingLine) => {
      const b = Buffer.allocUnsafe(line.length);
      await src.read(b, 0, line.length, line.offset);
      await emit(b);
    };
    for (const seq of appendedSeqs) {
      while (k < kept.length && kept[k].seq < seq) await emitOld(kept[k++]);
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
