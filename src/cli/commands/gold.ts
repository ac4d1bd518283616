/**
 * `quarry gold`: tools for keeping gold files.
 *   gold draft <article.txt>  writes <id>.gold.json from the current predictions, for correcting by hand
 *   gold check [DIR|FILE…]    validates gold files against the schema and their articles
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { extract } from '../../pipeline.ts';
import { loadCorpus } from '../../eval/corpus.ts';
import { draftGold, formatGoldJson } from '../../eval/draft.ts';
import type { RecordLists } from '../../eval/evaluate.ts';
import { GoldError, goldFileId, loadGold, parseGold } from '../../eval/gold.ts';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError } from '../errors.ts';

export const GOLD_HELP = `Usage: quarry gold <subcommand> [options]

  quarry gold draft <article.txt> [--force] [--split dev|test]
      Writes <same folder>/<id>.gold.json from quarry's current predictions
      (entities, quotes with speaker name and mention, numbers, money with ids
      and equivalentOf), valid against the gold schema, for a person to
      correct by hand. Refuses to overwrite an existing gold file unless
      --force is given. --split sets the split (default dev).

  quarry gold check [DIR | FILE.gold.json …]
      Validates gold files (default: every one in corpus/) against the gold
      schema and their articles: each span's text must equal the article's
      slice. Prints each problem with its file and span.

Exit codes: 0 ok; 1 refused to overwrite, or a gold file is invalid; 2 usage error.`;

/** What runGold calls out to; tests pass a fixed extractor to check the draft's shape. */
export interface GoldDeps {
  extract?: (text: string, options: { id: string; source: { path: string } }) => RecordLists;
}

export async function runGold(argv: string[], deps: GoldDeps = {}): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? process.stderr : process.stdout).write(GOLD_HELP + '\n');
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  if (sub === 'draft') return runDraft(rest, deps.extract ?? extract);
  if (sub === 'check') return runCheck(rest);
  throw new UsageError(`unknown subcommand "${sub}" (draft or check)`);
}

async function runDraft(argv: string[], extractRecord: NonNullable<GoldDeps['extract']>): Promise<number> {
  const { values, positionals } = parseFlags(argv, { force: { type: 'boolean' }, split: { type: 'string' } });
  if (values.help) {
    process.stdout.write(GOLD_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('gold draft takes exactly one article (.txt)');
  const split = values.split ?? 'dev';
  if (split !== 'dev' && split !== 'test') throw new UsageError(`--split must be dev or test, not "${split}"`);
  const articlePath = positionals[0];
  if (!articlePath.endsWith('.txt')) throw new UsageError(`"${articlePath}" is not a .txt article`);
  if (!existsSync(articlePath) || !statSync(articlePath).isFile()) {
    process.stderr.write(`quarry gold draft: ${articlePath}: no such file\n`);
    return EXIT.failed;
  }
  const id = basename(articlePath, '.txt');
  const goldPath = join(dirname(articlePath), `${id}.gold.json`);
  if (existsSync(goldPath) && !values.force) {
    process.stderr.write(`quarry gold draft: ${goldPath} already exists; not overwriting hand-checked gold (use --force to replace it)\n`);
    return EXIT.failed;
  }
  const text = readFileSync(articlePath, 'utf8');
  const record = extractRecord(text, { id, source: { path: articlePath } });
  const gold = draftGold(record, { id, split });
  const json = formatGoldJson(gold) + '\n';
  // The draft must load as gold, or the person correcting it starts from a broken file.
  parseGold(JSON.parse(json), text, goldPath);
  writeFileSync(goldPath, json);
  process.stdout.write(
    `wrote ${goldPath}: ${gold.entities.length} entities, ${gold.quotes.length} quotes, ${gold.numbers.length} numbers, ${gold.money.length} money (split ${split}); correct it by hand, then run quarry gold check\n`,
  );
  return EXIT.ok;
}

async function runCheck(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {});
  if (values.help) {
    process.stdout.write(GOLD_HELP + '\n');
    return EXIT.ok;
  }
  const targets = positionals.length ? positionals : ['corpus'];
  const problems: string[] = [];
  let checked = 0;
  for (const target of targets) {
    if (!existsSync(target)) throw new UsageError(`"${target}" does not exist`);
    if (statSync(target).isDirectory()) {
      const corpus = loadCorpus(target);
      checked += corpus.articles.length + corpus.problems.length;
      problems.push(...corpus.problems);
    } else {
      checked += 1;
      const textPath = join(dirname(target), `${goldFileId(target)}.txt`);
      if (!existsSync(textPath)) {
        problems.push(`${target}: no article ${textPath} beside it`);
        continue;
      }
      try {
        loadGold(target, readFileSync(textPath, 'utf8'));
      } catch (err) {
        problems.push(err instanceof GoldError ? err.message : `${target}: ${(err as Error).message}`);
      }
    }
  }
  for (const p of problems) process.stderr.write(p + '\n');
  process.stdout.write(`${checked} gold file${checked === 1 ? '' : 's'} checked, ${problems.length} invalid\n`);
  return problems.length ? EXIT.failed : EXIT.ok;
}
