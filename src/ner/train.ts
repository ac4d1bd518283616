/**
 * Training the NER tagger: an averaged perceptron (Collins 2002) over BILOU
 * labels, trained by greedy left-to-right decoding with the model's own
 * previous predictions as history, on CoNLL-format data laid out as the
 * pipeline sees it (tokens joined by spaces, one sentence a line, tokenized by
 * buildDoc), so training and run time see the same tokens and POS tags.
 */
import { buildDoc } from '../core/doc.ts';
import { conllText, readConll, spansOf, type ConllDocument } from './conll-read.ts';
import { staticFeatures, type TagToken } from './features.ts';
import { loadGazetteer, type Gazetteer } from './gazetteer.ts';
import { argmaxAllowed, bilouSpans, decode, LABELS, NerModel, scoreToken, typeIndex, type Scorer } from './model.ts';

export interface TrainOptions {
  /** CoNLL training file. */
  conll: string;
  /** Output directory for labels.txt, features.txt, weights.bin. */
  out: string;
  /** Optional CoNLL file scored after each epoch (token-span F1, tagger only). */
  dev?: string;
  epochs?: number;
  /** Keep only features seen at least this many times per epoch (default 1). */
  minCount?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

interface Example {
  tokens: readonly TagToken[];
  gold: number[];
}

/** The document's tokens with the CoNLL gold labels projected onto them as BILOU. */
export function toExample(doc: ConllDocument): Example {
  const { text, offsets } = conllText(doc);
  const d = buildDoc(text);
  const charEntity = new Int32Array(text.length).fill(-1);
  const types: string[] = [];
  doc.sentences.forEach((s, si) => {
    for (const span of spansOf(s.tags, si)) {
      const from = offsets[si][span.start][0];
      const to = offsets[si][span.end - 1][1];
      charEntity.fill(types.length, from, to);
      types.push(span.type);
    }
  });
  const ent = d.tokens.map((t) => charEntity[t.start]);
  const gold = ent.map((e, i) => {
    if (e < 0) return 0;
    const sameBefore = i > 0 && ent[i - 1] === e;
    const sameAfter = i + 1 < ent.length && ent[i + 1] === e;
    const p = sameBefore ? (sameAfter ? 'I' : 'L') : sameAfter ? 'B' : 'U';
    return LABELS.indexOf(`${p}-${types[e]}`);
  });
  return { tokens: d.tokens, gold };
}

class TrainingModel implements Scorer {
  readonly nLabels = LABELS.length;
  index = new Map<number, number>();
  keys: number[] = [];
  w = new Float32Array(1 << 20);
  u = new Float64Array(1 << 20);
  counts = new Uint32Array(1 << 16);
  step = 1;

  add(key: number, scores: Float32Array): void {
    const id = this.index.get(key);
    if (id === undefined) return;
    const base = id * this.nLabels;
    for (let k = 0; k < this.nLabels; k++) scores[k] += this.w[base + k];
  }

  private idOf(key: number): number {
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.index.set(key, id);
      this.keys.push(key);
      const need = (id + 1) * this.nLabels;
      if (need > this.w.length) {
        const w = new Float32Array(this.w.length * 2);
        w.set(this.w);
        this.w = w;
        const u = new Float64Array(this.u.length * 2);
        u.set(this.u);
        this.u = u;
      }
      if (id >= this.counts.length) {
        const c = new Uint32Array(this.counts.length * 2);
        c.set(this.counts);
        this.counts = c;
      }
    }
    return id;
  }

  update(key: number, gold: number, guess: number): void {
    const id = this.idOf(key);
    this.counts[id]++;
    if (gold === guess) return;
    const base = id * this.nLabels;
    this.w[base + gold] += 1;
    this.u[base + gold] += this.step;
    this.w[base + guess] -= 1;
    this.u[base + guess] -= this.step;
  }

  averaged(): Float32Array {
    const n = this.keys.length * this.nLabels;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.w[i] - this.u[i] / this.step;
    return out;
  }
}

