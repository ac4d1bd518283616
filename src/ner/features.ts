/**
 * Features of the NER tagger. Static features depend only on the tokens and
 * are computed once per document; dynamic ones (previous tags, what this word
 * was tagged earlier in the document) are added while decoding left to right.
 * The feature set follows the classic CoNLL-2003 perceptron/CRF taggers
 * (Ratinov & Roth 2009: word, shape, affixes, ±2 context, gazetteers,
 * previous tags and "extended prediction history").
 */
import { matchGazetteer, type Gazetteer } from './gazetteer.ts';
import { key1, key2, key3, keyInts, keyIntStr, keySlice } from './hash.ts';

export interface TagToken {
  readonly text: string;
  readonly pos: string;
  readonly sentence: number;
  readonly spaceBefore: boolean;
}

/** X for upper, x for lower, d for digit, the character itself otherwise; at most 12 long. */
export function wordShape(w: string): string {
  let s = '';
  for (let i = 0; i < w.length && i < 12; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) s += 'X';
    else if (c >= 97 && c <= 122) s += 'x';
    else if (c >= 48 && c <= 57) s += 'd';
    else {
      const ch = w[i];
      s += ch.toLowerCase() !== ch ? 'X' : ch.toUpperCase() !== ch ? 'x' : ch;
    }
  }
  return s;
}

/** The shape with runs of the same class collapsed (Xxxxx → Xx). */
export function shortShape(shape: string): string {
  let s = '';
  for (let i = 0; i < shape.length; i++) if (i === 0 || shape[i] !== shape[i - 1]) s += shape[i];
  return s;
}

export function isCapitalised(w: string): boolean {
  const c = w.charAt(0);
  return c !== c.toLowerCase();
}

/** Coarse gazetteer class used in features: fewer, better-estimated weights. */
function gazGroup(cls: string): string {
  switch (cls) {
    case 'COUNTRY':
    case 'CITY':
    case 'REGION':
      return 'G';
    case 'FIRST':
      return 'F';
    case 'LAST':
      return 'S';
    case 'PERSON':
      return 'P';
    case 'NORP':
    case 'NORP_WEAK':
      return 'N';
    case 'SPORTS':
      return 'T';
    default:
      return cls.startsWith('LOC') ? 'L' : 'O';
  }
}

/** Feature templates: each number names one kind of feature (see staticFeatures/dynamicFeatures). */
const enum T {
  Bias = 1, Word, Lower, Shape, ShortShape, Pos, PosPrev, PosNext, LowerPrev, LowerNext, LowerPrev2, LowerNext2,
  SShapePrev, SShapeNext, BigramPrev, BigramNext, ShapeTrigram, Prefix1, Prefix2, Prefix3, Prefix4,
  Suffix1, Suffix2, Suffix3, Suffix4, FirstShape, HeadShape, HeadLower, GluePrev, GlueNext, DocLower, DocCapMid,
  Gaz, GazPrev, GazNext, GazNone, Aggregate, TagPrev, TagPrev2, TagPrevLower, TagPrevShape, History,
}

export interface StaticFeatures {
  /** Keys of token i's static features: keys[starts[i] .. starts[i + 1]). */
  keys: Float64Array;
  starts: Int32Array;
  /** Per token, lower-cased text (history key). */
  lower: string[];
  /** Per token, short shape. */
  sshape: string[];
  /** Per token, whether it starts with a capital. */
  cap: boolean[];
}

