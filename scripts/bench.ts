/**
 * `npm run bench`: throughput of the whole pipeline against bare wink-nlp.
 *
 * Builds a synthetic archive from the corpus (nothing downloaded) and prints,
 * in one run: articles/s and MB/s in this process on one core (extractBatch()
 * directly, from the pool threads' bundle, in batches of ARTICLES_PER_TASK,
 * 32: in one thread with V8's default young generation 8 is slower, 64
 * about as fast; the pool's threads take their tasks
 * ARTICLES_PER_STAGE_BATCH at a time, src/run/worker.ts),
 * through the worker pool with 1 worker and with every core; the share of
 * each stage (onStageTime); and, on the same texts in the same
 * process, bare wink-nlp `readDoc` with its default pipe and the lite web
 * model, as the reference; and the machine's ceiling for 2 workers (two bare
 * threads doing the worker's task at once against one alone). Peak memory is
 * the process's VmHWM (worker threads included).
 *
 * `npm run bench -- --memory [--bytes N] [--shard I/N]`: writes a JSONL
 * archive of about 1 GB (or N bytes) to a temporary folder, runs
 * `quarry extract --format jsonl` over it as a child process, polls the peak
 * resident memory of that process (its worker threads share it), prints it
 * and deletes everything. `--shard` passes through, to stream the whole
 * archive while extracting a fraction of it on a small machine. `--rerun`
 * first extracts the archive's first 90%, as an interrupted run leaves it,
 * then measures the rerun that completes it.
 *
 * `npm run bench -- --instructions [--articles N] [--warm N]`: counts the
 * CPU instructions one pool worker thread spends per article, under
 * valgrind's callgrind, after a warm-up. V8 runs single-threaded (so the
 * JIT's and the garbage collector's work is counted, in the thread that
 * causes it) with a fixed GC schedule: without it, V8 times its collections
 * by the clock, and the same run of 200 articles counted 21.5 M per article
 * alone and 23.2-23.5 M beside another. Instructions are not seconds, but
 * they spread by a few percent (21.08-21.17 M in one set of runs; 16.64 and
 * 17.92 M for the same code and arguments in another) where timings on this
 * shared host drift by 10-30%: for telling whether a change makes the
 * stages' work smaller, by more than a few percent or over several runs.
 * The fixed schedule is not production's, so this does not measure what the
 * heap caps cost.
 */
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { CLI_NODE_FLAGS } from '../src/cli/node-flags.ts';
import { resolveInputs } from '../src/io/inputs.ts';
import { batchWindow, runBatch, StopSignal } from '../src/run/batch.ts';
import { bundledModuleUrl } from '../src/run/bundle.ts';
import { ARTICLES_PER_TASK, ExtractPool, WORKER_HEAP_MB, WORKER_YOUNG_HEAP_MB, workerModuleUrl } from '../src/run/pool.ts';
import { corpusTexts, syntheticArticles, writeSyntheticJsonl, type SyntheticArticle } from '../src/run/synthetic.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const mb = (bytes: number) => bytes / 1e6;
/**
 * Warm-up articles per side and per pool thread. TurboFan is still compiling
 * the stages' large functions (and recompiling some after deoptimisations)
 * well after 500 articles: traced with --trace-opt in one process, compile
 * time per 250 articles fell 1,961, 343, 321 ms, then 30-50 ms up to
 * article 2,250 and under 10 ms after. A worker thread compiles on V8's
 * background threads, which with 2 workers on 2 cores take CPU from the other
 * worker: timing threads that are still compiling measures their warm-up,
 * not the archive's steady state (the cold runs show that case).
 */
