/**
 * The worker-thread pool (tinypool) with a per-article time limit. A stage
 * stuck in a synchronous loop cannot be interrupted from inside its thread,
 * so the only cure is to terminate the thread: tinypool does that when a
 * task's AbortSignal fires, and starts a replacement.
 *
 * The clock starts when the article actually starts in a worker (each task
 * stamps a shared table), not when it was queued: a replacement thread
 * spends a second or so loading the language model, which must not count
 * against the article that happens to wait for it.
 *
 * Articles go to the threads several at a time (ARTICLES_PER_TASK). tinypool
 * gives a thread running an abortable task nothing else, so with one article
 * per task a thread that finished one sat idle until the main thread heard
 * of it and sent the next: measured in one process on the same articles, a
 * thread fed that way took 2.25 ms per article, one with its next articles
 * already queued 1.96-2.07, and through the pool 2.27-2.44.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { bundledModuleUrl } from './bundle.ts';
import { DONE, type ExtractResult, type ExtractTask } from './task.ts';

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
 * throughput difference above the machine's ±10% noise. Since threads take
 * their tasks' articles through the stages together (a task's Docs and
 * their results alive at once), young 48 is faster: in four alternating pairs of
 * `npm run bench` runs it won every pair, 2 workers warm 548-599 against
 * 374-493 articles/s, 2 / 1 workers 1.64-1.85 against 1.48-1.59. But on the
 * 1 GB archive it raised the peak from 403 to 436 MB, and on the rerun that
 * completes it from 442 to 482 MB, against the 500 MB budget, with real
 * news (more distinct words in the per-word caches) still to come on top.
 * So young stays 24 and the memory budget keeps its margin. An article too
 * large to extract within these gets one more try
 * (LARGE_ARTICLE_HEAP_FACTOR).
 *
 * Old 128, not 96, because the cap also decides when V8 saves memory at any
 * cost. Once a heap's old generation has committed more than 7/8 of its cap
 * (Heap::ShouldOptimizeForMemoryUsage in V8 11.3, Node 20), its full
 * collections "reduce memory", and those keep no unused hidden class alive
 * (MarkCompactCollector::RetainMaps): every function whose optimised code
 * checks for a class no object had at that moment (the quote, money and
 * number stages' per-article objects) is thrown away ("weak objects") and
 * compiled again. A worker holds about 45 MB live and commits 75-85 MB of
 * old generation before each full collection, so under 96 (threshold 84)
 * that happened every few thousand articles, more often as the per-word
 * caches grow. 2 workers, 3,000 articles each after 4,500 each of warm-up,
 * --trace-gc --trace-deopt --trace-opt, alternating runs (scratch,
 * 2026-12-08): at 96, 42 and 56 functions thrown away, 2.8 and 2.4 s of
 * compiling, 265 and 240 µs of V8 helper-thread CPU per article, 487 and 606
 * articles/s; at 128, 0 and 1, 0.75 and 0.82 s, 93 and 97 µs, 688 and 666
 * articles/s. Full collections came no less often (13-14 against 15-17: the
 * heap's growth limit, not the cap, decides when), and the 1 GB archive
 * (`npm run bench -- --memory --rerun`) peaked at 419 and 484 MB, then 423
 * and 492 in a second measurement, against 444 and 488 at 96 (reruns of
 * the same code at 96 have ranged over 478-492).
 */
export const WORKER_HEAP_MB = 128;
export const WORKER_YOUNG_HEAP_MB = 24;
/**
 * An article that runs its thread out of memory under the cap is tried once
 * more, alone, in a thread of its own whose old generation may grow to this
 * many times the cap (384 MB by default, as when the cap was 96 and this 4),
 * which is then stopped. Only a long
 * article meets the cap: measured through the pool, a 1 MB article ran out of
 * memory at 96 MB and went through at 256 (in 5.4 s with the thread's start),
 * a 2 MB one at 256 too, in 9-11 s, past the default --timeout-ms. The larger
 * heap grows only while that article is extracted, so a run's memory stays
 * flat everywhere else.
 */
