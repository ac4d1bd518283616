/**
 * The NER tagger's model: a linear scorer over hashed features (hash.ts) with
 * one weight per (feature, label), and greedy left-to-right BILOU decoding.
 *
 * On disk (models/ner/): `labels.txt` (the dequantisation scale, then the
 * labels), `keys.bin` (the feature keys, float64 little-endian) and
 * `weights.bin` (for each key in order: a count byte, then that many
 * (label byte, int16 little-endian) triples; weight = int16 × scale).
 *
 * A loaded model scores in those int16 units: a token's label scores are
 * sums of small integers, exact in float32 (below 2^24; a token has under
 * a hundred features of at most 32,767 each), so they do not depend on the
 * order the features are added in, and the argmax is that of the real-valued
 * weights without rounding (the scale is positive). That leaves decodeFast
 * free to add a word's fixed features once per word (features.ts).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addRow, addStaticFeatures, nextWordIndex, dynamicFeatureIds, dynamicFeatures, isPlainToken, isPlainWord, recordHistory, setWordPrefix, staticFeatureIds, staticFeatures, type FeatureResolver, type StaticFeatures, type TagToken } from './features.ts';
import { matchGazetteer, type Gazetteer, type GazetteerMatch } from './gazetteer.ts';

export const TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;
/** O, then B/I/L/U for each type in TYPES order (17 labels). */
export const LABELS: readonly string[] = ['O', ...TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];

/** Whether BILOU label `cur` may follow `prev` ('<s>' at a sentence start). */
export function allowed(prev: string, cur: string): boolean {
  const open = prev.startsWith('B-') || prev.startsWith('I-');
  if (open) return (cur.startsWith('I-') || cur.startsWith('L-')) && cur.slice(2) === prev.slice(2);
  return cur === 'O' || cur.startsWith('B-') || cur.startsWith('U-');
}

/** allowedTable[prev][cur], with prev index LABELS.length standing for '<s>'. */
const allowedTable: boolean[][] = [...LABELS, '<s>'].map((p) => LABELS.map((c) => allowed(p, c)));

/**
 * The skip rule, an inference-time approximation (off unless asked for; the
 * tagger asks, training and decode() by default do not): where the previous
 * label leaves no entity open (O, L-*, U-* or a sentence start), a token with
 * no upper-case letter, no digit and no gazetteer match, whose next word has
 * no upper-case letter either (features.ts, isPlainToken), is labelled O
 * without computing its features or scoring it. Three tokens in four on news
 * text are such words and punctuation, and they were most of the tagger's
 * time. Measured when introduced: the skipped tokens the full decode labels
 * otherwise are ~1 in 1000 on news (mostly "€"/"£" run into a MISC span with
 * the amount, which the entity stage drops anyway) and 2 in 30,000 on CoNLL;
 * entity output unchanged on the corpus, 1,500 synthetic articles and the
 * CoNLL dev documents; CoNLL dev micro PER/LOC/ORG F1 90.55 before and after.
 * (Without the next-word condition, "of" in "Proceeds of Crime Act" and "al"
 * in "al-Aqsa" lost their B- labels.)
 */
export interface DecodeOptions {
  skipPlain?: boolean;
  /** Filled with 1 for each token the skip rule labelled O (for tests). */
  skipped?: Uint8Array;
  /** The tokens' gazetteer matches (matchGazetteer), when the caller has them already. */
  matches?: readonly GazetteerMatch[];
}

/** Whether the next word (features.ts, nextWordIndex) has an upper-case letter: isPlainToken's lookahead on the plain path. */
function hasUpperNext(tokens: readonly TagToken[], i: number): boolean {
  const k = nextWordIndex(tokens, i);
  return k >= 0 && tokens[k].text !== tokens[k].text.toLowerCase();
}

/** Whether label index `label` opens an entity that the next token must continue (B-* or I-*). */
function leavesOpen(label: number): boolean {
  return label > 0 && ((label - 1) & 3) < 2;
}

