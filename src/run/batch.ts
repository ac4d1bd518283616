/**
 * A batch run: streams articles from the inputs, extracts them in a worker
 * pool, and writes records and errors as they come, in input order.
 *
 * Memory stays flat because reading never runs more than `window` articles
 * ahead of writing: that bounds the articles in workers, in the reorder
 * buffer and in write queues together, whatever the size of the archive.
 */
import { createHash } from 'node:crypto';
import { open, opendir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import pLimit from 'p-limit';
import { readArticles, type InputError, type InputItem, type InputSpec } from '../io/inputs.ts';
import { errorLine, pathInside, writeFileAtomic } from '../io/outputs.ts';
import { pipelineFingerprint } from '../version.ts';
import { Reorderer } from './order.ts';
import { ARTICLES_PER_TASK, ExtractPool } from './pool.ts';
import type { Progress } from './progress.ts';
import { compactJsonl, jsonRecordIsCurrent, needsCompaction, scanJsonl, type JsonlResumeState } from './resume.ts';
import { shardFileName, shardOf, type Shard } from './shard.ts';

export type ErrorEntry = Omit<InputError, 'kind'>;

/**
 * SIGINT/SIGTERM: the first request stops reading and lets the articles in
 * flight finish (each is bounded by --timeout-ms); a second one abandons
 * them (threads terminated, nothing more written).
 */
export class StopSignal {
  requested = false;
  abandoned = false;
  private readonly abandonFns: Array<() => void> = [];
  private waiter: (() => void) | undefined;

  request(): void {
    if (this.requested) {
      if (!this.abandoned) {
        this.abandoned = true;
        for (const fn of this.abandonFns) fn();
      }
      return;
    }
    this.requested = true;
    this.waiter?.();
  }

  /**
   * `p`, or 'stop' as soon as a stop is requested. Not Promise.race against
   * one long-lived promise: that leaves a reaction on it per call, each
   * holding its article, which is a leak the size of the archive.
   */
  race<T>(p: Promise<T>): Promise<T | 'stop'> {
    if (this.requested) return Promise.resolve('stop');
    return new Promise<T | 'stop'>((resolve, reject) => {
      this.waiter = () => resolve('stop');
      p.then(
        (v) => {
          this.waiter = undefined;
          resolve(v);
        },
        (err) => {
          this.waiter = undefined;
          reject(err);
        },
      );
    });
  }

  onAbandon(fn: () => void): void {
    this.abandonFns.push(fn);
  }
}

export interface BatchOptions {
  specs: Array<InputSpec | InputError>;
  /** Output folder, or undefined with `stdout` set for `--out -`. */
  dir?: string;
  stdout?: Writable;
  format: 'json' | 'jsonl';
  jobs: number;
  timeoutMs: number;
  /** Old-generation heap of each worker thread in MB (default WORKER_HEAP_MB). */
  workerHeapMb?: number;
  /** Redo articles whose record is already up to date. */
  force: boolean;
  shard?: Shard;
  progress: Progress;
  /** Told about each failed article as it is written (stderr message). */
  onError: (e: ErrorEntry) => void;
  /** Triggered by the caller on SIGINT/SIGTERM. */
  stop: StopSignal;
  /** Told each record made by this run (its JSON), e.g. to load it into a database as it comes. */
  onRecord?: (json: string) => Promise<void>;
  /** Benchmark: each stage's total ms over the run. */
  stageMs?: { [stage: string]: number };
  /** Articles handed to workers ahead of the writer; default batchWindow(jobs). */
  window?: number;
  /**
   * A pool made by the caller (the benchmark warms its threads first), with
   * `threads` = jobs and `maxInFlight` ≥ the window; the run uses it and
   * leaves it open. By default the run makes its own and closes it.
   */
  pool?: ExtractPool;
  /** Concurrent file reads and writes (resume checks, `<id>.json` files). */
  ioConcurrency?: number;
}

export interface BatchSummary {
  extracted: number;
  skipped: number;
  failed: number;
  interrupted: boolean;
  /** Bytes (UTF-8) of the article texts that went through the pipeline. */
  bytes: number;
}

/** Entries without an article (another shard's, input errors) allowed to queue behind a slow article. */
const MAX_PLACEHOLDERS = 100_000;

type Outcome =
  | { kind: 'record'; line?: string }
  | { kind: 'skipped' }
  | { kind: 'error'; error: ErrorEntry }
  /** Another shard's article, or abandoned on a second signal. */
  | { kind: 'none' };

async function openAppend(path: string): Promise<FileHandle> {
  return open(path, 'a');
}

/**
 * The source hash as the pipeline computes it (pipeline.ts sha256Hex), done
 * here so the main thread never imports the pipeline: that would load the
 * language model and NER weights a third time, in a thread that never uses them.
 */
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files (`*.tmp-<pid>-<n>`, `records.jsonl.tmp-<pid>`) left
 * by a run killed with SIGKILL, when their process is gone. Streams the
 * folder (a json run may hold millions of files). Not done for --shard runs:
 * shards may share the folder across machines, where a pid means nothing.
 */
async function removeStaleTemps(dir: string): Promise<void> {
  const dirents = await opendir(dir);
  for await (const d of dirents) {
    const m = /\.tmp-(\d+)(?:-\d+)?$/.exec(d.name);
    if (m && d.isFile() && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) await rm(join(dir, d.name), { force: true });
  }
}

/**
 * Articles a run lets ahead of its writer (the memory bound; see the top of
 * this file): two tasks' worth per job, one running and the next filling up,
 * at least 8.
 */
export const batchWindow = (jobs: number) => Math.max(8, jobs * 2 * ARTICLES_PER_TASK);

export async function runBatch(o: BatchOptions): Promise<BatchSummary> {
  const fingerprint = pipelineFingerprint();
  const window = o.window ?? batchWindow(o.jobs);
  const io = pLimit(o.ioConcurrency ?? 16);
  const summary: BatchSummary = { extracted: 0, skipped: 0, failed: 0, interrupted: false, bytes: 0 };

  let jsonl: JsonlResumeState | undefined;
  let recordsFh: FileHandle | undefined;
  let errorsFh: FileHandle | undefined;
  const appendedSeqs: number[] = [];
  if (o.dir) {
    if (!o.shard) await removeStaleTemps(o.dir);
    if (o.format === 'jsonl') {
      const path = pathInside(o.dir, shardFileName('records.jsonl', o.shard));
      if (o.force) (await open(path, 'w')).close();
      jsonl = await scanJsonl(path);
      recordsFh = await openAppend(path);
    }
    // Failed articles are retried on every run, so each run writes its errors afresh.
    errorsFh = await open(pathInside(o.dir, shardFileName('errors.jsonl', o.shard)), 'w');
  }

  let written = 0;
  let launched = 0;
  let articlesWritten = 0;
  let wake: (() => void) | undefined;
  const order = new Reorderer<{ seq: number; outcome: Outcome; article?: true }>(async (batch) => {
    try {
      let records = '';
      let errors = '';
      for (const { seq, outcome, article } of batch) {
        if (article) articlesWritten++;
        if (outcome.kind === 'record') {
          summary.extracted++;
          if (outcome.line !== undefined) {
            records += outcome.line;
            if (jsonl) appendedSeqs.push(seq);
          }
        } else if (outcome.kind === 'skipped') summary.skipped++;
        else if (outcome.kind === 'error') {
          summary.failed++;
          errors += errorLine(outcome.error);
          o.onError(outcome.error);
        }
      }
      // One write call per batch of whole lines: a kill can only tear the last line.
      if (records) {
        if (recordsFh) await recordsFh.write(records);
        else if (o.stdout) await writeStream(o.stdout, records);
      }
      if (errors && errorsFh) await errorsFh.write(errors);
      written += batch.length;
      o.progress.update(summary);
    } finally {
      wake?.();
      wake = undefined;
    }
  });

  const pool = o.pool ?? await ExtractPool.start({ threads: o.jobs, timeoutMs: o.timeoutMs, maxInFlight: window, workerHeapMb: o.workerHeapMb });
  const closePool = () => (o.pool ? Promise.resolve() : pool.close());
  const inFlight = new Set<Promise<void>>();

  const process1 = async (seq: number, item: Extract<InputItem, { kind: 'article' }>): Promise<Outcome> => {
    const fail = (error: string): Outcome => ({ kind: 'error', error: { source: item.source.path, line: item.source.line, id: item.id, error } });
    if (!o.force && (jsonl || (o.dir && o.format === 'json'))) {
      const sha = sha256Hex(item.text);
      if (jsonl) {
        const old = jsonl.lines.findCurrent(item.id, sha, fingerprint);
        if (old >= 0) {
          jsonl.lines.setSeq(old, seq);
          return { kind: 'skipped' };
        }
      } else if (await io(() => jsonRecordIsCurrent(pathInside(o.dir!, `${item.id}.json`), sha, fingerprint))) {
        return { kind: 'skipped' };
      }
    }
    const result = await pool.run({ id: item.id, text: item.text, source: item.source, pretty: o.format === 'json' && !o.stdout, timing: !!o.stageMs });
    if (o.stop.abandoned) return { kind: 'none' };
    if (!result.ok) return fail(result.error);
    summary.bytes += Buffer.byteLength(item.text, 'utf8');
    if (o.onRecord) {
      try {
        await o.onRecord(result.json);
      } catch (err) {
        return fail(`cannot load the record into the database: ${(err as Error).message}`);
      }
    }
    if (result.stageMs && o.stageMs) for (const [k, v] of Object.entries(result.stageMs)) o.stageMs[k] = (o.stageMs[k] ?? 0) + v;
    if (o.dir && o.format === 'json') {
      try {
        await io(() => writeFileAtomic(pathInside(o.dir!, `${item.id}.json`), result.json));
      } catch (err) {
        return fail(`cannot write the record: ${(err as Error).message}`);
      }
      return { kind: 'record' };
    }
    return { kind: 'record', line: result.json };
  };

  let seq = 0;
  o.stop.onAbandon(() => {
    wake?.();
    void closePool();
  });
  const items = readArticles(o.specs)[Symbol.asyncIterator]();
  try {
    for (;;) {
      // Raced with the stop signal so that a SIGINT is honoured even while the input (stdin) is idle.
      const next = await o.stop.race(items.next());
      if (next === 'stop' || next.done) break;
      const item = next.value;
      const key = item.kind === 'article' ? item.id : (item.id ?? `${item.source}:${item.line ?? 0}`);
      const s = seq++;
      if (o.shard && shardOf(key, o.shard.count) !== o.shard.index) {
        order.put(s, { seq: s, outcome: { kind: 'none' } });
        continue;
      }
      if (item.kind === 'error') {
        const { kind: _k, ...error } = item;
        order.put(s, { seq: s, outcome: { kind: 'error', error } });
        continue;
      }
      // Backpressure: at most `window` articles between reader and writer (the
      // memory bound), and a cap on tiny placeholders (other shards' articles)
      // waiting behind a slow one.
      while ((launched - articlesWritten >= window || s - written >= MAX_PLACEHOLDERS) && !o.stop.abandoned) {
        await new Promise<void>((r) => (wake = r));
      }
      if (o.stop.abandoned) break;
      launched++;
      const p = process1(s, item).then(
        (outcome) => order.put(s, { seq: s, outcome, article: true }),
        (err) => order.put(s, { seq: s, outcome: { kind: 'error', error: { source: item.source.path, id: item.id, error: String(err) } }, article: true }),
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    if (o.stop.requested) void items.return(undefined);
    summary.interrupted = o.stop.requested;
    await Promise.all(inFlight);
    await order.drained();
    if (jsonl && recordsFh && !summary.interrupted) {
      await recordsFh.close();
      recordsFh = undefined;
      if (needsCompaction(jsonl, appendedSeqs)) await compactJsonl(jsonl, appendedSeqs);
    }
  } finally {
    await closePool();
    await recordsFh?.close();
    await errorsFh?.close();
    o.progress.done();
  }
  return summary;
}

function writeStream(stream: Writable, chunk: string): Promise<void> {
  return new Promise((ok, fail) => stream.write(chunk, (err) => (err ? fail(err) : ok())));
}