export function staticFeatures(tokens: readonly TagToken[], gz: Gazetteer): StaticFeatures {
  const n = tokens.length;
  const lower = new Array<string>(n);
  const shape = new Array<string>(n);
  const sshape = new Array<string>(n);
  const cap = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const w = tokens[i].text;
    lower[i] = w.toLowerCase();
    shape[i] = wordShape(w);
    sshape[i] = shortShape(shape[i]);
    cap[i] = isCapitalised(w);
  }

  // Gazetteer tags per token: group letter + B/I/L/U position.
  const gzf: string[][] = Array.from({ length: n }, () => []);
  for (const m of matchGazetteer(gz, tokens)) {
    const groups = new Set(m.classes.map(gazGroup));
    for (let k = m.start; k < m.end; k++) {
      const pos = m.end - m.start === 1 ? 'U' : k === m.start ? 'B' : k === m.end - 1 ? 'L' : 'I';
      for (const g of groups) gzf[k].push(g + pos);
    }
  }

  // Document-level evidence: a word seen lower-cased elsewhere is likely a
  // common word capitalised by position; one seen capitalised mid-sentence is
  // likely a name even where it opens a sentence.
  const seenLower = new Set<string>();
  const seenCapMid = new Set<string>();
  const sentStart = new Array<boolean>(n);
  const headline = new Array<boolean>(n);
  {
    let s = -1;
    let upperOnly = true;
    let from = 0;
    const closeSentence = (to: number) => {
      for (let k = from; k < to; k++) headline[k] = upperOnly && to - from > 1;
    };
    for (let i = 0; i < n; i++) {
      if (tokens[i].sentence !== s) {
        closeSentence(i);
        s = tokens[i].sentence;
        from = i;
        upperOnly = true;
        sentStart[i] = true;
      } else sentStart[i] = false;
      const w = tokens[i].text;
      if (w !== w.toUpperCase()) upperOnly = false;
      if (w === lower[i] && /[a-z]/.test(w)) seenLower.add(lower[i]);
      else if (cap[i] && !sentStart[i] && !(i > 0 && /^["“‘'(]$/.test(tokens[i - 1].text))) seenCapMid.add(lower[i]);
    }
    closeSentence(n);
  }

  // Context aggregation (Ratinov & Roth 2009): the words around every other
  // occurrence of a capitalised word in the document are features of each
  // occurrence ("Mr X" once makes X a person everywhere).
  const contexts = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    if (!cap[i]) continue;
    let list = contexts.get(lower[i]);
    if (!list) contexts.set(lower[i], (list = []));
    if (list.length >= 16) continue;
    const sent = tokens[i].sentence;
    const before = i > 0 && tokens[i - 1].sentence === sent ? '<' + lower[i - 1] : '<';
    const after = i + 1 < n && tokens[i + 1].sentence === sent ? '>' + lower[i + 1] : '>';
    if (!list.includes(before)) list.push(before);
    if (!list.includes(after)) list.push(after);
  }

  const keys: number[] = [];
  const starts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    starts[i] = keys.length;
    const w = tokens[i].text;
    const l = lower[i];
    const sent = tokens[i].sentence;
    const hasPrev = i > 0 && tokens[i - 1].sentence === sent;
    const hasNext = i + 1 < n && tokens[i + 1].sentence === sent;
    const hasPrev2 = hasPrev && i > 1 && tokens[i - 2].sentence === sent;
    const hasNext2 = hasNext && i + 2 < n && tokens[i + 2].sentence === sent;
    const lPrev = hasPrev ? lower[i - 1] : '<s>';
    const lNext = hasNext ? lower[i + 1] : '</s>';
    const ssPrev = hasPrev ? sshape[i - 1] : '<s>';
    const ssNext = hasNext ? sshape[i + 1] : '</s>';
    keys.push(
      key1(T.Bias, ''),
      key1(T.Word, w),
      key1(T.Lower, l),
      key1(T.Shape, shape[i]),
      key1(T.ShortShape, sshape[i]),
      key1(T.Pos, tokens[i].pos),
      key1(T.PosPrev, hasPrev ? tokens[i - 1].pos : '<s>'),
      key1(T.PosNext, hasNext ? tokens[i + 1].pos : '</s>'),
      key1(T.LowerPrev, lPrev),
      key1(T.LowerNext, lNext),
      key1(T.LowerPrev2, hasPrev2 ? lower[i - 2] : '<s>'),
      key1(T.LowerNext2, hasNext2 ? lower[i + 2] : '</s>'),
      key1(T.SShapePrev, ssPrev),
      key1(T.SShapeNext, ssNext),
      key2(T.BigramPrev, lPrev, l),
      key2(T.BigramNext, l, lNext),
      key3(T.ShapeTrigram, ssPrev, sshape[i], ssNext),
    );
    const len = l.length;
    for (let k = 1; k <= 4 && k < len; k++) {
      keys.push(keySlice(T.Prefix1 + k - 1, l, 0, k), keySlice(T.Suffix1 + k - 1, l, len - k, len));
    }
    if (sentStart[i]) keys.push(key1(T.FirstShape, sshape[i]));
    if (headline[i]) keys.push(key1(T.HeadShape, sshape[i]), key1(T.HeadLower, l));
    if (!tokens[i].spaceBefore && hasPrev) keys.push(key1(T.GluePrev, ''));
    if (hasNext && !tokens[i + 1].spaceBefore) keys.push(key1(T.GlueNext, ''));
    if (cap[i]) {
      if (seenLower.has(l)) keys.push(key1(T.DocLower, ''));
      if ((sentStart[i] || headline[i]) && seenCapMid.has(l)) keys.push(key1(T.DocCapMid, ''));
    }
    for (const g of gzf[i]) keys.push(key1(T.Gaz, g));
    if (hasPrev) for (const g of gzf[i - 1]) keys.push(key1(T.GazPrev, g));
    if (hasNext) for (const g of gzf[i + 1]) keys.push(key1(T.GazNext, g));
    if (gzf[i].length === 0 && cap[i]) keys.push(key1(T.GazNone, ''));
    if (cap[i]) for (const c of contexts.get(l)!) keys.push(key1(T.Aggregate, c));
  }
  starts[n] = keys.length;
  return { keys: Float64Array.from(keys), starts, lower, sshape, cap };
}

/**
 * Keys of the features that depend on the labels already chosen: the previous
 * one and two labels (alone and with the word or its shape), and the type this
 * word was last given in the document (Ratinov & Roth's prediction history).
 * `prev`/`prev2` are label indexes, -1 at a sentence start. Returns how many
 * keys it wrote into `out`.
 */
export function dynamicFeatures(i: number, st: StaticFeatures, prev: number, prev2: number, history: ReadonlyMap<string, number>, out: Float64Array): number {
  out[0] = keyInts(T.TagPrev, prev);
  out[1] = keyInts(T.TagPrev2, prev2, prev);
  out[2] = keyIntStr(T.TagPrevLower, prev, st.lower[i]);
  out[3] = keyIntStr(T.TagPrevShape, prev, st.sshape[i]);
  if (st.cap[i]) {
    const h = history.get(st.lower[i]);
    if (h !== undefined) {
      out[4] = keyInts(T.History, h);
      return 5;
    }
  }
  return 4;
}