export interface Scorer {
  readonly nLabels: number;
  /** Adds the weights of feature `key` to `scores` (no-op if unknown); a NerModel adds them in its int16 units. */
  add(key: number, scores: Float32Array): void;
}

/**
 * Weights as the model files store them: int16 units of one positive scale
 * (the largest weight's magnitude / 32767), each weight rounded to the
 * nearest unit.
 */
export function quantize(weights: Float32Array): { scale: number; units: Int16Array } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max / 32767 || 1;
  const units = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) units[i] = Math.round(weights[i] / scale);
  return { scale, units };
}

/**
 * Open-addressing table from feature key to feature number. Keys are 53-bit
 * integers in doubles (hash.ts); their top 32 bits are already a good hash.
 * A JS Map keyed by doubles was most of the tagger's time.
 */
export class KeyTable {
  private readonly slots: Float64Array;
  private readonly ids: Int32Array;
  private readonly mask: number;

  constructor(keys: ArrayLike<number>) {
    let size = 1;
    while (size < keys.length * 2) size <<= 1;
    this.slots = new Float64Array(size).fill(-1);
    this.ids = new Int32Array(size);
    this.mask = size - 1;
    for (let f = 0; f < keys.length; f++) {
      let h = (keys[f] / 2097152) & this.mask;
      while (this.slots[h] !== -1) h = (h + 1) & this.mask;
      this.slots[h] = keys[f];
      this.ids[h] = f;
    }
  }

  /** The feature number of `key`, or -1. */
  get(key: number): number {
    let h = (key / 2097152) & this.mask;
    for (;;) {
      const k = this.slots[h];
      if (k === key) return this.ids[h];
      if (k === -1) return -1;
      h = (h + 1) & this.mask;
    }
  }
}

/** Rows with at least this many non-zero weights are packed dense (see the constructor). */
const DENSE_FROM = 6;

export class NerModel implements Scorer {
  readonly nLabels = LABELS.length;
  private readonly table: KeyTable;
  /** Sparse rows: feature f's non-zero weights are at [rowStart[f], rowStart[f + 1]). */
  private readonly rowStart: Int32Array;
  private readonly rowLabel: Uint8Array;
  private readonly rowWeight: Int16Array;
  private readonly packed: Int16Array;
  private readonly packedAt: Int32Array;
  constructor(
    keys: ArrayLike<number>,
    /** nFeatures × nLabels, dense, in units of `scale` (quantize); kept sparse inside (most features touch a few labels). */
    weights: Int16Array,
    /** What one unit weighs: scores are in units, and only their order matters to decoding. */
    readonly scale: number,
  ) {
    this.table = new KeyTable(keys);
    const L = this.nLabels;
    let nonZero = 0;
    for (const w of weights) if (w !== 0) nonZero++;
    this.rowStart = new Int32Array(keys.length + 1);
    this.rowLabel = new Uint8Array(nonZero);
    this.rowWeight = new Int16Array(nonZero);
    let p = 0;
    for (let f = 0; f < keys.length; f++) {
      this.rowStart[f] = p;
      for (let k = 0; k < L; k++) {
        const w = weights[f * L + k];
        if (w !== 0) {
          this.rowLabel[p] = k;
          this.rowWeight[p++] = w;
        }
      }
    }
    this.rowStart[keys.length] = p;
    // The same rows packed for decodeFast: at a row's offset its length, then
    // (label, weight) pairs, so one feature touches one or two cache lines
    // rather than three arrays. Most features the tagger meets weigh nearly
    // every label; such a row is stored dense (length -1, then one weight per
    // label, 0 where none): adding 0 leaves a sum unchanged, and a plain loop
    // over the labels is faster than scattering through indexes. Rows are
    // int16, half the bytes of float32: the rows a document touches are
    // scattered over the whole model, and each read is a likely cache miss.
    let size = 0;
    for (let f = 0; f < keys.length; f++) {
      const count = this.rowStart[f + 1] - this.rowStart[f];
      size += 1 + (count >= DENSE_FROM ? L : 2 * count);
    }
    this.packed = new Int16Array(size);
    this.packedAt = new Int32Array(keys.length);
    let q = 0;
    for (let f = 0; f < keys.length; f++) {
      this.packedAt[f] = q;
      const from = this.rowStart[f];
      const to = this.rowStart[f + 1];
      if (to - from >= DENSE_FROM) {
        this.packed[q++] = -1;
        for (let r = from; r < to; r++) this.packed[q + this.rowLabel[r]] = this.rowWeight[r];
        q += L;
        continue;
      }
      this.packed[q++] = to - from;
      for (let r = from; r < to; r++) {
        this.packed[q++] = this.rowLabel[r];
        this.packed[q++] = this.rowWeight[r];
      }
    }
  }

