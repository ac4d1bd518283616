/**
 * Finding a regression corpus on disk: every `<id>.txt` in a folder that has
 * a `<id>.gold.json` beside it. Articles without gold are skipped (they are
 * for `quarry extract`); gold without an article, and invalid gold, are
 * reported and left out of the figures.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Gold } from '../../schemas/gold.ts';
import { GoldError, loadGold } from './gold.ts';

export interface CorpusArticle {
  id: string;
  textPath: string;
  goldPath: string;
  text: string;
  gold: Gold;
}

export interface Corpus {
  articles: CorpusArticle[];
  /** One message per unusable gold file (naming the file and the span). */
  problems: string[];
  /** Ids of articles with no gold file beside them (not scored). */
  withoutGold: string[];
}

/** Reads every article with gold in `dir` (not recursive), sorted by id. Throws when `dir` is not a folder. */
export function loadCorpus(dir: string): Corpus {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: no such corpus folder`);
  const names = readdirSync(dir).sort();
  const has = new Set(names);
  const articles: CorpusArticle[] = [];
  const problems: string[] = [];
  for (const name of names) {
    if (!name.endsWith('.gold.json')) continue;
    const id = name.slice(0, -'.gold.json'.length);
    const goldPath = join(dir, name);
    const textPath = join(dir, `${id}.txt`);
    if (!has.has(`${id}.txt`)) {
      problems.push(`${goldPath}: no article ${textPath} beside it`);
      continue;
    }
    const text = readFileSync(textPath, 'utf8');
    try {
      articles.push({ id, textPath, goldPath, text, gold: loadGold(goldPath, text) });
    } catch (err) {
      problems.push(err instanceof GoldError ? err.message : `${goldPath}: ${(err as Error).message}`);
    }
  }
  const withoutGold = names.filter((n) => n.endsWith('.txt') && !has.has(`${n.slice(0, -4)}.gold.json`)).map((n) => n.slice(0, -4));
  return { articles, problems, withoutGold };
}
