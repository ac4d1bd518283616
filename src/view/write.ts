/**
 * Writing review pages to a folder: one `<id>.html` per article and an
 * `index.html`, each written atomically and only inside the folder. Pages are
 * written as they are rendered, so memory holds summaries, not pages.
 */
import type { EvalPair } from '../eval/evaluate.ts';
import { unsafeIdReason } from '../io/inputs.ts';
import { ensureDir, pathInside, writeFileAtomic } from '../io/outputs.ts';
import type { ViewArticle } from './model.ts';
import { renderArticle, renderIndexPage, type IndexEntry } from './page.ts';

export interface PageFailure {
  source: string;
  line?: number;
  id?: string;
  error: string;
}

/** The page's file name: `<id>.html`, never the index's own name. */
export function pageFileName(id: string): string {
  const unsafe = unsafeIdReason(id);
  if (unsafe) throw new Error(`unsafe id: ${unsafe}`);
  return id.toLowerCase() === 'index' ? `${id}_.html` : `${id}.html`;
}

/** Renders and writes one article's page; returns its index entry. */
export async function writeArticlePage(dir: string, article: ViewArticle): Promise<IndexEntry> {
  const name = pageFileName(article.id);
  const { html, summary } = renderArticle(article);
  await writeFileAtomic(pathInside(dir, name), html);
  return { summary, href: encodeURIComponent(name) };
}

export async function writeIndexPage(dir: string, entries: IndexEntry[], failures: PageFailure[] = []): Promise<string> {
  const path = pathInside(dir, 'index.html');
  await writeFileAtomic(path, renderIndexPage(entries, failures));
  return path;
}

/**
 * The pages `quarry eval --html DIR` writes: each scored article compared
 * with its gold, and the index worst first by strict F1. `source` names where
 * an article came from (shown on its page).
 */
export async function renderEvalPages(
  pairs: readonly EvalPair[],
  dir: string,
  options: { source?: (id: string) => string | undefined } = {},
): Promise<{ pages: number; index: string; failures: PageFailure[] }> {
  await ensureDir(dir);
  const entries: IndexEntry[] = [];
  const failures: PageFailure[] = [];
  for (const pair of pairs) {
    const source = options.source?.(pair.id);
    try {
      entries.push(await writeArticlePage(dir, { id: pair.id, text: pair.text, record: pair.record, gold: pair.gold, ...(source !== undefined && { source }) }));
    } catch (err) {
      failures.push({ source: source ?? pair.id, id: pair.id, error: (err as Error).message });
    }
  }
  const index = await writeIndexPage(dir, entries, failures);
  return { pages: entries.length, index, failures };
}