export const LARGE_ARTICLE_HEAP_FACTOR = 3;

export const defaultJobs = () => Math.max(1, availableParallelism());

/** What each pool thread loads: worker.ts and the sources it imports, as one bundle (see src/run/bundle.ts). */
export const workerModuleUrl = () => bundledModuleUrl(new URL('./worker.ts', import.meta.url));

/**
 * Articles per task handed to a thread (fewer when fewer are waiting). Between
 * two tasks a thread idles while its result travels to the main thread and
 * the next task comes back. On the 2-core VM that round trip took about 2 ms
 * for a task of two articles (with one worker as with two: waking an idle
 * virtual CPU is slow) and about 3 ms for eight, against some 11 ms of work
 * for two articles. Timed inside the worker threads, 2 workers, 3,000
 * articles after 1,500: idle 1.0-1.1 ms per article with 2 per task,
 * 0.33-0.41 with 8, and the main thread's CPU 0.26-0.27 ms per article
 * against 0.19-0.21 (two runs each; scratch measurements of 2026-12-07).
 * The runs below took a task's articles through the stages together
 * (extractBatch, src/pipeline.ts), all of them; the threads now take them
 * 8 at a time (ARTICLES_PER_STAGE_BATCH, worker.ts), which is faster in the
 * pool. In process, batches are faster the larger: against one article at a
 * time, 4-13% less time in batches of 8 and 14-15% in batches
 * of 16 (scratch, alternating in one process). After the stages stopped
 * making per-article closures (README, Design), `npm run bench`, one run
 * after another with 16, 32, 64, 64, 32, 16 (2026-12-07): in process 0.470
 * and 0.460 of readDoc with 16, 0.494 and 0.479 with 32, 0.501 and 0.497
 * with 64; through the pool, warm, 1 worker 372 and 365 articles/s, 398
 * and 397, 386 and 391; 2 workers 590 and 597, 621 and 623, 590 and 588.
 * 64 keeps more of every thread's articles alive through its young
 * generation and loses with 2 workers what it gains in process; 32 is
 * faster than 16 everywhere. The batch window holds two tasks per job, so
 * 32 keeps 128 articles in flight with 2 workers: about a megabyte.
 * `npm run bench -- --memory --rerun` with 8 (and 4f15658's GC change):
 * 400 MB peak over the 1 GB archive's first 90%, 441 MB for the rerun that
 * completes it (420 and 456 with 2). An earlier note had 4 per task peaking
 * at 542 MB on the 1 GB archive; that did not recur.
 */
export const ARTICLES_PER_TASK = 32;
/**
 * Fewest articles per task when fewer wait than would fill every thread's
 * next task (see guidedTaskSize).
 */
export const MIN_ARTICLES_PER_TASK = 8;

/**
 * Articles for the next task when `waiting` articles wait for `threads`
 * threads: ARTICLES_PER_TASK while there are enough for every thread, else
 * an even share, at least MIN_ARTICLES_PER_TASK. So when the input runs out
 * (or the reader falls behind), the last articles are spread over the
 * threads instead of one thread taking a full task while another idles:
 * OpenMP's guided schedule (chunk = remaining / threads; Polychronopoulos
 * and Kuck, "Guided self-scheduling", IEEE Trans. Computers, 1987), with
 * the remaining count being what the main thread has read so far. Measured
 * with one warm pool of 2 workers in one process, rounds of 1,000 articles
 * alternating between this and full tasks only (scratch, 2026-12-08, three
 * sets): 599, 675, 700 articles/s against 586, 670, 690. A run's tail is
 * all it changes, so the gain is a few percent on a run of 1,000 articles
 * and nothing on an archive of millions.
 */
export function guidedTaskSize(waiting: number, threads: number): number {
  return Math.min(waiting, ARTICLES_PER_TASK, Math.max(MIN_ARTICLES_PER_TASK, Math.ceil(waiting / threads)));
}

