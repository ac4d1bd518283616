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
import { goldPathFor, readViewItems, recordArticle, resolveViewInputs } from '../../view/inputs.ts';
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
Exit codes: 0 every page written; 1 some items failed; 2 usage error or no input.`;

export interface ViewDeps {
  /** The extractor for article inputs (tests pass a stub so they never depend on stage quality). */
  extract?: (text: string, options: { id: string; source: { path?: string; line?: number; title?: string; url?: string; publishedAt?: string } }) => Record;
  stdin?: Readable;
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

  for await (const item of readViewItems(specs)) {
    if (item.kind === 'error') {
      fail({ source: item.source, ...(item.line !== undefined && { line: item.line }), ...(item.id !== undefined && { id: item.id }), error: item.error });
      continue;
    }
    let id: string, text: string, record: Record, articlePath: string, title: string | undefined;
    let source: string;
    if (item.kind === 'article') {
      id = item.id;
      text = item.text;
      articlePath = item.source.path;
      title = item.source.title;
      source = item.source.line ? `${item.source.path}:${item.source.line}` : item.source.path;
      try {
        record = extractRecord(text, { id, source: item.source });
      } catch (err) {
        fail({ source: item.source.path, ...(item.source.line !== undefined && { line: item.source.line }), id, error: `extraction failed: ${(err as Error).message}` });
        continue;
      }
    } else {
      record = item.record;
      id = record.id;
      const found = await recordArticle(item);
      if ('error' in found) {
        fail({ source: item.originPath, ...(item.line !== undefined && { line: item.line }), id, error: found.error });
        continue;
      }
      text = found.text;
      articlePath = found.path;
      title = record.source.title;
      source = `${item.origin} (article ${found.path}${record.source.line !== undefined ? `:${record.source.line}` : ''})`;
    }

    let gold: Gold | undefined;
    let note: string | undefined;
    if (values.gold) {
      const goldPath = goldPathFor(articlePath, id);
      if (goldPath && existsSync(goldPath)) {
        try {
          gold = loadGold(goldPath, text);
        } catch (err) {
          fail({ source: goldPath, id, error: err instanceof GoldError ? `invalid gold: ${err.problems.join('; ')}` : (err as Error).message });
          continue;
        }
      } else {
        noGold++;
        note = `No gold file ${goldPath ? `at ${goldPath}` : '(the article came from standard input)'}: predictions only.`;
      }
    }
    try {
      entries.push(await writeArticlePage(outDir, { id, text, record, ...(gold && { gold }), ...(title !== undefined && { title }), source, ...(note && { note }) }));
    } catch (err) {
      fail({ source: articlePath, id, error: (err as Error).message });
    }
  }

  const index = await writeIndexPage(outDir, entries, failures);
  await writeErrors(outDir, failures);
  const goldNote = values.gold && noGold ? ` (${noGold} without a gold file: predictions only)` : '';
  process.stderr.write(`quarry view: ${entries.length} page${entries.length === 1 ? '' : 's'}${goldNote}, ${failures.length} failed; open ${resolve(index)}\n`);
  if (entries.length === 0 && failures.length === 0) throw new UsageError(`no article or record found in ${inputs.join(', ')}`);
  return failures.length ? EXIT.failed : EXIT.ok;
}
