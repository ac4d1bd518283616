/**
 * `quarry view`: review pages in the browser. One self-contained HTML page per
 * article (its text with every extraction drawn over it; with --gold, a diff
 * against the hand-checked answers) and an index, worst first.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Gold } from '../../../schemas/gold.ts';
import type { Readable } from 'node:stream';
import type { Record } from '../../../schemas/record.ts';
import { GoldError, loadGold } from '../../eval/gold.ts';
import { errorLine, ensureDir, writeErrors } from '../../io/outputs.ts';
import { extract } from '../../pipeline.ts';
import type { Article } from '../../io/inputs.ts';
import { goldPathFor, LineReader, readViewItems, recordArticle, resolveViewInputs, type RecordItem } from '../../view/inputs.ts';
import type { ViewArticle } from '../../view/model.ts';
import type { IndexEntry } from '../../view/page.ts';
import { writeArticlePage, writeIndexPage, type PageFailure } from '../../view/write.ts';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError } from '../errors.ts';

export const VIEW_HELP = `Usage: quarry view [INPUT…] [--gold] [--out DIR]

Writes one self-contained HTML page per article (inline styles and script,
nothing loaded from the network) and DIR/index.html listing every article with
its figures, worst first. Open DIR/index.html in a browser.

INPUT (default: corpus/), told apart by content:
  articles   .txt files, folders, globs, .jsonl with {"id","text"} lines, or -
             (JSONL on standard input): extracted on the fly
  records    <id>.json record files or records.jsonl from quarry extract; the
             article is read again from record.source.path (and source.line)
             and must still have the record's sha256

Options:
  --gold       compare each article with <id>.gold.json beside it: matches,
               misses and false positives drawn like a diff, the article's
               precision/recall/F1 table at the top; index sorted by F1
  --out DIR    output folder (default: output/view)
  -h, --help   show this help

Every run rewrites DIR/errors.jsonl: one line {source, line?, id?, error} per
article that got no page (missing article for a record, invalid gold, …).
Exit codes: 0 every page written; 1 some items failed; 2 usage error or no input;
130 interrupted (the index still lists the pages written).`;

export interface ViewDeps {
  /** The extractor for article inputs (tests pass a stub so they never depend on stage quality). */
  extract?: (text: string, options: { id: string; source: { path?: string; line?: number; title?: string; url?: string; publishedAt?: string } }) => Record;
  stdin?: Readable;
}

type Extractor = NonNullable<ViewDeps['extract']>;

/** An article ready to draw: the text and its record, plus where the text lives (for its gold). */
type Resolved = ViewArticle & { record: Record; articlePath: string };

/** An article is extracted; a record is joined again with the exact text it was made from. */
async function articleOf(item: Article | RecordItem, extractRecord: Extractor, lines: LineReader): Promise<Resolved | PageFailure> {
  if (item.kind === 'article') {
    const { id, text, source } = item;
    const where = { source: source.path, ...(source.line !== undefined && { line: source.line }), id };
    try {
      const record = extractRecord(text, { id, source });
      return { id, text, record, articlePath: source.path, source: source.line ? `${source.path}:${source.line}` : source.path, ...(source.title !== undefined && { title: source.title }) };
    } catch (err) {
      return { ...where, error: `extraction failed: ${(err as Error).message}` };
    }
  }
  const { record } = item;
  const found = await recordArticle(item, lines);
  if ('error' in found) return { source: item.originPath, ...(item.line !== undefined && { line: item.line }), id: record.id, error: found.error };
  return {
    id: record.id,
    text: found.text,
    record,
    articlePath: found.path,
    source: `${item.origin} (article ${found.path}${record.source.line !== undefined ? `:${record.source.line}` : ''})`,
    ...(record.source.title !== undefined && { title: record.source.title }),
  };
}

/** The article's gold from beside it; a missing file is a note on the page, an invalid one a failure. */
function goldOf(a: Resolved): { gold?: Gold; note?: string } | PageFailure {
  const goldPath = goldPathFor(a.articlePath, a.id);
  if (!goldPath || !existsSync(goldPath)) {
    return { note: `No gold file ${goldPath ? `at ${goldPath}` : '(the article came from standard input)'}: predictions only.` };
  }
  try {
    return { gold: loadGold(goldPath, a.text) };
  } catch (err) {
    return { source: goldPath, id: a.id, error: err instanceof GoldError ? `invalid gold: ${err.problems.join('; ')}` : (err as Error).message };
  }
}

export async function runView(argv: string[], deps: ViewDeps = {}): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    gold: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(VIEW_HELP + '\n');
    return EXIT.ok;
  }
  const outDir = values.out ?? 'output/view';
  if (outDir === '' || outDir === '-') throw new UsageError('--out takes a folder (pages cannot go to standard output)');
  const inputs = positionals.length ? positionals : ['corpus'];
  if (!positionals.length && !existsSync('corpus')) throw new UsageError('no INPUT given and no corpus/ folder here');
  const extractRecord = deps.extract ?? extract;

  const specs = await resolveViewInputs(inputs, deps.stdin ?? process.stdin);
  if (specs.length === 0) throw new UsageError(`no article or record found in ${inputs.join(', ')}`);
  await ensureDir(outDir);

  const entries: IndexEntry[] = [];
  const failures: PageFailure[] = [];
  const fail = (f: PageFailure) => {
    failures.push(f);
    process.stderr.write(`quarry view: ${errorLine(f).trimEnd()}\n`);
  };
  let noGold = 0;

  // SIGINT/SIGTERM: stop after the current article, still write the index for the pages made (exit 130).
  let interrupted = false;
  const onSignal = () => {
    if (!interrupted) process.stderr.write('quarry view: stopping after the current article\n');
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const lines = new LineReader();
  try {
    for await (const item of readViewItems(specs)) {
      if (interrupted) break;
      if (item.kind === 'error') {
        fail({ source: item.source, ...(item.line !== undefined && { line: item.line }), ...(item.id !== undefined && { id: item.id }), error: item.error });
        continue;
      }
      const article = await articleOf(item, extractRecord, lines);
      if ('error' in article) {
        fail(article);
        continue;
      }
      const compared = values.gold ? goldOf(article) : {};
      if ('error' in compared) {
        fail(compared);
        continue;
      }
      if (compared.note) noGold++;
      try {
        entries.push(await writeArticlePage(outDir, { ...article, ...compared }));
      } catch (err) {
        fail({ source: article.articlePath, id: article.id, error: (err as Error).message });
      }
    }
  } finally {
    lines.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const index = await writeIndexPage(outDir, entries, failures);
  await writeErrors(outDir, failures);
  const goldNote = values.gold && noGold ? ` (${noGold} without a gold file: predictions only)` : '';
  process.stderr.write(`quarry view: ${entries.length} page${entries.length === 1 ? '' : 's'}${goldNote}, ${failures.length} failed${interrupted ? ', interrupted' : ''}; open ${resolve(index)}\n`);
  if (interrupted) {
    // A half-read standard input would keep the process alive after an interrupt.
    if (inputs.includes('-')) (deps.stdin ?? process.stdin).destroy();
    return EXIT.interrupted;
  }
  if (entries.length === 0 && failures.length === 0) throw new UsageError(`no article or record found in ${inputs.join(', ')}`);
  return failures.length ? EXIT.failed : EXIT.ok;
}
