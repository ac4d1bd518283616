/**
 * Plain-text rendering of eval figures, comparisons and misses: compact
 * aligned tables in percent (one decimal), the way spaCy's `benchmark
 * accuracy` and CoNLL's conlleval print them. Reads only keyed figures, so a
 * baseline file renders the same way as a fresh run.
 */
import type { Comparison, FigureChange } from './baseline.ts';
import { STAGES, type Figures } from './evaluate.ts';
import type { Miss } from './misses.ts';

const pct = (x: number | undefined): string => (x === undefined ? '–' : (x * 100).toFixed(1));
const num = (x: number | undefined): string => (x === undefined ? '–' : String(x));

function ratio(f: Figures, key: string): string {
  const total = f[`${key}.total`];
  if (!total) return '–';
  return `${pct(f[`${key}.rate`])}% (${f[`${key}.hits`]}/${total})`;
}

/** Right-aligns each column to its widest cell; first `leftCols` columns are left-aligned. */
export function alignColumns(rows: string[][], leftCols = 2, gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - [...cell].length);
        return i < leftCols ? cell + pad : pad + cell;
      })
      .join(' '.repeat(gap))
      .trimEnd(),
  );
}

/** Splits present in the figures, in reading order (test first: its figures are the honest ones). */
export function splitsIn(f: Figures): string[] {
  return ['test', 'dev', 'all'].filter((s) => f[`${s}.articles`] !== undefined);
}

function typesOf(f: Figures, split: string, stage: string): string[] {
  const prefix = `${split}.${stage}.type.`;
  const types = new Set<string>();
  for (const key of Object.keys(f)) {
    if (key.startsWith(prefix) && key.endsWith('.strict.tp')) types.add(key.slice(prefix.length, -'.strict.tp'.length));
  }
  const support = (t: string) => (f[`${prefix}${t}.strict.tp`] ?? 0) + (f[`${prefix}${t}.strict.fn`] ?? 0);
  return [...types].sort((a, b) => support(b) - support(a) || (a < b ? -1 : 1));
}

function prfCells(f: Figures, key: string): string[] {
  return [pct(f[`${key}.precision`]), pct(f[`${key}.recall`]), pct(f[`${key}.f1`]), num(f[`${key}.tp`]), num(f[`${key}.fp`]), num(f[`${key}.fn`])];
}

/** The full report for one split: the P/R/F1 table, then clustering and attribute accuracy. */
export function formatSplit(f: Figures, split: string): string {
  const lines: string[] = [];
  lines.push(`${split} (${f[`${split}.articles`]} article${f[`${split}.articles`] === 1 ? '' : 's'})`);
  const rows: string[][] = [
    ['', '', 'strict', '', '', '', '', '', 'lenient', '', '', '', '', ''],
    ['stage', 'type', 'P', 'R', 'F1', 'tp', 'fp', 'fn', 'P', 'R', 'F1', 'tp', 'fp', 'fn'],
  ];
  for (const stage of STAGES) {
    rows.push([stage, 'all', ...prfCells(f, `${split}.${stage}.strict`), ...prfCells(f, `${split}.${stage}.lenient`)]);
    for (const t of typesOf(f, split, stage)) {
      rows.push(['', t, ...prfCells(f, `${split}.${stage}.type.${t}.strict`), ...prfCells(f, `${split}.${stage}.type.${t}.lenient`)]);
    }
  }
  const table = alignColumns(rows);
  // Centre-left the group headers over their columns: place them where each group's P column starts.
  const header = table[1];
  const pAt = [...header.matchAll(/\bP\b/g)].map((m) => m.index ?? 0);
  const groups = ' '.repeat(pAt[0] ?? 0) + 'strict'.padEnd((pAt[1] ?? 0) - (pAt[0] ?? 0)) + 'lenient';
  lines.push('  ' + groups, ...table.slice(1).map((l) => '  ' + l));

  const extra: string[][] = [
    ['clusters', 'gold entities kept whole', ratio(f, `${split}.entities.clusters.whole`), 'predicted entities mixing two gold', ratio(f, `${split}.entities.clusters.mixed`)],
    ['speakers', 'name', ratio(f, `${split}.quotes.speaker_name`), 'mention overlaps', ratio(f, `${split}.quotes.speaker_mention`)],
    ['values', 'numbers value+kind', ratio(f, `${split}.numbers.value`), 'money amount+currency', ratio(f, `${split}.money.amount_currency`)],
  ];
  lines.push('', ...alignColumns(extra, 5).map((l) => '  ' + l));
  lines.push('  (clusters: entities with 2+ mentions found; speakers and values: on items matched by overlapping span)');

  return lines.join('\n');
}

/** One line per split: strict / lenient F1 per stage and the attribute accuracies, for a glance (and issue notes). */
export function formatSummary(f: Figures, splits: string[] = splitsIn(f)): string {
  const pair = (split: string, stage: string) => `${pct(f[`${split}.${stage}.strict.f1`])} / ${pct(f[`${split}.${stage}.lenient.f1`])}`;
  const rate = (key: string) => pct(f[`${key}.rate`]);
  const rows = [['F1 strict / lenient', ...STAGES, 'speaker', 'mention', 'value', 'amount']];
  for (const s of splits) {
    rows.push([
      `${s} (${f[`${s}.articles`]})`,
      ...STAGES.map((stage) => pair(s, stage)),
      rate(`${s}.quotes.speaker_name`),
      rate(`${s}.quotes.speaker_mention`),
      rate(`${s}.numbers.value`),
      rate(`${s}.money.amount_currency`),
    ]);
  }
  return alignColumns(rows, 1).join('\n');
}