  add(key: number, scores: Float32Array): void {
    const id = this.table.get(key);
    if (id < 0) return;
    const end = this.rowStart[id + 1];
    for (let p = this.rowStart[id]; p < end; p++) scores[this.rowLabel[p]] += this.rowWeight[p];
  }

  /** Offset of a key's packed row (-1 if unknown); one function per model, so it can key caches. */
  readonly featureRow: FeatureResolver = (key) => {
    const id = this.table.get(key);
    return id < 0 ? -1 : this.packedAt[id];
  };

  /**
   * decode() for this model: the same labels, with features resolved to
   * feature numbers through per-word caches (features.ts, staticFeatureIds);
   * the sums are exact (see the top of this file), so they equal decode()'s
   * although the word's fixed features are summed ahead.
   */
  decodeFast(tokens: readonly TagToken[], gz: Gazetteer, options: DecodeOptions = {}): string[] {
    const st = staticFeatureIds(tokens, gz, this.featureRow, this.nLabels, this.packed, options.matches ?? matchGazetteer(gz, tokens));
    const skip = options.skipPlain === true;
    const labels = new Array<string>(tokens.length);
    const scores = new Float32Array(this.nLabels);
    const dyn = new Int32Array(8);
    const rows = this.packed;
    let prev = -1;
    let prev2 = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (i === 0 || tokens[i].sentence !== tokens[i - 1].sentence) prev = prev2 = -1;
      if (skip && !leavesOpen(prev) && isPlainToken(st, i)) {
        // (No history to record: a plain word is not capitalised.)
        labels[i] = 'O';
        prev2 = prev;
        prev = 0;
        if (options.skipped) options.skipped[i] = 1;
        continue;
      }
      setWordPrefix(st, i, scores);
      addStaticFeatures(st, i, scores);
      const nd = dynamicFeatureIds(i, st, prev, prev2, dyn);
      for (let k = 0; k < nd; k++) addRow(rows, dyn[k], scores);
      const best = argmaxAllowed(scores, prev < 0 ? LABELS.length : prev);
      labels[i] = LABELS[best];
      prev2 = prev;
      prev = best;
      recordHistory(i, st, typeIndex(best));
    }
    return labels;
  }

  static load(dir: string): NerModel {
    const labelsFile = readFileSync(join(dir, 'labels.txt'), 'utf8').split('\n');
    const scale = Number(labelsFile[0]);
    const labels = labelsFile.slice(1).filter(Boolean);
    if (labels.join(' ') !== LABELS.join(' ')) throw new Error(`model labels ${labels.join(' ')} do not match this tagger`);
    const keyBytes = readFileSync(join(dir, 'keys.bin'));
    const keys = new Float64Array(keyBytes.buffer.slice(keyBytes.byteOffset, keyBytes.byteOffset + keyBytes.byteLength));
    const bin = readFileSync(join(dir, 'weights.bin'));
    const L = labels.length;
    const weights = new Int16Array(keys.length * L);
    let p = 0;
    for (let f = 0; f < keys.length; f++) {
      const count = bin[p++];
      for (let k = 0; k < count; k++) {
        weights[f * L + bin[p]] = bin[p + 1] | (bin[p + 2] << 8);
        p += 3;
      }
    }
    return new NerModel(keys, weights, scale);
  }

  /** The model `save` would write of these weights, without writing it (training scores its dev set with it). */
  static quantized(keys: ArrayLike<number>, weights: Float32Array): NerModel {
    const { scale, units } = quantize(weights);
    return new NerModel(keys, units, scale);
  }

  /** Writes the model, leaving out features `keep` rejects and those whose weights all round to 0. */
  static save(dir: string, keys: ArrayLike<number>, weights: Float32Array, keep: (f: number) => boolean = () => true): { features: number; bytes: number } {
    const L = LABELS.length;
    const { scale, units } = quantize(weights);
    const kept: number[] = [];
    const bytes: number[] = [];
    for (let f = 0; f < keys.length; f++) {
      if (!keep(f)) continue;
      const triples: number[] = [];
      for (let k = 0; k < L; k++) {
        const q = units[f * L + k];
        if (q !== 0) triples.push(k, q & 0xff, (q >> 8) & 0xff);
      }
      if (!triples.length) continue;
      kept.push(keys[f]);
      bytes.push(triples.length / 3, ...triples);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'labels.txt'), `${scale}\n${LABELS.join('\n')}\n`);
    writeFileSync(join(dir, 'keys.bin'), new Uint8Array(Float64Array.from(kept).buffer));
    writeFileSync(join(dir, 'weights.bin'), Uint8Array.from(bytes));
    return { features: kept.length, bytes: bytes.length + kept.length * 8 };
  }
}

