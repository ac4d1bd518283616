/**
 * `quarry load [RECORDS…] --db URL`: records into SQLite or PostgreSQL
 * (issue 8). The loading itself is the library's (src/db); this command finds
 * the records, names the bad ones and sums up.
 */
import { DEFAULT_BATCH_SIZE, DEFAULT_DATABASE_URL, DatabaseUrlError, openDatabase, parseDatabaseUrl, type LoadCounts, type Loader } from '../../db/index.ts';
import { listRecordFiles, readRecordInputs } from '../../db/sources.ts';
import { redactUrl } from '../../db/url.ts';
import { parseFlags, positiveIntFlag } from '../args.ts';
import { EXIT, UsageError } from '../errors.ts';

export const LOAD_HELP = `Usage: quarry load [RECORDS…] [--db URL] [options]

Loads records into a database: one row per article plus its entities,
mentions, quotes, numbers, money and warnings (tables in schemas/db/).
Loading is idempotent: a record already stored unchanged is skipped; a record
whose text (sha256), extractor version or content changed replaces the
article's rows in one transaction. A bad record is reported and skipped;
nothing of it is written and the others still load.

RECORDS (default: output/)
  DIR                its *.json records and records*.jsonl (not subfolders)
  FILE.json          one record
  FILE.jsonl         one record a line
  -                  JSONL records on standard input (e.g. from quarry extract --out -)

Options
  --db URL           sqlite:PATH (default: ${DEFAULT_DATABASE_URL}; created if missing)
                     or postgres://USER@HOST:PORT/DBNAME (postgresql:// too); what the
                     URL leaves out comes from PGHOST, PGPORT, PGUSER, PGPASSWORD,
                     PGDATABASE and ~/.pgpass
  --batch-size N     records per transaction (default: ${DEFAULT_BATCH_SIZE})
  --quiet            no progress or summary on stderr
  -h, --help         this help

Exit codes: 0 all records loaded or unchanged; 1 some failed (or the database
could not be opened); 2 usage error or no records found; 130 interrupted.`;

function summary(c: LoadCounts): string {
  return `${c.inserted} inserted, ${c.replaced} replaced, ${c.unchanged} unchanged, ${c.failed} failed`;
}

export async function runLoad(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    db: { type: 'string' },
    'batch-size': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (values.help) {
    process.stdout.write(LOAD_HELP + '\n');
    return EXIT.ok;
  }
  const url = values.db ?? DEFAULT_DATABASE_URL;
  try {
    parseDatabaseUrl(url);
  } catch (err) {
    if (err instanceof DatabaseUrlError) throw new UsageError(`--db: ${err.message}`);
    throw err;
  }
  const batchSize = positiveIntFlag('--batch-size', values['batch-size']) ?? DEFAULT_BATCH_SIZE;
  const quiet = values.quiet ?? false;
  const log = (msg: string) => {
    if (!quiet) process.stderr.write(msg + '\n');
  };
  const report = (where: string, error: string, id?: string) => process.stderr.write(`quarry load: ${where}${id ? ` (${id})` : ''}: ${error}\n`);

  const args = positionals.length ? positionals : ['output'];
  const { files, errors } = await listRecordFiles(args, process.stdin);
  for (const e of errors) report(e.origin, e.error);
  if (files.length === 0) {
    process.stderr.write(`quarry load: no records found in ${args.join(', ')}${positionals.length ? '' : ' (run quarry extract first)'}\n`);
    return EXIT.usage;
  }

  let loader: Loader;
  try {
    loader = await openDatabase(url);
  } catch (err) {
    process.stderr.write(`quarry load: cannot open ${redactUrl(url)}: ${(err as Error).message}\n`);
    return EXIT.failed;
  }

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // Where each record came from, for naming it if it fails; weak so that a
  // million-record load does not keep every record alive.
  const origins = new WeakMap<object, string>();
  let sourceFailures = errors.length;
  async function* records(): AsyncGenerator<unknown> {
    for await (const item of readRecordInputs(files)) {
      if (controller.signal.aborted) return;
      if (item.kind === 'error') {
        sourceFailures++;
        report(item.origin, item.error);
        continue;
      }
      if (item.value === null || typeof item.value !== 'object' || Array.isArray(item.value)) {
        sourceFailures++;
        report(item.origin, 'not a record (a JSON object was expected)');
        continue;
      }
      origins.set(item.value, item.origin);
      yield item.value;
    }
  }

  const started = performance.now();
  let lastProgress = started;
  let counts: LoadCounts = { inserted: 0, replaced: 0, unchanged: 0, failed: 0 };
  let stopped: string | undefined;
  try {
    counts = await loader.load(records(), {
      batchSize,
      signal: controller.signal,
      onFailure: (f) => report(origins.get(f.input as object) ?? `record #${f.index + 1}`, f.error, f.id),
      onProgress: (c) => {
        const now = performance.now();
        if (now - lastProgress < 5000) return;
        lastProgress = now;
        log(`quarry load: ${summary(c)} so far`);
      },
    });
  } catch (err) {
    stopped = (err as Error).message;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await loader.close().catch((err) => {
      stopped ??= `closing the database: ${(err as Error).message}`;
    });
  }
  if (stopped) {
    process.stderr.write(`quarry load: stopped (batches before this one are committed): ${stopped}\n`);
    return EXIT.failed;
  }
  counts.failed += sourceFailures;
  const seconds = (performance.now() - started) / 1000;
  const total = counts.inserted + counts.replaced + counts.unchanged + counts.failed;
  const interrupted = controller.signal.aborted;
  log(
    `quarry load: ${total} records → ${redactUrl(url)}: ${summary(counts)}${interrupted ? ', interrupted' : ''} ` +
      `(${seconds.toFixed(1)} s, ${Math.round(total / Math.max(seconds, 1e-3))} records/s)`,
  );
  if (interrupted) return EXIT.interrupted;
  return counts.failed ? EXIT.failed : EXIT.ok;
}
