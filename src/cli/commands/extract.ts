import { resolve } from 'node:path';
import { readFileList, resolveInputs, type InputError } from '../../io/inputs.ts';
import { ensureDir, writeErrors } from '../../io/outputs.ts';
import { runBatch, StopSignal, type ErrorEntry } from '../../run/batch.ts';
import { defaultJobs, WORKER_HEAP_MB } from '../../run/pool.ts';
import { createProgress } from '../../run/progress.ts';
import { parseShard } from '../../run/shard.ts';
import type { DatabaseSink, Loader } from '../../db/index.ts';
import { parseFlags, positiveIntFlag } from '../args.ts';
import { EXIT, UsageError } from '../errors.ts';

export const DEFAULT_TIMEOUT_MS = 5000;

export const EXTRACT_HELP = `Usage: quarry extract [INPUT…] [options]

Extracts one record per article: quotes with speakers, numbers, money and
named entities, each with [start, end) UTF-16 offsets into the original text.

INPUT (default: corpus/)
  FILE.txt           one article; its id is the file name without .txt
  FILE.jsonl         one article a line: {"id","text"} plus optional title, url, publishedAt
  DIR                every .txt and .jsonl below DIR (gold files are not articles)
  'GLOB'             e.g. 'archive/**/*.txt' (quote it so the shell leaves it alone)
  -                  JSONL on standard input

Options
  --files-from LIST  read input paths from LIST, one a line
  --out DIR          output folder (default: output/); '-' writes JSONL to stdout
  --format json|jsonl
                     json (default): DIR/<id>.json per article;
                     jsonl: DIR/records.jsonl, one record a line, in input order
  -j, --jobs N       worker threads (default: the number of cores, here ${defaultJobs()});
                     the output does not depend on N
  --timeout-ms MS    per-article time limit (default ${DEFAULT_TIMEOUT_MS}); an article that
                     runs longer goes to errors.jsonl and its worker is replaced
  --worker-heap-mb MB
                     old-generation heap of each worker thread (default
                     ${WORKER_HEAP_MB}); an article that runs a thread out of it
                     (over ~500 KB of text) is tried again alone with 3 times it
  --force            redo articles whose record is already up to date
  --shard I/N        extract only shard I of N (0 ≤ I < N), a partition by the
                     SHA-256 of the article id; writes records-I-of-N.jsonl and
                     errors-I-of-N.jsonl so shards can share DIR
  --db URL           also load each record into a database as it is made:
                     sqlite:PATH or postgres://… (as quarry load; records a
                     rerun skips as up to date are not reloaded)
  --quiet            no progress or summary on stderr
  -h, --help         this help

Resuming: a rerun skips every article whose record already exists with the
same source sha256 and extractor fingerprint ("N extracted, K failed, M
skipped"), so an interrupted run completes by running it again. With jsonl,
records.jsonl is appended to as records come; a torn last line left by a
kill is cut on the next run.

Every run rewrites DIR/errors.jsonl: one line {source, line?, id?, error} per
article that could not be extracted (missing file, empty text, invalid UTF-8,
malformed JSONL line, missing, duplicate or unsafe id, an exception, a crash
or a timeout), in input order. The other articles still come out. Nothing is
written outside DIR.

Exit codes: 0 all articles extracted; 1 some failed; 2 usage error;
130 interrupted (SIGINT/SIGTERM: in-flight articles finish, a second signal
abandons them; rerun to complete).`;

