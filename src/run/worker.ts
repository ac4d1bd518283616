/**
 * What one worker thread does with articles: extract each and serialise the
 * record there, so the main thread only moves strings. Loaded only inside
 * pool threads, bundled with the sources it imports (see src/run/bundle.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { extractBatch } from '../pipeline.ts';
import { recordJson, recordLine } from '../io/outputs.ts';
import { DONE, type ExtractResult, type ExtractTask } from './task.ts';

/*
 * No allocation-site pretenuring. V8 watches how many of an allocation
 * site's objects survive a minor collection and, past 85%, allocates that
 * site's objects straight in the old generation. An article's tokens live
 * through every stage, so a minor collection in mid-article finds nearly all
 * of them alive, and their sites (in wink's tokenizer and in the adapter) get
 * pretenured: each article then left ~74 KB of tokens in the old generation
 * to die there, against ~14 KB without (V8's sampling heap profiler, objects
 * not freed by a minor collection, 2,000 articles after 1,500). Under the
 * pool's heap caps that garbage set the pace of full collections: over 3,000
 * articles per worker with 2 workers, --trace-gc counted 35-42 full
 * collections with pretenuring and 19-21 without. The flag is process-wide
 * and read when V8 decides to pretenure; set here, before any article, it
 * reaches every pool thread (scratch measurements of 2026-12-07).
 */
setFlagsFromString('--no-allocation-site-pretenuring');

/**
 * Shared with the pool: per slot, ms since `base` at which the task started
 * (0 = not yet). Tinypool hands a worker `[its own data, the pool's workerData]`.
 */
const shared = (Array.isArray(workerData) ? workerData[1] : undefined) as { starts: SharedArrayBuffer; base: number } | undefined;
const starts: Int32Array | undefined = shared?.starts ? new Int32Array(shared.starts) : undefined;
const base: number = shared?.base ?? 0;

/*
 * TEST HOOKS, read only here, in pool threads (documented in the README, Archive scale):
 * QUARRY_TEST_HANG_ON=id[,id…]  the article spins forever, like a stage stuck
 *   in a synchronous endless loop, so tests can prove --timeout-ms terminates
 *   and replaces the worker;
 * QUARRY_TEST_CRASH_ON=id[,id…] the worker thread dies of an uncaught error
 *   while the article is in it, so tests can prove a crash costs one article;
 * QUARRY_TEST_HOG_ON=id[,id…]   the article keeps allocating until the heap
 *   cap ends the thread, however large, so tests can prove what an article
 *   too big even for the larger retry heap costs.
 * Unset in production, they cost a Set lookup each per article.
 */
const idList = (v: string | undefined) => new Set((v ?? '').split(',').filter(Boolean));
const HANG_ON = idList(process.env.QUARRY_TEST_HANG_ON);
const CRASH_ON = idList(process.env.QUARRY_TEST_CRASH_ON);
const HOG_ON = idList(process.env.QUARRY_TEST_HOG_ON);

/**
 * Articles a thread takes through the stages together (extractBatch), out of
 * the ARTICLES_PER_TASK (32) of a task. A stage batch's Docs and results
 * stay alive until its last stage, so a larger batch leaves more of them in
 * the thread's young generation (capped at 24 MB, pool.ts) at each minor
 * collection, to be copied and promoted, and two threads' batches evict more
 * of each other's data from the cache they share. Pools side by side in one
 * process, taking rounds of 1,000 articles in turn, medians of 5-6 rounds in
 * three sets (scratch, 2026-12-07): 2 workers 669, 456 and 578 articles/s
 * in batches of 8; 606 and 515 in batches of the whole task; 600 and 537
 * with 16; 483 and 527 with 4. 1 worker 412, 277 and 372 with 8; 400 and
 * 356 with 32; 319 and 349 with 4. Over the 1 GB archive
 * (`npm run bench -- --memory --rerun`) the peak was 405 MB, and 448 on the
 * rerun (423 or 405, and 452, in batches of 32). In one thread with V8's
 * default young generation, 32 at a time stays 4-10% faster than 8: the
 * bench's in-process side keeps 32.
 */
