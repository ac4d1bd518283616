/**
 * Scoring the pipeline's entity stage on CoNLL-2003-format data (the
 * `quarry eval --conll FILE` command). Each document is laid out as text the
 * way the benchmark is read (tokens of a sentence joined by single spaces, one
 * sentence a line), run through buildDoc + extractEntities, and every mention
 * is mapped back to CoNLL tokens. Record types map to CoNLL's four:
 * PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, everything else→MISC. A mention that
 * is only part of a CoNLL token ("Ontario" in "Ontario-based") is scored as
 * that whole token with type MISC, CoNLL's convention for such compounds.
 * Scores are exact-match precision/recall/F1 (CoNLL-2003 conlleval).
 */
import { buildDoc } from '../core/doc.ts';
import { extractEntities } from '../stages/entities/index.ts';
import { conllText, readConll, spansOf, type ConllSpan } from './conll-read.ts';

export const CONLL_TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ConllReport {
  path: string;
  documents: number;
  sentences: number;
  tokens: number;
  /** Per CoNLL type. */
  types: Record<(typeof CONLL_TYPES)[number], TypeScore>;
  /** Micro-averaged over PER, LOC, ORG (the project's headline figure). */
  microPLO: TypeScore;
  /** Micro-averaged over all four types. */
  microAll: TypeScore;
  seconds: number;
  /** A sample of errors: [kind, type, text]. */
  errors: Array<{ kind: 'fp' | 'fn'; type: string; text: string }>;
}

function score(tp: number, fp: number, fn: number): TypeScore {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export function conllTypeOf(type: string): (typeof CONLL_TYPES)[number] {
  if (type === 'PERSON') return 'PER';
  if (type === 'ORG') return 'ORG';
  if (type === 'GPE' || type === 'LOC' || type === 'FAC') return 'LOC';
  return 'MISC';
}

/** Scores the entity stage on the CoNLL file at `path`. */
export async function evalConll(path: string, options: { maxErrors?: number } = {}): Promise<ConllReport> {
  const t0 = performance.now();
  const docs = readConll(path);
  const counts = Object.fromEntries(CONLL_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<string, { tp: number; fp: number; fn: number }>;
  const errors: ConllReport['errors'] = [];
  const maxErrors = options.maxErrors ?? 200;
  let sentences = 0;
  let tokens = 0;
  for (const cdoc of docs) {
    const { text, offsets } = conllText(cdoc);
    sentences += cdoc.sentences.length;
    // Character → [sentence, token] of the CoNLL token covering it.
    const sentOf = new Int32Array(text.length).fill(-1);
    const tokOf = new Int32Array(text.length).fill(-1);
    offsets.forEach((row, si) =>
      row.forEach(([a, b], ti) => {
        sentOf.fill(si, a, b);
        tokOf.fill(ti, a, b);
        tokens++;
      }),
    );
    const key = (s: ConllSpan) => `${s.sentence}:${s.start}:${s.end}:${s.type}`;
    const gold = new Map<string, ConllSpan>();
    cdoc.sentences.forEach((s, si) => spansOf(s.tags, si).forEach((span) => gold.set(key(span), span)));
    const pred = new Map<string, ConllSpan>();
    const doc = buildDoc(text);
    for (const e of extractEntities(doc, () => {})) {
      for (const m of e.mentions) {
        const si = sentOf[m.start];
        if (si < 0 || sentOf[m.end - 1] !== si) continue;
        const a = tokOf[m.start];
        const b = tokOf[m.end - 1] + 1;
        const whole = offsets[si][a][0] === m.start && offsets[si][b - 1][1] === m.end;
        const span = { sentence: si, start: a, end: b, type: whole ? conllTypeOf(e.type) : 'MISC' };
        pred.set(key(span), span);
      }
    }
    const show = (s: ConllSpan) => cdoc.sentences[s.sentence].tokens.slice(s.start, s.end).join(' ');
    for (const [k, s] of pred) {
      if (gold.has(k)) counts[s.type].tp++;
      else {
        counts[s.type].fp++;
        if (errors.length < maxErrors) errors.push({ kind: 'fp', type: s.type, text: show(s) });
      }
    }
    for (const [k, s] of gold) {
      if (pred.has(k)) continue;
      counts[s.type].fn++;
      if (errors.length < maxErrors) errors.push({ kind: 'fn', type: s.type, text: show(s) });
    }
  }
  const sum = (types: readonly string[]) => {
    const c = { tp: 0, fp: 0, fn: 0 };
    for (const t of types) {
      c.tp += counts[t].tp;
      c.fp += counts[t].fp;
      c.fn += counts[t].fn;
    }
    return score(c.tp, c.fp, c.fn);
  };
  return {
    path,
    documents: docs.length,
    sentences,
    tokens,
    types: Object.fromEntries(CONLL_TYPES.map((t) => [t, score(counts[t].tp, counts[t].fp, counts[t].fn)])) as ConllReport['types'],
    microPLO: sum(['PER', 'LOC', 'ORG']),
    microAll: sum(CONLL_TYPES),
    seconds: (performance.now() - t0) / 1000,
    errors,
  };
}

/** The report as a plain-text table: P/R/F1 with tp/fp/fn per type, then the micro averages. */
export function formatConllReport(report: ConllReport): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const row = (name: string, s: TypeScore) =>
    `${name.padEnd(18)}${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${String(s.tp).padStart(6)} ${String(s.fp).padStart(6)} ${String(s.fn).padStart(6)}`;
  return [
    `${report.path}: ${report.documents} documents, ${report.sentences} sentences, ${report.tokens} tokens, ${report.seconds.toFixed(1)}s`,
    `${'type'.padEnd(18)}${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'tp'.padStart(6)} ${'fp'.padStart(6)} ${'fn'.padStart(6)}`,
    ...CONLL_TYPES.map((t) => row(t, report.types[t])),
    row('micro PER/LOC/ORG', report.microPLO),
    row('micro all', report.microAll),
  ].join('\n');
}
