/**
 * `quarry eval`: runs the pipeline over every article of a corpus that has a
 * gold file, prints precision, recall and F1 per split, stage and type, and
 * guards against regressions by comparing with a committed baseline.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { extract } from '../../pipeline.ts';
import { compareToBaseline, figuresFile, readFiguresFile, serializeFiguresFile, type FiguresFile } from '../../eval/baseline.ts';
import { loadCorpus } from '../../eval/corpus.ts';
import { evaluate, type EvalPair, type Figures, type RecordLists } from '../../eval/evaluate.ts';
import { findMisses } from '../../eval/misses.ts';
import { formatComparison, formatFigures, formatMisses } from '../../eval/report.ts';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError } from '../errors.ts';

export const EVAL_HELP = `Usage: quarry eval [options]

Runs extraction over every article in the corpus folder that has a <id>.gold.json
beside it and prints, per split (test, dev, all), per stage (entities by mention,
quotes, numbers, money) and per type, precision, recall, F1 and tp/fp/fn, in two
one-to-one matchings: strict (exact span and type) and lenient (overlapping span,
same type). Also entity clustering, quote speaker accuracy, number values and
money amounts, and per-family quote recall.

Options:
  --corpus DIR         corpus folder (default: corpus/)
  --split dev|test     evaluate one split only
  --misses             list every false positive, false negative and wrong
                       speaker/value/amount with its article, span and sentence
  --baseline FILE      compare with a baseline figures file (e.g. corpus/baseline.json);
                       exit 1 when any figure drops by more than the tolerance
  --tolerance POINTS   allowed drop, in percentage points (default 0.5)
  --update-baseline    rewrite the baseline (--baseline FILE, default <corpus>/baseline.json)
                       with the current figures
  --json FILE          write all figures, keyed (e.g. "test.quotes.strict.f1"), to FILE
  --html DIR           also write review pages comparing predictions with gold
                       (one per article, index.html worst first; see quarry view)
  --conll FILE         instead of the corpus, score the entity stage on a CoNLL-2003-style
                       file (tokens joined by spaces, a sentence a line, -DOCSTART- between
                       documents): P/R/F1 for PER, LOC, ORG, MISC, with PERSON→PER, ORG→ORG,
                       GPE/LOC/FAC→LOC and every other type→MISC
  -h, --help           show this help

Exit codes: 0 ok; 1 a figure dropped beyond the tolerance, a gold file is invalid,
or an article failed to extract; 2 usage error.`;

const EMPTY_RECORD: RecordLists = { entities: [], quotes: [], numbers: [], money: [] };

/** Keeps only the figures of one split (the `all` block would repeat it). */
function onlySplit(figures: Figures, split: string): Figures {
  return Object.fromEntries(Object.entries(figures).filter(([k]) => k.startsWith(`${split}.`)));
}

/** `quarry eval --conll FILE`: the entity stage scored on CoNLL data (issue 6). */
async function runConllEval(path: string, jsonPath: string | undefined): Promise<number> {
  if (!existsSync(path)) throw new UsageError(`--conll: no such file "${path}"`);
  const { evalConll, formatConllReport } = await import('../../ner/conll.ts');
  const report = await evalConll(path);
  process.stdout.write(formatConllReport(report) + '\n');
  if (jsonPath) {
    mkdirSync(dirname(jsonPath), { recursive: true });
    const { errors: _errors, ...figures } = report;
    writeFileSync(jsonPath, JSON.stringify(figures, null, 2) + '\n');
  }
  return EXIT.ok;
}

/** What runEval calls out to; tests pass a doctored extractor to prove a regression fails the run. */
export interface EvalDeps {
  extract?: (text: string, options: { id: string; source: { path: string } }) => RecordLists;
}

