/**
 * What one worker thread does with articles: extract each and serialise the
 * record there, so the main thread only moves strings. Loaded only inside
 * pool threads, bundled with the sources it imports (see src/run/bundle.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { extract } from '../pipeline.ts';
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
 * The task a pool thread runs: a few articles one after the other, each
 * stamped in the shared table when it starts and when it is done, so that
 * the pool can time each one and, if the thread dies, tell which article it
 * died on. A test hook's crash never returns (the thread dies first).
 */
export default function extractArticles(tasks: ExtractTask[]): ExtractResult[] | Promise<never> {
  const results: ExtractResult[] = [];
  for (const task of tasks) {
    const result = extractTask(task);
    if (result instanceof Promise) return result;
    if (starts) Atomics.store(starts, task.slot, DONE);
    results.push(result);
  }
  return results;
}

/** One article: its record as JSON, or why it failed. */
function extractTask(task: ExtractTask): ExtractResult | Promise<never> {
  if (starts) Atomics.store(starts, task.slot, Math.max(1, Date.now() - base));
  if (HANG_ON.has(task.id)) {
    // eslint-disable-next-line no-constant-condition
    for (;;);
  }
  if (CRASH_ON.has(task.id)) {
    setImmediate(() => {
      throw new Error(`test crash on ${task.id}`);
    });
    return new Promise<never>(() => {});
  }
  if (HOG_ON.has(task.id)) {
    const kept: number[][] = [];
    for (;;) kept.push(new Array<number>(1 << 16).fill(kept.length));
  }
  const stageMs: { [stage: string]: number } | undefined = task.timing ? {} : undefined;
  try {
    const record = extract(task.text, {
      id: task.id,
      source: task.source,
      onStageTime: stageMs ? (stage, ms) => void (stageMs[stage] = (stageMs[stage] ?? 0) + ms) : undefined,
    });
    const json = task.pretty ? recordJson(record) : recordLine(record);
    return stageMs ? { ok: true, json, stageMs } : { ok: true, json };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