export const ARTICLES_PER_STAGE_BATCH = 8;

/**
 * The task a pool thread runs: a few articles, extracted together stage by
 * stage (extractBatch) ARTICLES_PER_STAGE_BATCH at a time, each stamped in
 * the shared table while the thread works on it and when it is done, so
 * that the pool can time each one and, if the thread dies, tell which
 * article it died on. A crash hook's article runs on its own, in its place
 * in the order, and never returns (the thread dies first).
 */
export default function extractArticles(tasks: ExtractTask[]): ExtractResult[] | Promise<never> {
  const results: ExtractResult[] = [];
  let from = 0;
  for (let i = 0; i <= tasks.length; i++) {
    if (i < tasks.length && !CRASH_ON.has(tasks[i].id)) continue;
    for (let k = from; k < i; k += ARTICLES_PER_STAGE_BATCH) {
      results.push(...extractTogether(tasks.slice(k, Math.min(i, k + ARTICLES_PER_STAGE_BATCH))));
    }
    if (i === tasks.length) break;
    if (starts) Atomics.store(starts, tasks[i].slot, Math.max(1, Date.now() - base));
    setImmediate(() => {
      throw new Error(`test crash on ${tasks[i].id}`);
    });
    return new Promise<never>(() => {});
  }
  return results;
}

/**
 * Articles through extractBatch. Exactly one of them is stamped as started
 * at a time, the one the thread is working on, with the time it first
 * started (so its clock covers the rest of the batch since then: a few ms
 * per article); the others read 0, not started, so a thread that dies or
 * hangs is blamed on that one and the rest are sent again, as when articles
 * ran one after the other. The hang and memory hooks strike there, in the
 * middle of a batch, as a stage stuck in a loop would.
 */
function extractTogether(tasks: ExtractTask[]): ExtractResult[] {
  if (tasks.length === 0) return [];
  const firstStart = new Array<number>(tasks.length).fill(0);
  let current = -1;
  const onArticle = (i: number) => {
    if (i === current) return;
    if (current >= 0 && starts) Atomics.store(starts, tasks[current].slot, 0);
    current = i;
    if (firstStart[i] > 0) {
      if (starts) Atomics.store(starts, tasks[i].slot, firstStart[i]);
      return;
    }
    firstStart[i] = Math.max(1, Date.now() - base);
    if (starts) Atomics.store(starts, tasks[i].slot, firstStart[i]);
    // The hooks, at the article's first step.
    if (HANG_ON.has(tasks[i].id)) {
      // eslint-disable-next-line no-constant-condition
      for (;;);
    }
    if (HOG_ON.has(tasks[i].id)) {
      const kept: number[][] = [];
      for (;;) kept.push(new Array<number>(1 << 16).fill(kept.length));
    }
  };
  const stageMs = tasks.map((t) => (t.timing ? ({} as { [stage: string]: number }) : undefined));
  const batch = extractBatch(
    tasks.map((task, i) => {
      const ms = stageMs[i];
      return {
        text: task.text,
        options: {
          id: task.id,
          source: task.source,
          onStageTime: ms ? (stage: string, t: number) => void (ms[stage] = (ms[stage] ?? 0) + t) : undefined,
        },
      };
    }),
    onArticle,
  );
  return batch.map((r, i): ExtractResult => {
    onArticle(i);
    let result: ExtractResult;
    if (!r.ok) result = { ok: false, error: r.error.message };
    else {
      const json = tasks[i].pretty ? recordJson(r.record) : recordLine(r.record);
      const ms = stageMs[i];
      result = ms ? { ok: true, json, stageMs: ms } : { ok: true, json };
    }
    if (starts) Atomics.store(starts, tasks[i].slot, DONE);
    current = -1;
    return result;
  });
}