/**
 * Per-family quote recall (strict and lenient) and speaker accuracy, one row
 * per family with the splits side by side; null when no gold quote has a family.
 */
export function formatFamilies(f: Figures, splits: string[] = splitsIn(f)): string | null {
  const shown = splits.filter((s) => s !== 'all' || splits.length === 1);
  const families = new Set<string>();
  for (const s of shown) {
    const prefix = `${s}.quotes.family.`;
    for (const k of Object.keys(f)) if (k.startsWith(prefix) && k.endsWith('.gold')) families.add(k.slice(prefix.length, -'.gold'.length));
  }
  if (!families.size) return null;
  const rows: string[][] = [['quote family', ...shown.flatMap((s) => [`${s}: n`, 'R strict', 'R lenient', 'speaker'])]];
  for (const fam of [...families].sort()) {
    rows.push([
      fam,
      ...shown.flatMap((s) => {
        const k = `${s}.quotes.family.${fam}`;
        if (f[`${k}.gold`] === undefined) return ['', '', '', ''];
        const total = f[`${k}.speaker_name.total`];
        return [num(f[`${k}.gold`]), pct(f[`${k}.strict.recall`]), pct(f[`${k}.lenient.recall`]), total ? `${f[`${k}.speaker_name.hits`]}/${total}` : '–'];
      }),
    ]);
  }
  return alignColumns(rows, 1).map((l) => '  ' + l).join('\n');
}

/** Every split present, one after another, then quote families and the one-line-per-split summary. */
export function formatFigures(f: Figures, splits: string[] = splitsIn(f)): string {
  const families = formatFamilies(f, splits);
  return [
    ...splits.map((s) => formatSplit(f, s)),
    ...(families ? [families] : []),
    'summary (percent; speaker/mention/value/amount: accuracy on span-matched items)\n' + formatSummary(f, splits),
  ].join('\n\n');
}

function formatChange(c: FigureChange, tolerance: number): string[] {
  const sign = c.delta > 0 ? '+' : '−';
  const mark = c.worse ? (Math.abs(c.delta) > tolerance + 1e-9 ? 'DROP' : 'worse (within tolerance)') : 'better';
  return [c.key, pct(c.before), '→', pct(c.after), `${sign}${(Math.abs(c.delta) * 100).toFixed(2)} pt`, mark];
}

/** The moved figures and a one-line summary; drops listed last so they end the output. */
export function formatComparison(cmp: Comparison, tolerance: number, baselinePath: string): string {
  const lines: string[] = [];
  // Headline figures before per-type and per-family ones, so the first lines tell the story.
  const rank = (c: FigureChange) => (c.key.includes('.family.') ? 2 : c.key.includes('.type.') ? 1 : 0);
  const ordered = [...cmp.changes].sort((a, b) => rank(a) - rank(b));
  const moved = [...ordered.filter((c) => !c.worse), ...ordered.filter((c) => c.worse)];
  if (moved.length) {
    lines.push(`changes against ${baselinePath} (percent):`);
    lines.push(...alignColumns(moved.map((c) => formatChange(c, tolerance)), 1).map((l) => '  ' + l));
  }
  if (cmp.added.length) lines.push(`new figures: ${cmp.added.length} (e.g. ${cmp.added.slice(0, 3).join(', ')})`);
  if (cmp.removed.length) lines.push(`figures gone: ${cmp.removed.length} (e.g. ${cmp.removed.slice(0, 3).join(', ')})`);
  const better = cmp.changes.filter((c) => !c.worse).length;
  const worse = cmp.changes.length - better;
  const tol = `${(tolerance * 100).toFixed(2).replace(/\.?0+$/, '')} pt`;
  lines.push(
    cmp.drops.length
      ? `FAIL: ${cmp.drops.length} figure${cmp.drops.length === 1 ? '' : 's'} dropped by more than ${tol} against ${baselinePath}: ${[...cmp.drops]
          .sort((a, b) => rank(a) - rank(b))
          .slice(0, 8)
          .map((d) => d.key)
          .join(', ')}${cmp.drops.length > 8 ? `, … (${cmp.drops.length - 8} more above)` : ''}`
      : `baseline ${baselinePath}: ${better} better, ${worse} worse, none beyond ${tol}${cmp.changes.length || cmp.countChanges.length ? '' : ' (no change)'}`,
  );
  return lines.join('\n');
}

/** The misses as one block per stage, each line: kind, article, span, type, text, note, then the sentence. */
export function formatMisses(misses: readonly Miss[]): string {
  if (!misses.length) return 'misses: none';
  const lines: string[] = [];
  for (const stage of STAGES) {
    const list = misses.filter((m) => m.stage === stage);
    if (!list.length) continue;
    const count = (k: string) => list.filter((m) => m.kind === k).length;
    lines.push(`${stage} misses: ${count('FN')} FN, ${count('FP')} FP, ${count('WRONG')} wrong attribute`);
    for (const m of list) {
      lines.push(`  ${m.kind.padEnd(5)} ${m.id} [${m.start}, ${m.end}) ${m.type} ${JSON.stringify(m.text)}${m.note ? `  (${m.note})` : ''}`);
      lines.push(`        ${m.context}`);
    }
  }
  return lines.join('\n');
}
