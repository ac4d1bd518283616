/**
 * The NER tagger's model: a linear scorer over string features with one
 * weight per (feature, label), and greedy left-to-right BILOU decoding.
 *
 * On disk (models/ner/): `labels.txt`, `features.txt` (one feature a line)
 * and `weights.bin` — per feature, a count byte then (label byte, int16) triples;
 * the int16 is the averaged-perceptron weight divided by
 * `scale` (first line of labels.txt) and rounded to int16 (little-endian);
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dynamicFeatures, staticFeatures, type TagToken } from './features.ts';
import type { Gazetteer } from './gazetteer.ts';

export const TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;
export const LABELS: readonly string[] = ['O', ...TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];

/** Whether BILOU label `cur` may follow `prev` ('<s>' at a sentence start). */
export function allowed(prev: string, cur: string): boolean {
  const open = prev.startsWith('B-') || prev.startsWith('I-');
  if (open) return (cur.startsWith('I-') || cur.startsWith('L-')) && cur.slice(2) === prev.slice(2);
  return cur === 'O' || cur.startsWith('B-') || cur.startsWith('U-');
}

/** allowedTable[prev][cur], with prev index LABELS.length standing for '<s>'. */
const allowedTable: boolean[][] = [...LABELS, '<s>'].map((p) => LABELS.map((c) => allowed(p, c)));

export interface Scorer {
  readonly nLabels: number;
  /** Adds the weights of `feature` to `scores` (no-op if unknown). */
  add(feature: string, scores: Float32Array): void;
}

export class NerModel implements Scorer {
  readonly nLabels = LABELS.length;
  constructor(
    readonly index: Map<string, number>,
    /** nFeatures × nLabels */
    readonly weights: Float32Array,
  ) {}

  add(feature: string, scores: Float32Array): void {
    const id = this.index.get(feature);
    if (id === undefined) return;
    const base = id * this.nLabels;
    const w = this.weights;
    for (let k = 0; k < this.nLabels; k++) scores[k] += w[base + k];
  }

  static load(dir: string): NerModel {
    const labelsFile = readFileSync(join(dir, 'labels.txt'), 'utf8').split('\n');
    const scale = Number(labelsFile[0]);
    const labels = labelsFile.slice(1).filter(Boolean);
    if (labels.join(' ') !== LABELS.join(' ')) throw new Error(`model labels ${labels.join(' ')} do not match this tagger`);
    const features = readFileSync(join(dir, 'features.txt'), 'utf8').split('\n');
    if (features[features.length - 1] === '') features.pop();
    const bin = readFileSync(join(dir, 'weights.bin'));
    const L = labels.length;
    const weights = new Float32Array(features.length * L);
    const index = new Map<string, number>();
    let p = 0;
    for (let f = 0; f < features.length; f++) {
      index.set(features[f], f);
      const count = bin[p++];
      for (let k = 0; k < count; k++) {
        const label = bin[p++];
        const q = ((bin[p] | (bin[p + 1] << 8)) << 16) >> 16;
        p += 2;
        weights[f * L + label] = q * scale;
      }
    }
    return new NerModel(index, weights);
  }

  /**
   * Writes the model, dropping features whose largest quantised weight is 0
   * (and features seen fewer than `minCount` times, when counts are given).
   */
  static save(dir: string, features: string[], weights: Float32Array, keep: (f: number) => boolean = () => true, minQ = 1): { features: number; bytes: number } {
    const L = LABELS.length;
    let max = 0;
    for (const w of weights) max = Math.max(max, Math.abs(w));
    const scale = max / 32767 || 1;
    const names: string[] = [];
    const bytes: number[] = [];
    for (let f = 0; f < features.length; f++) {
      if (!keep(f) || features[f].includes('\n')) continue;
      const pairs: number[] = [];
      for (let k = 0; k < L; k++) {
        const q = Math.round(weights[f * L + k] / scale);
        if (Math.abs(q) >= minQ) pairs.push(k, q & 0xff, (q >> 8) & 0xff);
      }
      if (!pairs.length) continue;
      names.push(features[f]);
      bytes.push(pairs.length / 3, ...pairs);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'labels.txt'), `${scale}\n${LABELS.join('\n')}\n`);
    writeFileSync(join(dir, 'features.txt'), names.join('\n') + '\n');
    writeFileSync(join(dir, 'weights.bin'), Uint8Array.from(bytes));
    return { features: names.length, bytes: bytes.length };
  }
}

/**
 * Greedy BILOU decoding of one document. `scorer` gives label scores; the
 * highest-scoring label allowed after the previous one is chosen. Returns one
 * label per token.
 */
export function decode(tokens: readonly TagToken[], gz: Gazetteer, scorer: Scorer): string[] {
  const st = staticFeatures(tokens, gz);
  const labels = new Array<string>(tokens.length);
  const history = new Map<string, string>();
  const scores = new Float32Array(scorer.nLabels);
  let prevIdx = LABELS.length;
  for (let i = 0; i < tokens.length; i++) {
    if (i === 0 || tokens[i].sentence !== tokens[i - 1].sentence) prevIdx = LABELS.length;
    scores.fill(0);
    for (const f of st.feats[i]) scorer.add(f, scores);
    for (const f of dynamicFeatures(i, tokens, st, labels, history)) scorer.add(f, scores);
    const best = argmaxAllowed(scores, prevIdx);
    labels[i] = LABELS[best];
    prevIdx = best;
    if (st.cap[i]) history.set(st.lower[i], best === 0 ? 'O' : LABELS[best].slice(2));
  }
  return labels;
}

export function argmaxAllowed(scores: Float32Array, prevIdx: number): number {
  const row = allowedTable[prevIdx];
  let best = -1;
  let bestScore = -Infinity;
  for (let k = 0; k < scores.length; k++) {
    if (row[k] && scores[k] > bestScore) {
      bestScore = scores[k];
      best = k;
    }
  }
  return best;
}

export interface LabelSpan {
  /** Token index range [start, end). */
  start: number;
  end: number;
  type: string;
}

/** Entity spans of a BILOU label sequence (a span left open at a sentence end is closed there). */
export function bilouSpans(labels: readonly string[], tokens: readonly TagToken[]): LabelSpan[] {
  const out: LabelSpan[] = [];
  let open: LabelSpan | null = null;
  for (let i = 0; i < labels.length; i++) {
    const lab = labels[i];
    if (open && (tokens[i].sentence !== tokens[i - 1].sentence || !(lab.startsWith('I-') || lab.startsWith('L-')))) {
      out.push(open);
      open = null;
    }
    if (lab === 'O') continue;
    const p = lab[0];
    const type = lab.slice(2);
    if (p === 'U') out.push({ start: i, end: i + 1, type });
    else if (p === 'B') open = { start: i, end: i + 1, type };
    else if (open) {
      open.end = i + 1;
      if (p === 'L') {
        out.push(open);
        open = null;
      }
    } else out.push({ start: i, end: i + 1, type });
  }
  if (open) out.push(open);
  return out;
}