export async function runExtract(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    'files-from': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    jobs: { type: 'string', short: 'j' },
    'timeout-ms': { type: 'string' },
    'worker-heap-mb': { type: 'string' },
    force: { type: 'boolean' },
    shard: { type: 'string' },
    db: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(EXTRACT_HELP + '\n');
    return EXIT.ok;
  }
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'jsonl') throw new UsageError(`--format must be json or jsonl, not "${format}"`);
  const jobs = positiveIntFlag('--jobs', values.jobs) ?? defaultJobs();
  const timeoutMs = positiveIntFlag('--timeout-ms', values['timeout-ms']) ?? DEFAULT_TIMEOUT_MS;
  const workerHeapMb = positiveIntFlag('--worker-heap-mb', values['worker-heap-mb']);
  let shard;
  if (values.shard !== undefined) {
    const parsed = parseShard(values.shard);
    if ('error' in parsed) throw new UsageError(parsed.error);
    shard = parsed;
  }
  const out = values.out ?? 'output';
  const quiet = values.quiet ?? false;
  const log = (msg: string) => {
    if (!quiet) process.stderr.write(msg + '\n');
  };

  const args = [...positionals];
  if (values['files-from']) {
    try {
      args.push(...(await readFileList(values['files-from'])));
    } catch (err) {
      throw new UsageError(`cannot read --files-from ${values['files-from']}: ${(err as Error).message}`);
    }
  }
  if (args.length === 0 && !values['files-from']) args.push('corpus');
  const specs = await resolveInputs(args, process.stdin);
  const noInput = specs.every((s) => 'kind' in s);
  const toStdout = out === '-';
  const errDir = toStdout ? undefined : out;
  if (errDir) await ensureDir(errDir);

  if (noInput) {
    for (const s of specs as InputError[]) process.stderr.write(`quarry extract: ${s.source}: ${s.error}\n`);
    if (errDir) await writeErrors(errDir, specs as InputError[]);
    process.stderr.write('quarry extract: no input found\n');
    return EXIT.usage;
  }

  let db: { loader: Loader; sink: DatabaseSink } | undefined;
  if (values.db !== undefined) {
    const { openDatabase, databaseSink, DatabaseUrlError } = await import('../../db/index.ts');
    try {
      const loader = await openDatabase(values.db);
      const sink = databaseSink(loader, {
        onFailure: (f) => process.stderr.write(`quarry extract: ${f.id ?? 'a record'}: not loaded into the database: ${f.error}\n`),
      });
      db = { loader, sink };
    } catch (err) {
      if (err instanceof DatabaseUrlError) throw new UsageError(err.message);
      process.stderr.write(`quarry extract: cannot open the database: ${(err as Error).message}\n`);
      return EXIT.failed;
    }
  }

  const stop = new StopSignal();
  const onSignal = () => {
    if (!stop.requested) log('quarry extract: stopping: finishing the articles in flight (signal again to abandon them)');
    stop.request();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const onlyTxt = specs.every((s) => 'path' in s && s.path.endsWith('.txt'));
  const progress = createProgress({ quiet, total: onlyTxt ? specs.length : undefined });
  let summary;
  try {
    summary = await runBatch({
      specs,
      dir: errDir,
      stdout: toStdout ? process.stdout : undefined,
      format,
      jobs,
      timeoutMs,
      ...(workerHeapMb !== undefined && { workerHeapMb }),
      force: values.force ?? false,
      shard,
      progress,
      stop,
      ...(db && { onRecord: (json: string) => db.sink.write(JSON.parse(json)) }),
      onError: (e: ErrorEntry) => {
        const where = e.line ? `${e.source}:${e.line}` : e.source;
        process.stderr.write(`quarry extract: ${where}${e.id ? ` (${e.id})` : ''}: ${e.error}\n`);
      },
    });
    if (db) await db.sink.close();
  } finally {
    await db?.loader.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  // Summary order: the earlier CLI printed "N extracted, K failed"; skipped comes last so that stays a prefix.
  log(
    `quarry extract: ${summary.extracted} extracted, ${summary.failed} failed, ${summary.skipped} skipped${summary.interrupted ? ', interrupted' : ''}` +
      (toStdout ? '' : ` → ${resolve(out)}`),
  );
  if (db) {
    const c = db.sink.counts;
    log(`quarry extract: database ${c.inserted} inserted, ${c.replaced} replaced, ${c.unchanged} unchanged, ${c.failed} failed`);
  }
  if (summary.interrupted) {
    // Reading stdin would keep the process alive after an interrupt.
    process.stdin.destroy();
    return EXIT.interrupted;
  }
  return summary.failed || (db && db.sink.counts.failed) ? EXIT.failed : EXIT.ok;
}