const WARM_UP = 1500;
/** Articles per round of the warm pool runs (see throughput()). */
const ROUND = 1000;
/** A memory line of /proc/<pid>/status (VmHWM: peak resident, VmRSS: resident now) in MB. */
const statusMb = (status: string, field: 'VmHWM' | 'VmRSS') => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
};
const procStatus = (pid: number | 'self') => readFileSync(`/proc/${pid}/status`, 'utf8');
const peakRssMb = (pid: number | 'self' = 'self') => statusMb(procStatus(pid), 'VmHWM');
const line = (label: string, articles: number, bytes: number, secs: number) =>
  `${label.padEnd(34)} ${(articles / secs).toFixed(1).padStart(8)} articles/s ${(mb(bytes) / secs).toFixed(3).padStart(8)} MB/s  (${articles} articles, ${secs.toFixed(1)} s)`;

async function throughput(): Promise<void> {
  const count = Number(flag('--articles') ?? 3000);
  const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-'));
  try {
    const texts = corpusTexts();
    const articles = [...syntheticArticles(texts, count, 42)];
    const bytes = articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
    const archive = join(dir, 'archive.jsonl');
    await writeSyntheticJsonl(archive, { count, seed: 42, texts });
    const cores = availableParallelism();
    // Every side of the comparison runs in this process, so under the flags
    // `quarry extract` runs with: the npm script passes them.
    const missing = CLI_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
    console.log(`quarry bench: ${count} synthetic articles from ${texts.length} corpus texts, ${mb(bytes).toFixed(2)} MB of text; ${cores} cores; node ${process.version} ${process.execArgv.filter((f) => f.startsWith('--') && f !== '--import' && f !== '--require').join(' ')}`);
    if (missing.length) console.log(`  warning: not the CLI's configuration: this process lacks ${missing.join(' ')} (src/cli/node-flags.ts); run it with npm run bench`);

    // The reference: wink-nlp readDoc, default pipe, lite web model, same texts, this process.
    // Both sides, and below each pool thread, first get the same warm-up
    // articles (other ones than those timed), so that the JIT and each
    // side's caches reach the state they have for the rest of a long archive
    // before the clock starts.
    const nlp = winkNLP(model);
    const warmSet = [...syntheticArticles(texts, WARM_UP, 7)];
    const stageMs: { [stage: string]: number } = {};
    for (const a of warmSet) nlp.readDoc(a.text);
    // The pipeline runs as the pool's threads run it: the same bundled
    // JavaScript (src/run/bundle.ts), not tsx's transform of each source file
    // (which targets the running Node and so rewrites the stages' /\p{…}/u
    // regex literals as a RegExp constructor call per evaluation), and
    // ARTICLES_PER_TASK articles at a time through extractBatch, stage by stage.
    const { extractBatch } = (await import(await bundledModuleUrl(new URL('../src/pipeline.ts', import.meta.url)))) as typeof import('../src/pipeline.ts');
    const extractChunk = (chunk: SyntheticArticle[], onStageTime?: (stage: string, ms: number) => void) => {
      for (let i = 0; i < chunk.length; i += ARTICLES_PER_TASK) {
        extractBatch(chunk.slice(i, i + ARTICLES_PER_TASK).map((a) => ({ text: a.text, options: { id: a.id, onStageTime } })));
      }
    };
    extractChunk(warmSet);
    // The two sides alternate in chunks of a few batches (96 articles), so
    // that both meet the same machine: on a shared host the speed drifts by
    // 10-30% over seconds, which timing one side after the other would book
    // to one side.
    let winkMs = 0;
    let inProcMs = 0;
    const CHUNK = Math.max(1, Math.round(96 / ARTICLES_PER_TASK)) * ARTICLES_PER_TASK;
    for (let from = 0; from < count; from += CHUNK) {
      const chunk = articles.slice(from, from + CHUNK);
      let t0 = performance.now();
      for (const a of chunk) nlp.readDoc(a.text);
      winkMs += performance.now() - t0;
      t0 = performance.now();
      extractChunk(chunk, (st, ms) => void (stageMs[st] = (stageMs[st] ?? 0) + ms));
      inProcMs += performance.now() - t0;
    }
    const winkSecs = winkMs / 1000;
    const inProcSecs = inProcMs / 1000;

    // Through the pool: cold, as `quarry extract` runs it (threads start,
    // load the model and warm their JIT during the run), then warm, with the
    // threads started and each given the warm-up articles first, like
    // readDoc and the in-process run above: each thread warms its own JIT, a
    // fixed cost per run that an archive of millions of articles does not
    // notice but a run of a few thousand does.
    const runOn = async (specs: Awaited<ReturnType<typeof resolveInputs>>, jobs: number, pool: ExtractPool | undefined, label: string) => {
      const out = mkdtempSync(join(dir, `out-${label}-`));
      const start = performance.now();
      const s = await runBatch({
        specs,
        dir: out,
        format: 'jsonl',
        jobs,
        timeoutMs: 60_000,
        force: true,
        pool,
        progress: { update() {}, done() {} },
        onError: (e) => console.error(`  error: ${e.id}: ${e.error}`),
        stop: new StopSignal(),
      });
      rmSync(out, { recursive: true, force: true });
      return { secs: (performance.now() - start) / 1000, extracted: s.extracted, bytes: s.bytes };
    };
    const whole = await resolveInputs([archive], process.stdin);
    const one = await runOn(whole, 1, undefined, 'cold-1');
    const two = cores >= 2 ? await runOn(whole, 2, undefined, 'cold-2') : undefined;
    const all = cores > 2 ? await runOn(whole, cores, undefined, `cold-${cores}`) : two;

    // Warm: one pool per thread count, all started and warmed first, then
    // the archive in rounds of ROUND articles, each round through every pool
    // in turn, the order reversed from one round to the next, twice over. On
    // this shared host the speed drifts by 10-30% within seconds and halves
    // for minutes; timing each thread count over a whole run, one after the
    // other, booked that drift to one side (the 2-to-1 ratio printed 1.69
    // and 1.83 in two runs of the same code). Rounds of a few seconds let
    // every thread count meet the same machine.
    const warmPool = async (jobs: number) => {
      const pool = await ExtractPool.start({ threads: jobs, timeoutMs: 60_000, maxInFlight: batchWindow(jobs) });
      // The warm-up articles, once per thread, go through runBatch from a
      // JSONL file, as the timed rounds do, so that the worker threads' code
      // and the main thread's (reading, ordering, writing) meet in the
      // warm-up the same object shapes they meet in the rounds. Warmed with
      // pool.run and a source of another shape, code was thrown away in the
      // first timed round ("wrong map", and "insufficient type feedback" in
      // the record check's branch on the line number: --trace-deopt,
      // scratch, 2026-12-08) and compiled again while the rounds were timed,
      // on the core the other worker needed.
      const path = join(dir, `warm-up-${jobs}.jsonl`);
      await writeSyntheticJsonl(path, { count: WARM_UP * jobs, seed: 7, texts });
      const specs = await resolveInputs([path], process.stdin);
      const started = performance.now();
      await runOn(specs, jobs, pool, `warm-up-${jobs}`);
      return { jobs, pool, warmSecs: (performance.now() - started) / 1000 };
    };
    const counts = [...new Set([1, Math.min(2, cores), cores])];
    const pools = [];
    for (const jobs of counts) pools.push(await warmPool(jobs));
    const rounds: Array<Awaited<ReturnType<typeof resolveInputs>>> = [];
    for (let from = 0; from < count; from += ROUND) {
      const path = join(dir, `round-${from}.jsonl`);
      writeFileSync(path, articles.slice(from, from + ROUND).map((a) => JSON.stringify(a) + '\n').join(''));
      rounds.push(await resolveInputs([path], process.stdin));
    }
    const warmTotals = new Map(counts.map((jobs) => [jobs, { secs: 0, extracted: 0, bytes: 0, warmSecs: 0 }]));
    try {
      for (let pass = 0; pass < 2; pass++) {
        for (const [r, specs] of rounds.entries()) {
          const order = (pass * rounds.length + r) % 2 ? [...pools].reverse() : pools;
          for (const { jobs, pool } of order) {
            const t = await runOn(specs, jobs, pool, `warm-${jobs}`);
            const total = warmTotals.get(jobs)!;
            total.secs += t.secs;
            total.extracted += t.extracted;
            total.bytes += t.bytes;
          }
        }
      }
    } finally {
      for (const { pool } of pools) await pool.close();
    }
    for (const { jobs, warmSecs } of pools) warmTotals.get(jobs)!.warmSecs = warmSecs;
    const oneWarm = warmTotals.get(1)!;
    const twoWarm = cores >= 2 ? warmTotals.get(2) : undefined;
    const allWarm = cores > 2 ? warmTotals.get(cores) : twoWarm;

    console.log('');
    console.log(line('wink readDoc (reference)', count, bytes, winkSecs));
    console.log(line('pipeline, in process, 1 core', count, bytes, inProcSecs));
    console.log(line('pipeline, pool, 1 worker, cold', one.extracted, one.bytes, one.secs));
    if (two) console.log(line('pipeline, pool, 2 workers, cold', two.extracted, two.bytes, two.secs));
    if (all && all !== two) console.log(line(`pipeline, pool, ${cores} workers, cold`, all.extracted, all.bytes, all.secs));
    console.log(line('pipeline, pool, 1 worker, warm', oneWarm.extracted, oneWarm.bytes, oneWarm.secs));
    if (twoWarm) console.log(line('pipeline, pool, 2 workers, warm', twoWarm.extracted, twoWarm.bytes, twoWarm.secs));
    if (allWarm && allWarm !== twoWarm) console.log(line(`pipeline, pool, ${cores} workers, warm`, allWarm.extracted, allWarm.bytes, allWarm.secs));
    console.log(`  (warm: threads started and given ${WARM_UP} other articles each first, which took ${[oneWarm, twoWarm, allWarm !== twoWarm ? allWarm : undefined].filter(Boolean).map((r) => `${r!.warmSecs.toFixed(1)} s`).join(' / ')};`);
    console.log(`   then the archive twice, in rounds of ${ROUND} articles through each pool in turn)`);
    const rate = (r: { extracted: number; secs: number }) => r.extracted / r.secs;
    const ceiling = cores >= 2 ? await bareThreadScaling(articles.slice(0, 1500), warmSet) : undefined;

    console.log('');
    console.log(`ratio pipeline 1 core / readDoc:   ${(winkSecs / inProcSecs).toFixed(3)}  (target ≥ 0.5)`);
    console.log(`ratio pool 1 worker / readDoc:     ${(rate(oneWarm) / (count / winkSecs)).toFixed(3)} warm, ${(rate(one) / (count / winkSecs)).toFixed(3)} cold`);
    if (two && twoWarm) console.log(`ratio 2 workers / 1 worker:        ${(rate(twoWarm) / rate(oneWarm)).toFixed(2)} warm, ${(rate(two) / rate(one)).toFixed(2)} cold  (target ≥ 1.8)`);
    if (ceiling) {
      console.log(`machine ceiling, 2 bare threads / 1: ${ceiling.ratio.toFixed(2)}  (the worker's task in plain threads, no pool, no I/O;`);
      console.log(`                                         one such thread alone: ${ceiling.aloneRate.toFixed(1)} articles/s)`);
    }
    const total = Object.values(stageMs).reduce((a, b) => a + b, 0);
    console.log('');
    console.log('stage shares (in process):');
    for (const [stage, ms] of Object.entries(stageMs)) {
      console.log(`  ${stage.padEnd(10)} ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${(ms / count).toFixed(2)} ms/article`);
    }
    console.log('');
    console.log(`peak RSS of this process (wink reference + in-process pipeline + pool threads): ${peakRssMb().toFixed(0)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How much faster two threads doing the pool worker's task at once get
 * through the same articles than one thread alone: the most the pool could
 * reach on this machine, since here nothing else runs (no reader, writer,
 * pool or main thread work). Two threads, warmed like the pool's; the order
 * alone, together, together, alone, so that a drift of the machine's speed
 * weighs on both sides.
 */
async function bareThreadScaling(articles: SyntheticArticle[], warmSet: SyntheticArticle[]): Promise<{ ratio: number; aloneRate: number }> {
  const workerUrl = await workerModuleUrl();
  const threads = [0, 1].map(() => startBareThread(workerUrl));
  try {
    await Promise.all(threads.map((t) => runBareThread(t, warmSet)));
    let aloneMs = 0;
    let togetherMs = 0;
    for (const step of ['alone', 'together', 'together', 'alone']) {
      const t0 = performance.now();
      if (step === 'alone') {
        await runBareThread(threads[0], articles);
        aloneMs += performance.now() - t0;
      } else {
        await Promise.all(threads.map((t) => runBareThread(t, articles)));
        togetherMs += performance.now() - t0;
      }
    }
    // Together, twice the articles went through.
    return { ratio: (2 * aloneMs) / togetherMs, aloneRate: (2 * articles.length) / (aloneMs / 1000) };
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

/** A bench-thread.js thread over the pool's bundle (`workerUrl`), with the pool's heap caps. */
function startBareThread(workerUrl: string): Worker {
  return new Worker(new URL('./bench-thread.js', import.meta.url), {
    workerData: workerUrl,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_HEAP_MB },
  });
}

/** Has a bare thread extract `list`; resolves with the ms it took. */
function runBareThread(thread: Worker, list: SyntheticArticle[]): Promise<number> {
  return new Promise<number>((ok, fail) => {
    thread.once('message', ok);
    thread.once('error', fail);
    thread.postMessage({ articles: list, perTask: ARTICLES_PER_TASK });
  });
}

async function memory(): Promise<void> {
  const bytes = Number(flag('--bytes') ?? 1e9);
  const shard = flag('--shard');
  const rerun = args.includes('--rerun');
  const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-mem-'));
  try {
    const archive = join(dir, 'archive.jsonl');
    const cliArgs = ['extract', archive, '--out', join(dir, 'out'), '--format', 'jsonl', '--quiet', ...(shard ? ['--shard', shard] : [])];
    if (rerun) {
      // What an interrupted run leaves: the records of the archive's first 90%
      // (same generator and seed, so the same articles), then the rerun of the
      // whole archive at the same path, which skips them from its index.
      await makeArchive(archive, bytes * 0.9);
      await measureExtract(cliArgs, 'first run, over the first 90% of the archive');
    }
    await makeArchive(archive, bytes);
    await measureExtract(cliArgs, rerun ? 'rerun over the whole archive, resuming' : 'run');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function makeArchive(path: string, bytes: number): Promise<void> {
  const t0 = performance.now();
  const made = await writeSyntheticJsonl(path, { bytes, seed: 5 });
  console.log(`quarry bench --memory: ${made.articles} articles, ${mb(made.bytes).toFixed(0)} MB of JSONL written in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function measureExtract(cliArgs: string[], label: string): Promise<void> {
  console.log(`${label}: quarry ${cliArgs.join(' ')}`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [...CLI_NODE_FLAGS, join(ROOT, 'bin/quarry.js'), ...cliArgs], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  let peak = 0;
  const samples: number[] = [];
  const timer = setInterval(() => {
    try {
      // One read of the status file per sample gives both figures.
      const status = procStatus(child.pid!);
      const hwm = statusMb(status, 'VmHWM');
      if (hwm > peak) peak = hwm;
      samples.push(statusMb(status, 'VmRSS') || 0);
    } catch {
      /* exited */
    }
  }, 100);
  const code = await new Promise<number | null>((ok) => child.on('close', ok));
  clearInterval(timer);
  const secs = (performance.now() - t0) / 1000;
  const q = (f: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * f))]?.toFixed(0);
  console.log(`exit ${code} after ${secs.toFixed(0)} s; peak RSS (VmHWM, main + worker threads) ${peak.toFixed(0)} MB (target < 500)`);
  console.log(`RSS at 10/25/50/75/95% of the run: ${[0.1, 0.25, 0.5, 0.75, 0.95].map(q).join(' / ')} MB`);
}

/**
 * Runs this script's `--instructions-child` under callgrind with counting off,
 * turns counting on once the child says its warm-up is over, and reads the
 * total from callgrind's output file when it exits.
 */
async function instructions(): Promise<void> {
  const count = Number(flag('--articles') ?? 400);
  const warm = Number(flag('--warm') ?? 600);
  const dir = mkdtempSync(join(tmpdir(), 'quarry-bench-cg-'));
  try {
    const out = join(dir, 'callgrind.out');
    const child = spawn(
      'valgrind',
      ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${out}`, `--log-file=${join(dir, 'valgrind.log')}`, process.execPath, '--single-threaded', '--predictable-gc-schedule', '--import', 'tsx', fileURLToPath(import.meta.url),
        '--instructions-child', '--articles', String(count), '--warm', String(warm)],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((ok, fail) => {
      child.on('error', (err) => fail(new Error(`could not run valgrind (${err.message}); it comes from the distribution's package "valgrind"`)));
      child.on('close', ok);
    });
    // valgrind runs node in its own process, so its pid is the one to switch
    // on; the child goes on once callgrind_control has switched counting on.
    // If it cannot, the child is stopped rather than left waiting on stdin.
    let controlError: string | undefined;
    const stopChild = (why: string) => {
      controlError ??= why;
      child.kill();
    };
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (!chunk.includes('WARM')) return;
      spawn('callgrind_control', ['--instr=on', String(child.pid)], { stdio: 'ignore' })
        .on('error', (err) => stopChild(`could not run callgrind_control (${err.message}); it comes with valgrind`))
        .on('close', (status) => (status === 0 ? child.stdin!.end('GO\n') : stopChild(`callgrind_control exited ${status}: counting was not switched on`)));
    });
    console.log(`quarry bench --instructions: ${warm} warm-up articles, then ${count} counted, in one pool worker thread, under callgrind (slow: minutes)`);
    const code = await exited;
    if (controlError) throw new Error(controlError);
    if (code !== 0) throw new Error(`the counted run exited ${code}`);
    const totals = /^(?:summary|totals): (\d+)/m.exec(readFileSync(out, 'utf8'));
    if (!totals) throw new Error('callgrind wrote no instruction total');
    console.log(`${(Number(totals[1]) / count / 1e6).toFixed(3)} million instructions per article (${Number(totals[1]).toExponential(4)} for ${count} articles)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The counted side of `--instructions`: one worker thread as the pool starts
 * them (the same bundle and heap caps), given the warm-up articles, then,
 * once the parent has switched counting on (it writes a line to stdin), the
 * counted ones (another seed, as in the throughput bench).
 */
async function instructionsChild(): Promise<void> {
  const texts = corpusTexts();
  const thread = startBareThread(await workerModuleUrl());
  await runBareThread(thread, [...syntheticArticles(texts, Number(flag('--warm')), 7)]);
  const counted = [...syntheticArticles(texts, Number(flag('--articles')), 42)];
  process.stdout.write('WARM\n');
  await new Promise((ok) => process.stdin.once('data', ok));
  await runBareThread(thread, counted);
  await thread.terminate();
}

if (args.includes('--instructions-child')) await instructionsChild();
else if (args.includes('--instructions')) await instructions();
else if (args.includes('--memory')) await memory();
else await throughput();