/**
 * Greedy BILOU decoding of one document. `scorer` gives label scores; the
 * highest-scoring label allowed after the previous one is chosen. Returns one
 * label per token.
 */
export function decode(tokens: readonly TagToken[], gz: Gazetteer, scorer: Scorer, options: DecodeOptions = {}): string[] {
  if (scorer instanceof NerModel) return scorer.decodeFast(tokens, gz, options);
  const st = staticFeatures(tokens, gz);
  const inMatch = new Uint8Array(tokens.length);
  if (options.skipPlain) for (const m of options.matches ?? matchGazetteer(gz, tokens)) inMatch.fill(1, m.start, m.end);
  const labels = new Array<string>(tokens.length);
  const history = new Map<string, number>();
  const scores = new Float32Array(scorer.nLabels);
  const dyn = new Float64Array(8);
  let prev = -1;
  let prev2 = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (i === 0 || tokens[i].sentence !== tokens[i - 1].sentence) prev = prev2 = -1;
    if (options.skipPlain && !leavesOpen(prev) && !inMatch[i] && isPlainWord(tokens[i].text) && !hasUpperNext(tokens, i)) {
      labels[i] = 'O';
      prev2 = prev;
      prev = 0;
      if (options.skipped) options.skipped[i] = 1;
      continue;
    }
    scoreToken(i, st, prev, prev2, history, scorer, scores, dyn);
    const best = argmaxAllowed(scores, prev < 0 ? LABELS.length : prev);
    labels[i] = LABELS[best];
    prev2 = prev;
    prev = best;
    if (st.cap[i]) history.set(st.lower[i], typeIndex(best));
  }
  return labels;
}

/**
 * Sets `scores` to token i's label scores on the plain path (decode() and
 * training alike): its static features, then its dynamic ones, which are
 * written to `dyn`; returns how many.
 */
export function scoreToken(i: number, st: StaticFeatures, prev: number, prev2: number, history: ReadonlyMap<string, number>, scorer: Scorer, scores: Float32Array, dyn: Float64Array): number {
  scores.fill(0);
  for (let k = st.starts[i]; k < st.starts[i + 1]; k++) scorer.add(st.keys[k], scores);
  const nd = dynamicFeatures(i, st, prev, prev2, history, dyn);
  for (let k = 0; k < nd; k++) scorer.add(dyn[k], scores);
  return nd;
}

/** 0 for O, else 1 + the index of the label's type in TYPES. */
export function typeIndex(label: number): number {
  return label === 0 ? 0 : 1 + ((label - 1) >> 2);
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