function trainDocument(ex: Example, gz: Gazetteer, model: TrainingModel): void {
  const { tokens, gold } = ex;
  const st = staticFeatures(tokens, gz);
  const history = new Map<string, number>();
  const scores = new Float32Array(LABELS.length);
  const dyn = new Float64Array(8);
  const { keys, starts } = st;
  let prev = -1;
  let prev2 = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (i === 0 || tokens[i].sentence !== tokens[i - 1].sentence) prev = prev2 = -1;
    const nd = scoreToken(i, st, prev, prev2, history, model, scores, dyn);
    const guess = argmaxAllowed(scores, prev < 0 ? LABELS.length : prev);
    for (let k = starts[i]; k < starts[i + 1]; k++) model.update(keys[k], gold[i], guess);
    for (let k = 0; k < nd; k++) model.update(dyn[k], gold[i], guess);
    model.step++;
    // Continue from the model's own guess, as at run time.
    prev2 = prev;
    prev = guess;
    if (st.cap[i]) history.set(st.lower[i], typeIndex(guess));
  }
}

/** Span-level P/R/F1 of the tagger alone against projected gold, over PER/LOC/ORG and all types. */
export function scoreExamples(examples: readonly Example[], gz: Gazetteer, scorer: Scorer): { f1: number; f1All: number } {
  const counts = { tp: 0, fp: 0, fn: 0, tpA: 0, fpA: 0, fnA: 0 };
  for (const ex of examples) {
    const pred = bilouSpans(decode(ex.tokens, gz, scorer), ex.tokens);
    const gold = bilouSpans(ex.gold.map((g) => LABELS[g]), ex.tokens);
    const key = (s: { start: number; end: number; type: string }) => `${s.start}:${s.end}:${s.type}`;
    const goldSet = new Set(gold.map(key));
    const predSet = new Set(pred.map(key));
    for (const s of pred) {
      const hit = goldSet.has(key(s));
      if (s.type !== 'MISC') hit ? counts.tp++ : counts.fp++;
      hit ? counts.tpA++ : counts.fpA++;
    }
    for (const s of gold) {
      if (predSet.has(key(s))) continue;
      if (s.type !== 'MISC') counts.fn++;
      counts.fnA++;
    }
  }
  const f = (tp: number, fp: number, fn: number) => (2 * tp) / (2 * tp + fp + fn || 1);
  return { f1: f(counts.tp, counts.fp, counts.fn), f1All: f(counts.tpA, counts.fpA, counts.fnA) };
}

/** Deterministic shuffle (mulberry32), so a retrain gives the same weights. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Trains the tagger on `options.conll` and writes it to `options.out`
 * (quarry's own model lives in models/ner/). Features seen fewer than twice
 * in training are dropped, and weights are quantised to 8 bits.
 */
export async function trainNer(options: TrainOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const epochs = options.epochs ?? 12;
  const gz = loadGazetteer();
  const train = readConll(options.conll).map(toExample);
  const dev = options.dev ? readConll(options.dev).map(toExample) : [];
  log(`training on ${train.length} documents, ${train.reduce((n, e) => n + e.tokens.length, 0)} tokens`);
  const model = new TrainingModel();
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = Date.now();
    for (const ex of shuffled(train, epoch)) trainDocument(ex, gz, model);
    let line = `epoch ${epoch}: ${((Date.now() - t0) / 1000).toFixed(1)}s, ${model.keys.length} features`;
    if (dev.length && (epoch === epochs || epoch % 3 === 0)) {
      const avg = NerModel.quantized(model.keys, model.averaged());
      const s = scoreExamples(dev, gz, avg);
      line += `, dev tagger F1 PER/LOC/ORG ${s.f1.toFixed(4)}, all ${s.f1All.toFixed(4)}`;
    }
    log(line);
  }
  const saved = NerModel.save(options.out, model.keys, model.averaged(), (f) => model.counts[f] >= (options.minCount ?? 1) * epochs);
  log(`wrote ${saved.features} features, ${saved.bytes} weight bytes to ${options.out}`);
  if (dev.length) {
    const s = scoreExamples(dev, gz, NerModel.load(options.out));
    log(`saved model: dev tagger F1 PER/LOC/ORG ${s.f1.toFixed(4)}, all ${s.f1All.toFixed(4)}`);
  }
}
