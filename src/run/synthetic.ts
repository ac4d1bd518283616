/**
 * A synthetic archive built from the bundled corpus, for the benchmark and
 * the scale tests: nothing is downloaded. Each article is a corpus article
 * with small deterministic perturbations (digits changed, paragraphs rotated,
 * sometimes another article's paragraphs appended) so articles differ in
 * text, hash and length the way an archive's do, while staying real prose.
 */
import { createWriteStream } from 'node:fs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../version.ts';

/** The corpus article texts (gold files are not articles), sorted by file name. */
export function corpusTexts(dir = join(PROJECT_ROOT, 'corpus')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** mulberry32: a tiny seeded PRNG, so the same seed gives the same archive (and a test the same cases). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticArticle {
  id: string;
  text: string;
}

/** `count` articles (Infinity: endless), deterministic for a seed. */
export function* syntheticArticles(texts: string[], count: number, seed = 1): Generator<SyntheticArticle> {
  if (texts.length === 0) throw new Error('syntheticArticles: no corpus texts');
  const rand = rng(seed);
  for (let i = 0; i < count; i++) {
    const base = texts[Math.floor(rand() * texts.length)];
    let paras = base.split('\n');
    const rot = Math.floor(rand() * 3);
    // Keep the first (headline-ish) paragraph first; rotate the body a little.
    if (paras.length > 3 && rot) paras = [paras[0], ...paras.slice(1 + rot), ...paras.slice(1, 1 + rot)];
    if (rand() < 0.4) {
      const other = texts[Math.floor(rand() * texts.length)].split('\n').filter((p) => p.trim());
      paras.push('', ...other.slice(1, 1 + Math.ceil(rand() * other.length)));
    }
    const text = paras.join('\n').replace(/\d/g, (d) => (rand() < 0.3 ? String(Math.floor(rand() * 10)) : d));
    yield { id: `syn-${String(i).padStart(7, '0')}`, text };
  }
}

/**
 * Writes a JSONL archive of `count` articles, or of about `bytes` bytes when
 * `bytes` is given, streaming (a 1 GB archive never sits in memory).
 */
export async function writeSyntheticJsonl(
  path: string,
  options: { count?: number; bytes?: number; seed?: number; texts?: string[] },
): Promise<{ articles: number; bytes: number }> {
  const texts = options.texts ?? corpusTexts();
  const out = createWriteStream(path);
  let bytes = 0;
  let articles = 0;
  const limit = options.bytes ?? Infinity;
  for (const a of syntheticArticles(texts, options.count ?? Infinity, options.seed ?? 1)) {
    if (bytes >= limit) break;
    const line = JSON.stringify(a) + '\n';
    bytes += Buffer.byteLength(line);
    articles++;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((ok, fail) => out.end((err?: Error | null) => (err ? fail(err) : ok())));
  return { articles, bytes };
}