/**
 * How often an article is sent again after its thread died under another
 * article of its task (or before the task began): it is not to blame.
 */
const MAX_RESENDS = 3;

interface Waiting {
  task: Omit<ExtractTask, 'slot'>;
  slot: number;
  resends: number;
  /** Set once the article has been given a thread of its own with a larger heap (LARGE_ARTICLE_HEAP_FACTOR). */
  largeHeapMb?: number;
  done: (result: ExtractResult) => void;
}

/** Node's error for a worker thread that reached its heap cap. */
const isOutOfMemory = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';

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
  /** Articles handed to `run`, not yet sent to a thread (in order). */
  private readonly waiting: Waiting[] = [];
  private tasksInFlight = 0;
  private readonly workerUrl: string;
  /** One-thread pools running an article that ran out of memory, stopped when it is done. */
  private readonly largePools = new Set<Tinypool>();

  /** Starts a pool; the worker bundle is built on the first call in a process. */
  static async start(options: PoolOptions): Promise<ExtractPool> {
    return new ExtractPool(options, await workerModuleUrl());
  }

  private constructor(
    private readonly options: PoolOptions,
    workerUrl: string,
  ) {
    const buffer = new SharedArrayBuffer(4 * options.maxInFlight);
    this.starts = new Int32Array(buffer);
    this.freeSlots = Array.from({ length: options.maxInFlight }, (_, i) => options.maxInFlight - 1 - i);
    this.workerUrl = workerUrl;
    this.pool = this.startThreads(options.threads, this.heapMb);
  }

  private get heapMb(): number {
    return this.options.workerHeapMb ?? WORKER_HEAP_MB;
  }

  private startThreads(threads: number, heapMb: number): Tinypool {
    const pool = new Tinypool({
      filename: this.workerUrl,
      minThreads: threads,
      maxThreads: threads,
      // Threads stay up for the whole run: starting one costs the model load.
      idleTimeout: 2 ** 31 - 1,
      workerData: { starts: this.starts.buffer, base: this.base },
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_HEAP_MB },
    });
    // A crashed thread with no task to blame is reported here; tinypool replaces it.
    pool.on('error', (err: Error) => {
      this.lastPoolError = err.message;
    });
    return pool;
  }

  /**
   * Extracts one article in a worker. Never rejects: a throw, a crashed
   * thread or a timeout come back as `{ ok: false, error }`.
   */
  run(task: Omit<ExtractTask, 'slot'>): Promise<ExtractResult> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the run is shutting down' });
    if (this.broken) return Promise.resolve({ ok: false, error: this.broken });
    const slot = this.freeSlots.pop();
    if (slot === undefined) throw new Error('ExtractPool.run: more tasks in flight than maxInFlight');
    return new Promise((resolve) => {
      this.waiting.push({
        task,
        slot,
        resends: 0,
        done: (result) => {
          this.freeSlots.push(slot);
          resolve(result);
        },
      });
      this.dispatch();
    });
  }

  /** Hands waiting articles to threads, a task per thread at most, of guidedTaskSize articles. */
  private dispatch(): void {
    // Closed, or threads cannot start: what waits fails now instead of waiting out NEVER_STARTED_MS each.
    if (this.closed || this.broken) this.resend(this.waiting.splice(0), new Error('the run is shutting down'));
    while (this.tasksInFlight < this.options.threads && this.waiting.length > 0) {
      void this.runTask(this.waiting.splice(0, guidedTaskSize(this.waiting.length, this.options.threads)));
    }
  }

  private async runTask(articles: Waiting[], pool = this.pool): Promise<void> {
    this.tasksInFlight++;
    for (const a of articles) Atomics.store(this.starts, a.slot, 0);
    const abort = new AbortController();
    /** The article the thread was terminated for, and why. */
    let culprit: { article: Waiting; error: string } | undefined;
    const timers = new Set<NodeJS.Timeout>();
    const sent = Date.now();
    const watch = (a: Waiting, delay: number) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (culprit) return;
        const started = Atomics.load(this.starts, a.slot);
        if (started === DONE) return;
        if (started === 0) {
          if (Date.now() - sent < NEVER_STARTED_MS + this.options.timeoutMs * articles.length) return watch(a, NOT_STARTED_RECHECK_MS);
          culprit = { article: a, error: `never started in a worker within ${NEVER_STARTED_MS} ms (worker replaced)` };
          if (++this.neverStarted >= this.options.threads) {
            this.broken = `worker threads cannot start${this.lastPoolError ? `: ${this.lastPoolError}` : ''}`;
          }
          return abort.abort();
        }
        this.neverStarted = 0;
        const left = started + this.options.timeoutMs - (Date.now() - this.base);
        if (left > 0) return watch(a, left);
        culprit = { article: a, error: `timed out after ${this.options.timeoutMs} ms (worker terminated and replaced)` };
        abort.abort();
      }, delay);
      timers.add(timer);
    };
    for (const a of articles) watch(a, this.options.timeoutMs);
    try {
      const tasks: ExtractTask[] = articles.map((a) => ({ ...a.task, slot: a.slot }));
      const results = (await pool.run(tasks, { signal: abort.signal })) as ExtractResult[];
      articles.forEach((a, i) => a.done(results[i]));
    } catch (err) {
      // The thread died: terminated for a timeout, crashed, or the pool closed.
      // The article it died on is to blame; the others of the task, done
      // (their results went with the thread) or not yet started, go again.
      const again: Waiting[] = [];
      for (const a of articles) {
        const stamp = Atomics.load(this.starts, a.slot);
        // Out of memory in this article, or with it alone, before it began
        // (its text did not fit beside the thread's own data): its doing.
        const ranOutOfMemory = !culprit && isOutOfMemory(err) && (stamp > 0 || articles.length === 1);
        if (culprit?.article === a) a.done({ ok: false, error: culprit.error });
        else if (this.closed || (!ranOutOfMemory && (culprit || stamp <= 0))) again.push(a);
        else if (ranOutOfMemory && a.largeHeapMb === undefined) void this.runWithLargeHeap(a);
        else a.done({ ok: false, error: `worker crashed: ${(err as Error).message}${a.largeHeapMb ? ` (also alone with a ${a.largeHeapMb} MB heap; see --worker-heap-mb)` : ''}` });
      }
      this.resend(again, err as Error);
    } finally {
      for (const t of timers) clearTimeout(t);
      this.tasksInFlight--;
      this.dispatch();
    }
  }

  /**
   * Runs an article that ran its thread out of memory again, alone, in a
   * thread of its own with LARGE_ARTICLE_HEAP_FACTOR times the heap, under
   * the same time limit; the thread is stopped afterwards. It counts as a
   * task in flight, so the run keeps to --jobs busy threads.
   */
  private async runWithLargeHeap(a: Waiting): Promise<void> {
    a.largeHeapMb = LARGE_ARTICLE_HEAP_FACTOR * this.heapMb;
    const pool = this.startThreads(1, a.largeHeapMb);
    this.largePools.add(pool);
    try {
      await this.runTask([a], pool);
    } finally {
      if (this.largePools.delete(pool)) await pool.destroy();
    }
  }

  /** Puts articles back at the head of the queue, in their order, unless they have been sent too often or the pool is done. */
  private resend(articles: Waiting[], err: Error): void {
    const again = articles.filter((a) => {
      if (this.closed || this.broken || a.resends >= MAX_RESENDS) {
        a.done({ ok: false, error: this.broken ?? `worker crashed: ${err.message}` });
        return false;
      }
      a.resends++;
      return true;
    });
    this.waiting.unshift(...again);
  }

  /** Terminates every thread; tasks still running come back as errors. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [this.pool, ...this.largePools];
    this.largePools.clear();
    await Promise.all(pools.map((p) => p.destroy()));
  }
}
