/**
 * The worker-thread pool (tinypool) with a per-article time limit. A stage
 * stuck in a synchronous loop cannot be interrupted from inside its thread,
 * so the only cure is to terminate the thread: tinypool does that when a
 * task's AbortSignal fires, and starts a replacement.
 *
 * The clock starts when the article actually starts in a worker (each task
 * stamps a shared table), not when it was queued: a replacement thread
 * spends a second or so loading tsx and the language model, which must not
 * count against the article that happens to wait for it.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { ExtractResult, ExtractTask } from './worker.ts';

export interface PoolOptions {
  threads: number;
  /** Per-article limit in ms; the article's worker is terminated past it. */
  timeoutMs: number;
  /** Upper bound on tasks handed in at once (each needs a slot in the start table). */
  maxInFlight: number;
  /** Old-generation heap cap per worker thread, in MB (see WORKER_HEAP_MB). */
  workerHeapMb?: number;
}

/**
 * Heap caps of each worker thread. Uncapped, V8 lets a busy worker's heap grow
 * lazily to hundreds of MB of garbage (on a 1 GB archive the process reached
 * 720 MB). The model, lexicons and per-word caches hold about 60 MB live;
 * measured on a 60 MB archive with 2 workers, peak RSS of the whole process:
 * old 128 / young 48 (V8's default young size) 508 MB, old 96 / young 48
 * 449 MB, old 128 / young 24 459 MB, old 96 / young 24 422 MB, with no
 * throughput difference above the machine's ±10% noise. An article too large
 * to extract within these fails alone, as an out-of-memory worker crash, like
 * any pathological input.
 */
export const WORKER_HEAP_MB = 96;
export const WORKER_YOUNG_HEAP_MB = 24;

export const defaultJobs = () => Math.max(1, availableParallelism());

const WORKER_ENTRY = new URL('./worker-entry.js', import.meta.url).href;

/** How often a task that has not started yet is looked at again. */
const NOT_STARTED_RECHECK_MS = 200;
/** A task handed to a free thread that has not started after this long means a thread that cannot start. */
const NEVER_STARTED_MS = 60_000;

export class ExtractPool {
  private readonly pool: Tinypool;
  private readonly starts: Int32Array;
  private readonly base = Date.now();
  private readonly freeSlots: number[];
  private closed = false;
  /** Set when threads cannot start at all (e.g. out of memory while loading the model): the rest fail fast. */
  private broken: string | undefined;
  private lastPoolError = '';
  private neverStarted = 0;

  constructor(private readonly options: PoolOptions) {
    const buffer = new SharedArrayBuffer(4 * options.maxInFlight);
    this.starts = new Int32Array(buffer);
    this.freeSlots = Array.from({ length: options.maxInFlight }, (_, i) => options.maxInFlight - 1 - i);
    this.pool = new Tinypool({
      filename: WORKER_ENTRY,
      minThreads: options.threads,
      maxThreads: options.threads,
      // Threads stay up for the whole run: starting one costs the model load.
      idleTimeout: 2 ** 31 - 1,
      workerData: { starts: buffer, base: this.base },
      resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_HEAP_MB },
    });
    // A crashed thread with no task to blame is reported here; tinypool replaces it.
    this.pool.on('error', (err: Error) => {
      this.lastPoolError = err.message;
    });
  }

  /**
   * Extracts one article in a worker. Never rejects: a throw, a crashed
   * thread or a timeout come back as `{ ok: false, error }`.
   */
  async run(task: Omit<ExtractTask, 'slot'>): Promise<ExtractResult> {
    if (this.closed) return { ok: false, error: 'the run is shutting down' };
    if (this.broken) return { ok: false, error: this.broken };
    const slot = this.freeSlots.pop();
    if (slot === undefined) throw new Error('ExtractPool.run: more tasks in flight than maxInFlight');
    Atomics.store(this.starts, slot, 0);
    const abort = new AbortController();
    let timedOut: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const queued = Date.now();
    const watch = (delay: number) => {
      timer = setTimeout(() => {
        const started = Atomics.load(this.starts, slot);
        if (started === 0) {
          if (Date.now() - queued < NEVER_STARTED_MS + this.options.timeoutMs) return watch(NOT_STARTED_RECHECK_MS);
          timedOut = `never started in a worker within ${NEVER_STARTED_MS} ms (worker replaced)`;
          if (++this.neverStarted >= this.options.threads) {
            this.broken = `worker threads cannot start${this.lastPoolError ? `: ${this.lastPoolError}` : ''}`;
          }
          return abort.abort();
        }
        this.neverStarted = 0;
        const left = started + this.options.timeoutMs - (Date.now() - this.base);
        if (left > 0) return watch(left);
        timedOut = `timed out after ${this.options.timeoutMs} ms (worker terminated and replaced)`;
        abort.abort();
      }, delay);
    };
    watch(this.options.timeoutMs);
    try {
      return (await this.pool.run({ ...task, slot }, { signal: abort.signal })) as ExtractResult;
    } catch (err) {
      if (timedOut) return { ok: false, error: timedOut };
      return { ok: false, error: `worker crashed: ${(err as Error).message}` };
    } finally {
      clearTimeout(timer);
      this.freeSlots.push(slot);
    }
  }

  /** Terminates every thread; tasks still running come back as errors. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.destroy();
  }
}