export async function runEval(argv: string[], deps: EvalDeps = {}): Promise<number> {
  const extractRecord = deps.extract ?? extract;
  const { values, positionals } = parseFlags(argv, {
    corpus: { type: 'string' },
    split: { type: 'string' },
    misses: { type: 'boolean' },
    baseline: { type: 'string' },
    tolerance: { type: 'string' },
    'update-baseline': { type: 'boolean' },
    json: { type: 'string' },
    conll: { type: 'string' },
    html: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(EVAL_HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (use --corpus DIR)`);
  if (values.conll !== undefined) return runConllEval(values.conll, values.json);
  const split = values.split;
  if (split !== undefined && split !== 'dev' && split !== 'test') throw new UsageError(`--split must be dev or test, not "${split}"`);
  let tolerance = 0.005;
  if (values.tolerance !== undefined) {
    const points = Number(values.tolerance);
    if (values.tolerance.trim() === '' || !Number.isFinite(points) || points < 0) throw new UsageError(`--tolerance takes a non-negative number of points, not "${values.tolerance}"`);
    tolerance = points / 100;
  }
  if (values['update-baseline'] && split) throw new UsageError('--update-baseline rewrites every figure: run it without --split');
  const corpusDir = values.corpus ?? 'corpus';
  if (!existsSync(corpusDir)) throw new UsageError(`corpus folder "${corpusDir}" does not exist`);

  const started = performance.now();
  const corpus = loadCorpus(corpusDir);
  let failed = corpus.problems.length > 0;
  for (const p of corpus.problems) process.stderr.write(`quarry eval: invalid gold: ${p}\n`);
  const articles = corpus.articles.filter((a) => !split || a.gold.split === split);
  if (!articles.length) {
    process.stderr.write(`quarry eval: no article with a valid gold file in ${corpusDir}${split ? ` (split ${split})` : ''}\n`);
    return corpus.problems.length ? EXIT.failed : EXIT.usage;
  }

  const pairs: EvalPair[] = articles.map((a) => {
    let record: RecordLists;
    try {
      record = extractRecord(a.text, { id: a.id, source: { path: a.textPath } });
    } catch (err) {
      // Scored as an empty record, so its gold counts as missed and the figures show the loss.
      process.stderr.write(`quarry eval: ${a.textPath}: extraction failed: ${(err as Error).message}\n`);
      failed = true;
      record = EMPTY_RECORD;
    }
    return { id: a.id, text: a.text, gold: a.gold, record };
  });
  let figures = evaluate(pairs);
  if (split) figures = onlySplit(figures, split);
  const ids = {
    dev: articles.filter((a) => a.gold.split === 'dev').map((a) => a.id),
    test: articles.filter((a) => a.gold.split === 'test').map((a) => a.id),
  };
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const out: string[] = [];
  const skipped = corpus.withoutGold.length ? `; ${corpus.withoutGold.length} without gold skipped (quarry gold draft makes one)` : '';
  out.push(`quarry eval: ${articles.length} articles (${ids.test.length} test, ${ids.dev.length} dev) from ${corpusDir} in ${seconds}s${skipped}; figures in percent`, '');
  out.push(formatFigures(figures));
  if (values.misses) out.push('', formatMisses(findMisses(pairs)));

  let dropped = false;
  if (values.baseline !== undefined && existsSync(values.baseline)) {
    let baseline: FiguresFile;
    try {
      baseline = readFiguresFile(values.baseline);
    } catch (err) {
      process.stdout.write(out.join('\n') + '\n');
      process.stderr.write(`quarry eval: ${(err as Error).message}\n`);
      return EXIT.failed;
    }
    const base = split ? onlySplit(baseline.figures, split) : baseline.figures;
    const cmp = compareToBaseline(figures, base, tolerance);
    const before = new Set(split ? baseline.articles[split] : [...baseline.articles.dev, ...baseline.articles.test]);
    const now = new Set([...ids.dev, ...ids.test]);
    const gone = [...before].filter((id) => !now.has(id));
    const added = [...now].filter((id) => !before.has(id));
    out.push('');
    if (added.length || gone.length) out.push(`corpus changed since the baseline: ${added.length} article(s) added${added.length ? ` (${added.join(', ')})` : ''}, ${gone.length} gone${gone.length ? ` (${gone.join(', ')})` : ''}`);
    out.push(formatComparison(cmp, tolerance, values.baseline));
    dropped = cmp.drops.length > 0;
  } else if (values.baseline !== undefined && !values['update-baseline']) {
    throw new UsageError(`baseline "${values.baseline}" does not exist (create it with --update-baseline)`);
  }
  process.stdout.write(out.join('\n') + '\n');

  if (values.html !== undefined) {
    const { renderEvalPages } = await import('../../view/write.ts');
    const paths = new Map(articles.map((a) => [a.id, a.textPath]));
    const pages = await renderEvalPages(pairs, values.html, { source: (id) => paths.get(id) });
    for (const f of pages.failures) process.stderr.write(`quarry eval: review page for ${f.id} failed: ${f.error}\n`);
    process.stderr.write(`quarry eval: ${pages.pages} review pages, index at ${pages.index}\n`);
    if (pages.failures.length) failed = true;
  }

  if (values.json !== undefined) {
    mkdirSync(dirname(values.json), { recursive: true });
    writeFileSync(values.json, serializeFiguresFile(figuresFile(figures, ids)));
  }
  if (values['update-baseline']) {
    const target = values.baseline ?? join(corpusDir, 'baseline.json');
    if (failed) {
      process.stderr.write(`quarry eval: baseline ${target} not updated: fix the invalid gold or failed articles first\n`);
      return EXIT.failed;
    }
    writeFileSync(target, serializeFiguresFile(figuresFile(figures, ids)));
    process.stdout.write(`baseline ${target} updated\n`);
    return EXIT.ok;
  }
  return failed || dropped ? EXIT.failed : EXIT.ok;
}
