import { resolve } from 'node:path';
import { extract } from '../../pipeline.ts';
import { readArticles, readFileList, resolveInputs, type InputError, type InputItem } from '../../io/inputs.ts';
import { ensureDir, jsonDirSink, jsonlFileSink, stdoutSink, writeErrors, type RecordSink } from '../../io/outputs.ts';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError } from '../errors.ts';

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
  --quiet            no progress or summary on stderr
  -h, --help         this help

Every run rewrites DIR/errors.jsonl: one line {source, line?, id?, error} per
article that could not be extracted (missing file, empty text, invalid UTF-8,
malformed JSONL line, missing, duplicate or unsafe id). The other articles
still come out. Nothing is written outside DIR.

Exit codes: 0 all articles extracted; 1 some failed; 2 usage error; 130 interrupted.`;

export async function runExtract(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    'files-from': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (values.help) {
    process.stdout.write(EXTRACT_HELP + '\n');
    return EXIT.ok;
  }
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'jsonl') throw new UsageError(`--format must be json or jsonl, not "${format}"`);
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

  const sink: RecordSink = toStdout ? stdoutSink() : format === 'jsonl' ? jsonlFileSink(out) : jsonDirSink(out);

  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const errors: Array<Omit<InputError, 'kind'>> = [];
  let extracted = 0;
  const fail = (e: Omit<InputError, 'kind'>) => {
    errors.push(e);
    const where = e.line ? `${e.source}:${e.line}` : e.source;
    process.stderr.write(`quarry extract: ${where}${e.id ? ` (${e.id})` : ''}: ${e.error}\n`);
  };
  try {
    for await (const item of readArticles(specs) as AsyncGenerator<InputItem>) {
      if (interrupted) break;
      if (item.kind === 'error') {
        const { kind: _k, ...rest } = item;
        fail(rest);
        continue;
      }
      try {
        const record = extract(item.text, { id: item.id, source: item.source });
        await sink.write(record);
        extracted++;
      } catch (err) {
        fail({ source: item.source.path, line: item.source.line, id: item.id, error: (err as Error).message });
      }
    }
    await sink.close();
    if (errDir) await writeErrors(errDir, errors);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  log(
    `quarry extract: ${extracted} extracted, ${errors.length} failed${interrupted ? ', interrupted' : ''}` +
      (toStdout ? '' : ` → ${resolve(out)}`),
  );
  if (interrupted) return EXIT.interrupted;
  return errors.length ? EXIT.failed : EXIT.ok;
}
