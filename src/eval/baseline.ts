/**
 * The committed baseline (`corpus/baseline.json`) and `--json` output share
 * one format: keyed figures, sorted, rounded to 4 decimals, with no time
 * stamps, so rerunning on an unchanged tree rewrites it byte for byte.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Figures } from './evaluate.ts';

export const FIGURES_FORMAT = 'quarry-eval-figures/1';

export const FiguresFileSchema = z.object({
  format: z.literal(FIGURES_FORMAT),
  /** Article ids per split: shows when a figure moved because the corpus changed. */
  articles: z.object({ dev: z.array(z.string()), test: z.array(z.string()) }),
  figures: z.record(z.string(), z.number()),
});
export type FiguresFile = z.infer<typeof FiguresFileSchema>;

export function figuresFile(figures: Figures, articles: { dev: string[]; test: string[] }): FiguresFile {
  const sorted = Object.fromEntries(Object.entries(figures).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { format: FIGURES_FORMAT, articles: { dev: [...articles.dev].sort(), test: [...articles.test].sort() }, figures: sorted };
}

/** JSON text of a figures file: one figure per line, so a baseline diff in review reads as a list of changes. */
export function serializeFiguresFile(file: FiguresFile): string {
  const lines = Object.entries(file.figures).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return [
    '{',
    `  "format": ${JSON.stringify(file.format)},`,
    '  "articles": {',
    `    "dev": ${JSON.stringify(file.articles.dev)},`,
    `    "test": ${JSON.stringify(file.articles.test)}`,
    '  },',
    '  "figures": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Reads a baseline or figures file; throws with the path on a missing or malformed file. */
export function readFiguresFile(path: string): FiguresFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read the baseline: ${(err as Error).message}`);
  }
  const parsed = FiguresFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${path}: not a quarry eval figures file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Rates are what the gate watches; counts move whenever the corpus grows. */
export function isRate(key: string): boolean {
  return /\.(precision|recall|f1|rate)$/.test(key);
}

/** Figures where a rise is a regression (predicted entities mixing two gold ones). */
export function lowerIsBetter(key: string): boolean {
  return /\.clusters\.mixed\.rate$/.test(key);
}

export interface FigureChange {
  key: string;
  before: number;
  after: number;
  /** after − before, rounded to 4 decimals. */
  delta: number;
  /** True when the move is in the bad direction. */
  worse: boolean;
}

export interface Comparison {
  /** Rate figures that got worse by more than the tolerance: these fail the run. */
  drops: FigureChange[];
  /** Every rate figure that moved, in key order (drops included). */
  changes: FigureChange[];
  /** Count figures that moved (tp/fp/fn/hits/total/articles). */
  countChanges: FigureChange[];
  /** Keys in the current figures but not the baseline, and the reverse. */
  added: string[];
  removed: string[];
}

/**
 * Compares current figures to a baseline. `tolerance` is a fraction (0.005 =
 * half a point); a rate that worsens by more than that is a drop.
 */
export function compareToBaseline(figures: Figures, baseline: Figures, tolerance: number): Comparison {
  const changes: FigureChange[] = [];
  const countChanges: FigureChange[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const keys = [...new Set([...Object.keys(figures), ...Object.keys(baseline)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const before = baseline[key];
    const after = figures[key];
    if (before === undefined) {
      added.push(key);
      continue;
    }
    if (after === undefined) {
      removed.push(key);
      continue;
    }
    if (before === after) continue;
    const delta = Math.round((after - before) * 1e4) / 1e4;
    if (delta === 0) continue;
    const rate = isRate(key);
    const worse = rate ? (lowerIsBetter(key) ? delta > 0 : delta < 0) : false;
    (rate ? changes : countChanges).push({ key, before, after, delta, worse });
  }
  // 1e-9 keeps a drop of exactly the tolerance (0.9000 → 0.8950) inside it despite float error.
  const drops = changes.filter((c) => c.worse && Math.abs(c.delta) > tolerance + 1e-9);
  return { drops, changes, countChanges, added, removed };
}
