/**
 * Features of the NER tagger. Static features depend only on the tokens and
 * are computed once per document; dynamic ones (previous tags, what this word
 * was tagged earlier in the document) are added while decoding left to right.
 * The feature set follows the classic CoNLL-2003 perceptron/CRF taggers
 * (Ratinov & Roth 2009: word, shape, affixes, ±2 context, gazetteers,
 * previous tags and "extended prediction history").
 */
import { grown } from '../core/typed.ts';
import { matchGazetteer, type Gazetteer, type GazetteerMatch } from './gazetteer.ts';
import { key1, key2, key3, keyFrom, keyInts, keyIntStr, keySlice, prefixState, stateA, stateB } from './hash.ts';

export interface TagToken {
  readonly text: string;
  readonly pos: string;
  readonly sentence: number;
  readonly spaceBefore: boolean;
  /** Token.vocabId where the tokens come from a Doc (undefined or -1: the text is looked up). */
  readonly vocabId?: number;
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

/**
 * No letter that lower-casing changes and no digit: a lower-case word or
 * punctuation, which the tagger all but never starts a name with (model.ts,
 * the skip rule).
 */
export function isPlainWord(w: string): boolean {
  return w === w.toLowerCase() && !/\p{Nd}/u.test(w);
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

/*
 * Inference path: the same features as staticFeatures/dynamicFeatures, but
 * resolved to the model's feature numbers, with every
 * feature that depends on one word alone (its form, lower case, shapes,
 * affixes, its role as a neighbour) hashed and looked up once per distinct
 * word and kept across documents. Hashing ~30 keys per token and probing the
 * key table for each was most of the entity stage's time. Unknown features
 * are left out, which changes nothing: they add no weight. The model's
 * scores are exact integer sums (model.ts), so the order features are added
 * in changes nothing either, and the labels are decode()'s.
 */

/** Resolves a feature key to the model's feature number (-1 if unknown). */
export type FeatureResolver = (key: number) => number;

interface LowerEntry {
  readonly lower: string;
  readonly lowerId: number;
  readonly asLowerPrev: number;
  readonly asLowerNext: number;
  readonly asLowerPrev2: number;
  readonly asLowerNext2: number;
  /** Prefix k, suffix k for k = 1..min(4, length - 1), in that order: affixLength ids at affixAt in the index's ids arena. */
  readonly affixAt: number;
  readonly affixLength: number;
  readonly headLower: number;
  /** Hash states after BigramPrev + this word (as the previous word) and BigramNext + this word. */
  readonly bigramPrevA: number;
  readonly bigramPrevB: number;
  readonly bigramNextA: number;
  readonly bigramNextB: number;
  /** Aggregate features "<lower" and ">lower" (this word as a neighbour). */
  readonly aggBefore: number;
  readonly aggAfter: number;
  /** Offset in the index's ids arena of TagPrevLower by previous label + 1, filled on first use (-2: not yet); -1: no row yet. */
  tagPrevLowerAt: number;
  /** This entry's number (1…) in the index's word-pair caches (FeatureIndex.bigramPrev). */
  readonly num: number;
  /** Per-document marks, valid when the stamp is the current document's. */
  seenLowerDoc: number;
  seenCapMidDoc: number;
  historyDoc: number;
  history: number;
  contextsDoc: number;
  /** Context aggregation list: direction (0 '<', 1 '>') and the neighbour (null: none). */
  ctxDir: number[];
  ctxOf: Array<LowerEntry | null>;
  /**
   * Entries of ctxDir and ctxOf that are this document's (valid when
   * contextsDoc is the current document). The arrays are written over, not
   * emptied: setting an array's length is a call into V8's runtime, 0.5% of
   * the pipeline's time in a CPU profile (scratch, 2026-12-08).
   */
  ctxCount: number;
  /** Offset in the index's per-document aggregate arena of the list's summed rows, valid when aggDoc is the current document. */
  aggAt: number;
  aggDoc: number;
}

interface ShapeEntry {
  readonly sshape: string;
  /** Small number of this shape (2…; 0 and 1 stand for the sentence-start and -end markers). */
  readonly index: number;
  readonly sshapeId: number;
  readonly asSShapePrev: number;
  readonly asSShapeNext: number;
  readonly firstShape: number;
  readonly headShape: number;
  tagPrevShape: Int32Array | null;
}

interface WordEntry {
  /**
   * Offset in the index's prefix arena of the label scores of the features
   * that depend on the word alone (bias, word, lower case, shape, short
   * shape, and the up to eight affixes), summed once per word: a scored
   * token then starts from them rather than adding 13 rows.
   */
  readonly prefixAt: number;
  readonly wordId: number;
  readonly shapeId: number;
  readonly se: ShapeEntry;
  readonly le: LowerEntry;
  readonly cap: boolean;
  /** w is its own lower case and has an ASCII letter (seenLower). */
  readonly plainLower: boolean;
  /** w differs from its upper case (not a headline word). */
  readonly notUpper: boolean;
  /** A one-character opening quote or bracket (no seenCapMid after it). */
  readonly opener: boolean;
  /** isPlainWord(w): the tagger's skip rule may label it O unscored (model.ts). */
  readonly plain: boolean;
  /** w has no letter that lower-casing changes. */
  readonly noUpper: boolean;
}

interface PosEntry {
  readonly pos: number;
  readonly posPrev: number;
  readonly posNext: number;
}

interface GazEntry {
  readonly gaz: number;
  readonly gazPrev: number;
  readonly gazNext: number;
}

/**
 * Word caches are dropped past this many entries: a cached word costs about
 * 1.2 KB (measured with its rows in the arenas, four pairs and a history:
 * 2.0 KB when each had typed arrays and pair maps of its own), so the caches
 * stay under ~18 MB per worker thread, whose heap is capped (src/run),
 * however long the archive.
 */
const MAX_CACHED_WORDS = 15000;

/** Likewise for cached word pairs (bigram features), held in PairIds' fixed 1 MB. */
const MAX_CACHED_PAIRS = 50000;

/**
 * Adds the packed row at offset `at` to `scores` (model.ts: a length then
 * label/weight pairs, or -1 then one weight per label); `at` -1 adds nothing.
 */
export function addRow(rows: Int16Array, at: number, scores: Float32Array): void {
  if (at < 0) return;
  const n = rows[at];
  if (n < 0) {
    for (let k = 0, p = at + 1; k < scores.length; k++, p++) scores[k] += rows[p];
    return;
  }
  for (let p = at + 1, end = at + 1 + 2 * n; p < end; p += 2) scores[rows[p] | 0] += rows[p + 1];
}

/**
 * A growable typed array that holds many cache entries' small rows. One
 * typed array per entry cost about 300 bytes of objects and backing store
 * beside its 70 bytes of numbers, and the word caches (MAX_CACHED_WORDS)
 * live in a worker heap whose headroom under its cap decides how often the
 * whole heap is collected (src/run/pool.ts).
 */
class Arena<A extends Float32Array | Int32Array> {
  array: A;
  length = 0;

  constructor(
    private readonly make: new (length: number) => A,
    /** Capacity kept by clear(): one document with tens of thousands of new words must not leave a larger array for the rest of the run. */
    private readonly keep: number,
  ) {
    this.array = new make(1024);
  }

  /** Reserves `n` more elements; returns their offset (`array` may be a new, larger one). */
  push(n: number): number {
    const at = this.length;
    this.array = grown(this.array, at + n);
    this.length = at + n;
    return at;
  }

  clear(): void {
    this.length = 0;
    if (this.array.length > this.keep) this.array = new this.make(this.keep);
  }
}

/**
 * Feature numbers by word-pair key (pairKey of a direction's pair, doubled,
 * plus 1 for BigramNext: a positive 31-bit integer), by open addressing over
 * two typed arrays sized for MAX_CACHED_PAIRS at half load. A JS Map of the
 * same pairs took 1.9% of the pipeline's time in a CPU profile (scratch,
 * 2026-12-08): a hash and a chain of entries per lookup, for every scored
 * token, twice. Past the load limit (one document with tens of thousands of
 * new pairs) a pair is not cached, only resolved.
 */
class PairIds {
  private readonly keys: Int32Array;
  private readonly ids: Int32Array;
  private readonly shift: number;
  private readonly limit: number;
  size = 0;

  constructor(capacity: number) {
    let bits = 1;
    while (1 << bits < 2 * capacity) bits++;
    this.keys = new Int32Array(1 << bits);
    this.ids = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.limit = 1 << (bits - 1);
  }

  /** Slot of `key` (key 0 marks an empty slot; keys are never 0). */
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    // Fibonacci hashing: the keys are two small numbers side by side.
    let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[h] !== 0 && this.keys[h] !== key) h = (h + 1) & mask;
    return h;
  }

  /** The feature number cached for `key`, or NOT_CACHED. */
  get(key: number): number {
    const h = this.slot(key);
    return this.keys[h] === key ? this.ids[h] : NOT_CACHED;
  }

  set(key: number, id: number): void {
    if (this.size >= this.limit) return;
    const h = this.slot(key);
    if (this.keys[h] !== key) this.size++;
    this.keys[h] = key;
    this.ids[h] = id;
  }

  clear(): void {
    this.keys.fill(0);
    this.size = 0;
  }
}

/** PairIds.get of a pair not cached (feature numbers are -1 or more). */
const NOT_CACHED = -2;

class FeatureIndex {
  readonly words = new Map<string, WordEntry>();
  /**
   * The same entries by Token.vocabId, for the words the language model's
   * lexicon holds (most tokens): an array read where the map hashed the
   * token's string and probed a table of thousands of entries, which was
   * about a twentieth of the whole pipeline's time in a CPU profile.
   */
  private byVocabId: Array<WordEntry | undefined> = [];
  readonly lowers = new Map<string, LowerEntry>();
  readonly shapes = new Map<string, ShapeEntry>();
  readonly poses = new Map<string, PosEntry>();
  readonly gazes = new Map<string, GazEntry>();
  /** Per gazetteer class list (by identity), its features at a match's U, B, I and L positions. */
  private readonly gazRuns = new Map<readonly string[], ReadonlyArray<readonly GazEntry[]>>();
  /** ShapeTrigram feature by the three shapes' numbers (base 1024). */
  readonly trigrams = new Map<number, number>();
  /** The word entries' label-score prefixes (WordEntry.prefixAt), nLabels each. */
  readonly prefixes: Arena<Float32Array>;
  /** The lower-case entries' affix and TagPrevLower feature numbers (LowerEntry.affixAt, tagPrevLowerAt). */
  readonly ids: Arena<Int32Array>;
  /** This document's summed context aggregation rows (LowerEntry.aggAt), nLabels each. */
  readonly aggregates: Arena<Float32Array>;
  private readonly scratch: Float32Array;
  readonly bias: number;
  readonly posPrevS: number;
  readonly posNextS: number;
  readonly lowerPrevS: number;
  readonly lowerNextS: number;
  readonly lowerPrev2S: number;
  readonly lowerNext2S: number;
  readonly sshapePrevS: number;
  readonly sshapeNextS: number;
  readonly gluePrev: number;
  readonly glueNext: number;
  readonly docLower: number;
  readonly docCapMid: number;
  readonly gazNone: number;
  readonly aggBeforeNone: number;
  readonly aggAfterNone: number;
  /** Hash state after BigramPrev + the sentence-start marker. */
  readonly bigramStartA: number;
  readonly bigramStartB: number;
  /** TagPrev by prev + 1; TagPrev2 by (prev2 + 1) * 18 + prev + 1; History by type index. */
  readonly tagPrev: Int32Array;
  readonly tagPrev2: Int32Array;
  readonly history: Int32Array;
  doc = 0;
  /**
   * BigramPrev by (previous word, word) and BigramNext by (word, next word),
   * keyed by pairKey of the LowerEntry numbers (0: a sentence edge), filled
   * on first use. Hashing the pair and probing the key table for every
   * scored token cost more than this lookup. One table for all pairs: a map
   * per word and direction cost about 260 bytes a word more.
   */
  private readonly pairIds = new PairIds(MAX_CACHED_PAIRS);
  /** The next LowerEntry number; the pair caches are dropped whenever numbering starts again. */
  private nextLowerNum = 1;

  constructor(
    readonly resolve: FeatureResolver,
    readonly nLabels: number,
    /** Packed weight rows the resolver's offsets point into (model.ts). */
    readonly rows: Int16Array,
  ) {
    const r = resolve;
    this.scratch = new Float32Array(nLabels);
    // What a full cache uses, with room to spare: 8 affix ids and a TagPrevLower row per word.
    this.prefixes = new Arena(Float32Array, 2 * MAX_CACHED_WORDS * nLabels);
    this.ids = new Arena(Int32Array, 2 * MAX_CACHED_WORDS * (8 + nLabels + 1));
    // A document's capitalised words, a few hundred at most in news.
    this.aggregates = new Arena(Float32Array, 1024 * nLabels);
    this.bias = r(key1(T.Bias, ''));
    this.posPrevS = r(key1(T.PosPrev, '<s>'));
    this.posNextS = r(key1(T.PosNext, '</s>'));
    this.lowerPrevS = r(key1(T.LowerPrev, '<s>'));
    this.lowerNextS = r(key1(T.LowerNext, '</s>'));
    this.lowerPrev2S = r(key1(T.LowerPrev2, '<s>'));
    this.lowerNext2S = r(key1(T.LowerNext2, '</s>'));
    this.sshapePrevS = r(key1(T.SShapePrev, '<s>'));
    this.sshapeNextS = r(key1(T.SShapeNext, '</s>'));
    this.gluePrev = r(key1(T.GluePrev, ''));
    this.glueNext = r(key1(T.GlueNext, ''));
    this.docLower = r(key1(T.DocLower, ''));
    this.docCapMid = r(key1(T.DocCapMid, ''));
    this.gazNone = r(key1(T.GazNone, ''));
    this.aggBeforeNone = r(key1(T.Aggregate, '<'));
    this.aggAfterNone = r(key1(T.Aggregate, '>'));
    prefixState(T.BigramPrev, '<s>');
    this.bigramStartA = stateA();
    this.bigramStartB = stateB();
    const P = nLabels + 1;
    this.tagPrev = new Int32Array(P);
    this.tagPrev2 = new Int32Array(P * P);
    for (let p = -1; p < nLabels; p++) {
      this.tagPrev[p + 1] = r(keyInts(T.TagPrev, p));
      for (let p2 = -1; p2 < nLabels; p2++) this.tagPrev2[(p2 + 1) * P + p + 1] = r(keyInts(T.TagPrev2, p2, p));
    }
    this.history = new Int32Array(nLabels);
    for (let h = 0; h < nLabels; h++) this.history[h] = r(keyInts(T.History, h));
  }

  /** word(t.text), found by the token's vocabId when it has one. */
  wordOf(t: TagToken): WordEntry {
    const id = t.vocabId ?? -1;
    if (id < 0) return this.word(t.text);
    let e = this.byVocabId[id];
    if (e === undefined) {
      e = this.word(t.text);
      // (Filled in any order: keep the array dense, so V8 does not turn it into a dictionary.)
      while (this.byVocabId.length < id) this.byVocabId.push(undefined);
      this.byVocabId[id] = e;
    }
    return e;
  }

  word(w: string): WordEntry {
    let e = this.words.get(w);
    if (e) return e;
    const r = this.resolve;
    const l = w.toLowerCase();
    const shape = wordShape(w);
    const wordId = r(key1(T.Word, w));
    const shapeId = r(key1(T.Shape, shape));
    const se = this.shape(shortShape(shape));
    const le = this.lower(l);
    const prefix = this.scratch.fill(0);
    for (const at of [this.bias, wordId, le.lowerId, shapeId, se.sshapeId]) addRow(this.rows, at, prefix);
    const ids = this.ids.array;
    for (let k = le.affixAt, end = le.affixAt + le.affixLength; k < end; k++) addRow(this.rows, ids[k], prefix);
    const prefixAt = this.prefixes.push(prefix.length);
    this.prefixes.array.set(prefix, prefixAt);
    e = {
      prefixAt,
      wordId,
      shapeId,
      se,
      le,
      cap: isCapitalised(w),
      plainLower: w === l && /[a-z]/.test(w),
      notUpper: w !== w.toUpperCase(),
      opener: /^["“‘'(]$/.test(w),
      plain: isPlainWord(w),
      noUpper: w === l,
    };
    this.words.set(w, e);
    return e;
  }

  private lower(l: string): LowerEntry {
    let e = this.lowers.get(l);
    if (e) return e;
    const r = this.resolve;
    const len = l.length;
    const affixLength = 2 * Math.max(0, Math.min(4, len - 1));
    const affixAt = this.ids.push(affixLength);
    for (let k = 1, p = affixAt; k <= 4 && k < len; k++) {
      this.ids.array[p++] = r(keySlice(T.Prefix1 + k - 1, l, 0, k));
      this.ids.array[p++] = r(keySlice(T.Suffix1 + k - 1, l, len - k, len));
    }
    prefixState(T.BigramPrev, l);
    const bigramPrevA = stateA();
    const bigramPrevB = stateB();
    prefixState(T.BigramNext, l);
    const bigramNextA = stateA();
    const bigramNextB = stateB();
    e = {
      lower: l,
      bigramPrevA,
      bigramPrevB,
      bigramNextA,
      bigramNextB,
      lowerId: r(key1(T.Lower, l)),
      asLowerPrev: r(key1(T.LowerPrev, l)),
      asLowerNext: r(key1(T.LowerNext, l)),
      asLowerPrev2: r(key1(T.LowerPrev2, l)),
      asLowerNext2: r(key1(T.LowerNext2, l)),
      affixAt,
      affixLength,
      headLower: r(key1(T.HeadLower, l)),
      aggBefore: r(key1(T.Aggregate, '<' + l)),
      aggAfter: r(key1(T.Aggregate, '>' + l)),
      tagPrevLowerAt: -1,
      num: this.nextLowerNum++,
      seenLowerDoc: 0,
      seenCapMidDoc: 0,
      historyDoc: 0,
      history: 0,
      contextsDoc: 0,
      ctxDir: [],
      ctxOf: [],
      ctxCount: 0,
      aggAt: 0,
      aggDoc: 0,
    };
    this.lowers.set(l, e);
    return e;
  }

  private shape(ss: string): ShapeEntry {
    let e = this.shapes.get(ss);
    if (e) return e;
    const r = this.resolve;
    e = {
      sshape: ss,
      index: this.shapes.size + 2,
      sshapeId: r(key1(T.ShortShape, ss)),
      asSShapePrev: r(key1(T.SShapePrev, ss)),
      asSShapeNext: r(key1(T.SShapeNext, ss)),
      firstShape: r(key1(T.FirstShape, ss)),
      headShape: r(key1(T.HeadShape, ss)),
      tagPrevShape: null,
    };
    this.shapes.set(ss, e);
    return e;
  }

  pos(p: string): PosEntry {
    let e = this.poses.get(p);
    if (!e) this.poses.set(p, (e = { pos: this.resolve(key1(T.Pos, p)), posPrev: this.resolve(key1(T.PosPrev, p)), posNext: this.resolve(key1(T.PosNext, p)) }));
    return e;
  }

  gazFeature(g: string): GazEntry {
    let e = this.gazes.get(g);
    if (!e) this.gazes.set(g, (e = { gaz: this.resolve(key1(T.Gaz, g)), gazPrev: this.resolve(key1(T.GazPrev, g)), gazNext: this.resolve(key1(T.GazNext, g)) }));
    return e;
  }

  /**
   * The gazetteer features of a match with these classes, by position in it
   * (U, B, I, L): its distinct coarse groups in order of first appearance,
   * each with the position letter, as staticFeatures names them.
   */
  gazRun(classes: readonly string[]): ReadonlyArray<readonly GazEntry[]> {
    let run = this.gazRuns.get(classes);
    if (!run) {
      const groups = new Set(classes.map(gazGroup));
      run = ['U', 'B', 'I', 'L'].map((pos) => [...groups].map((g) => this.gazFeature(g + pos)));
      this.gazRuns.set(classes, run);
    }
    return run;
  }

  /** The ShapeTrigram feature of a token (its neighbours' short shapes; null: a sentence edge). */
  trigram(prev: ShapeEntry | null, cur: ShapeEntry, next: ShapeEntry | null): number {
    const a = prev ? prev.index : 0;
    const c = next ? next.index : 1;
    const key = a < 1024 && cur.index < 1024 && c < 1024 ? (a * 1024 + cur.index) * 1024 + c : -1;
    let id = key >= 0 ? this.trigrams.get(key) : undefined;
    if (id === undefined) {
      id = this.resolve(key3(T.ShapeTrigram, prev ? prev.sshape : '<s>', cur.sshape, next ? next.sshape : '</s>'));
      if (key >= 0) this.trigrams.set(key, id);
    }
    return id;
  }

  /** The BigramPrev feature of word `le` after word `prev` (null: at a sentence start). */
  bigramPrev(prev: LowerEntry | null, le: LowerEntry): number {
    const key = pairKey(prev ? prev.num : 0, le.num);
    let id = key >= 0 ? this.pairIds.get(2 * key) : NOT_CACHED;
    if (id === NOT_CACHED) {
      id = this.resolve(prev ? keyFrom(prev.bigramPrevA, prev.bigramPrevB, le.lower) : keyFrom(this.bigramStartA, this.bigramStartB, le.lower));
      if (key >= 0) this.pairIds.set(2 * key, id);
    }
    return id;
  }

  /** The BigramNext feature of word `le` before word `next` (null: at a sentence end). */
  bigramNext(le: LowerEntry, next: LowerEntry | null): number {
    const key = pairKey(le.num, next ? next.num : 0);
    let id = key >= 0 ? this.pairIds.get(2 * key + 1) : NOT_CACHED;
    if (id === NOT_CACHED) {
      id = this.resolve(keyFrom(le.bigramNextA, le.bigramNextB, next ? next.lower : '</s>'));
      if (key >= 0) this.pairIds.set(2 * key + 1, id);
    }
    return id;
  }

  tagPrevLower(le: LowerEntry, prev: number): number {
    if (le.tagPrevLowerAt < 0) {
      le.tagPrevLowerAt = this.ids.push(this.nLabels + 1);
      this.ids.array.fill(-2, le.tagPrevLowerAt, le.tagPrevLowerAt + this.nLabels + 1);
    }
    const ids = this.ids.array;
    const at = le.tagPrevLowerAt + prev + 1;
    let id = ids[at];
    if (id === -2) ids[at] = id = this.resolve(keyIntStr(T.TagPrevLower, prev, le.lower));
    return id;
  }

  tagPrevShape(se: ShapeEntry, prev: number): number {
    let row = se.tagPrevShape;
    if (!row) se.tagPrevShape = row = new Int32Array(this.nLabels + 1).fill(-2);
    let id = row[prev + 1];
    if (id === -2) row[prev + 1] = id = this.resolve(keyIntStr(T.TagPrevShape, prev, se.sshape));
    return id;
  }

  /**
   * Offset of the sum of word `le`'s context aggregation rows in this
   * document, summed at its first scored occurrence: the list is the same at
   * every occurrence, and a name's list runs to 16 contexts.
   */
  aggregateSum(le: LowerEntry): number {
    if (le.aggDoc === this.doc) return le.aggAt;
    const sum = this.scratch.fill(0);
    for (let k = 0; k < le.ctxCount; k++) {
      const of = le.ctxOf[k];
      addRow(this.rows, le.ctxDir[k] === 0 ? (of ? of.aggBefore : this.aggBeforeNone) : of ? of.aggAfter : this.aggAfterNone, sum);
    }
    const at = this.aggregates.push(sum.length);
    this.aggregates.array.set(sum, at);
    le.aggDoc = this.doc;
    le.aggAt = at;
    return at;
  }

  /** Starts a document: a new stamp for the per-document marks; caches dropped when too big. */
  beginDocument(): number {
    this.aggregates.clear();
    // Pairs outgrow words: they are dropped alone, since dropping the words too
    // would make every word of the next documents a miss again.
    const dropPairs = this.pairIds.size > MAX_CACHED_PAIRS;
    const dropWords = this.words.size > MAX_CACHED_WORDS || this.lowers.size > MAX_CACHED_WORDS;
    if (dropPairs || dropWords) {
      this.pairIds.clear();
    }
    if (dropWords) {
      this.nextLowerNum = 1;
      this.words.clear();
      this.byVocabId = [];
      this.prefixes.clear();
      this.ids.clear();
      this.lowers.clear();
      this.shapes.clear();
      this.trigrams.clear();
      this.gazRuns.clear();
    }
    return ++this.doc;
  }
}

/**
 * The pair cache key of two LowerEntry numbers, or -1 when one is too large
 * for the key, doubled (PairIds), to stay a 31-bit integer; such a pair is
 * resolved every time. Numbers restart at every cache drop, so only a
 * document with some 17,000 new words reaches them.
 */
function pairKey(a: number, b: number): number {
  return a < 32768 && b < 32768 ? a * 32768 + b : -1;
}

let index: FeatureIndex | null = null;

/** The feature index of a model (one at a time: a new model starts a new index). */
function featureIndex(resolve: FeatureResolver, nLabels: number, rows: Int16Array): FeatureIndex {
  if (!index || index.resolve !== resolve || index.nLabels !== nLabels || index.rows !== rows) index = new FeatureIndex(resolve, nLabels, rows);
  return index;
}

export interface StaticFeatureIds {
  /** Per token, its cache entry (for the dynamic features). */
  words: WordEntry[];
  /** Per token, its part-of-speech entry. */
  poses: PosEntry[];
  /** Per token, the gazetteer features of the match it is in (undefined: none). */
  gazetteer: Array<readonly GazEntry[] | undefined>;
  /** Per token, 1 where it opens a sentence / stands in an all-caps headline. */
  sentStart: Uint8Array;
  headline: Uint8Array;
  tokens: readonly TagToken[];
  index: FeatureIndex;
  doc: number;
}

/**
 * The document-level part of staticFeatures, resolved through `resolve` (a
 * stable function per model: it keys the word cache): word and
 * part-of-speech entries, gazetteer matches, sentence starts, headlines, and
 * the per-document marks (seen lower-cased, seen capitalised mid-sentence,
 * context aggregation). A token's own features are then added on demand by
 * addStaticFeatures, so a token that is never scored costs nothing more.
 */
export function staticFeatureIds(tokens: readonly TagToken[], gz: Gazetteer, resolve: FeatureResolver, nLabels: number, rows: Int16Array, matches: readonly GazetteerMatch[]): StaticFeatureIds {
  const fx = featureIndex(resolve, nLabels, rows);
  const doc = fx.beginDocument();
  const n = tokens.length;
  const we = new Array<WordEntry>(n);
  const pe = new Array<PosEntry>(n);
  for (let i = 0; i < n; i++) {
    we[i] = fx.wordOf(tokens[i]);
    pe[i] = fx.pos(tokens[i].pos);
  }

  // Matches never overlap (gazetteer.ts takes the longest, then moves past
  // it), so each token gets one precomputed list, shared, not a new array.
  const gzf: Array<readonly GazEntry[] | undefined> = new Array(n);
  for (const m of matches) {
    const byPosition = fx.gazRun(m.classes);
    if (m.end - m.start === 1) gzf[m.start] = byPosition[0];
    else {
      gzf[m.start] = byPosition[1];
      for (let k = m.start + 1; k < m.end - 1; k++) gzf[k] = byPosition[2];
      gzf[m.end - 1] = byPosition[3];
    }
  }

  const sentStart = new Uint8Array(n);
  const headline = new Uint8Array(n);
  let s = -1;
  let upperOnly = true;
  let from = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || tokens[i].sentence !== s) {
      // Close the previous sentence: a headline if all its words are upper case and it has two or more.
      if (upperOnly && i - from > 1) headline.fill(1, from, i);
      if (i === n) break;
      s = tokens[i].sentence;
      from = i;
      upperOnly = true;
      sentStart[i] = 1;
    }
    const e = we[i];
    if (e.notUpper) upperOnly = false;
    if (e.plainLower) e.le.seenLowerDoc = doc;
    else if (e.cap && !sentStart[i] && !(i > 0 && we[i - 1].opener)) e.le.seenCapMidDoc = doc;
  }

  for (let i = 0; i < n; i++) {
    const e = we[i];
    if (!e.cap) continue;
    const le = e.le;
    if (le.contextsDoc !== doc) {
      le.contextsDoc = doc;
      le.ctxCount = 0;
    }
    if (le.ctxCount >= 16) continue;
    const sent = tokens[i].sentence;
    const before = i > 0 && tokens[i - 1].sentence === sent ? we[i - 1].le : null;
    const after = i + 1 < n && tokens[i + 1].sentence === sent ? we[i + 1].le : null;
    pushContext(le, 0, before);
    pushContext(le, 1, after);
  }
  return { words: we, poses: pe, gazetteer: gzf, sentStart, headline, tokens, index: fx, doc };
}

/**
 * The skip rule's test (model.ts): token i is a plain word (isPlainWord)
 * outside every gazetteer match, and the next word in its sentence, if any,
 * has no upper-case letter, looking past a hyphen glued to it: a plain word
 * that opens a name is followed by the name's capitalised rest ("de Silva",
 * "of Crime Act", "al-Aqsa").
 */
export function isPlainToken(st: StaticFeatureIds, i: number): boolean {
  if (!st.words[i].plain || st.gazetteer[i] !== undefined) return false;
  const k = nextWordIndex(st.tokens, i);
  return k < 0 || st.words[k].noUpper;
}

/** Index of the word after token i in its sentence, past a hyphen glued to it (-1: none). */
export function nextWordIndex(tokens: readonly TagToken[], i: number): number {
  let k = i + 1;
  if (k < tokens.length && tokens[k].text === '-' && !tokens[k].spaceBefore) k++;
  return k < tokens.length && tokens[k].sentence === tokens[i].sentence ? k : -1;
}

/** Sets `scores` to token i's word's prefix: the sums of the features of its word alone (WordEntry.prefixAt). */
export function setWordPrefix(st: StaticFeatureIds, i: number, scores: Float32Array): void {
  const prefixes = st.index.prefixes.array;
  for (let k = 0, p = st.words[i].prefixAt; k < scores.length; k++, p++) scores[k] = prefixes[p];
}

/**
 * Adds the weights of token i's static features, but those summed in its
 * word's prefix, to `scores`; unknown features (-1) add nothing.
 */
export function addStaticFeatures(st: StaticFeatureIds, i: number, scores: Float32Array): void {
  const fx = st.index;
  const rows = fx.rows;
  const tokens = st.tokens;
  const we = st.words;
  const pe = st.poses;
  const gzf = st.gazetteer;
  const n = tokens.length;
  const e = we[i];
  const le = e.le;
  const se = e.se;
  const sent = tokens[i].sentence;
  const hasPrev = i > 0 && tokens[i - 1].sentence === sent;
  const hasNext = i + 1 < n && tokens[i + 1].sentence === sent;
  const hasPrev2 = hasPrev && i > 1 && tokens[i - 2].sentence === sent;
  const hasNext2 = hasNext && i + 2 < n && tokens[i + 2].sentence === sent;
  // (Bias, word, lower case, shapes and affixes are summed in the word's prefix.)
  addRow(rows, pe[i].pos, scores);
  addRow(rows, hasPrev ? pe[i - 1].posPrev : fx.posPrevS, scores);
  addRow(rows, hasNext ? pe[i + 1].posNext : fx.posNextS, scores);
  addRow(rows, hasPrev ? we[i - 1].le.asLowerPrev : fx.lowerPrevS, scores);
  addRow(rows, hasNext ? we[i + 1].le.asLowerNext : fx.lowerNextS, scores);
  addRow(rows, hasPrev2 ? we[i - 2].le.asLowerPrev2 : fx.lowerPrev2S, scores);
  addRow(rows, hasNext2 ? we[i + 2].le.asLowerNext2 : fx.lowerNext2S, scores);
  addRow(rows, hasPrev ? we[i - 1].se.asSShapePrev : fx.sshapePrevS, scores);
  addRow(rows, hasNext ? we[i + 1].se.asSShapeNext : fx.sshapeNextS, scores);
  addRow(rows, fx.bigramPrev(hasPrev ? we[i - 1].le : null, le), scores);
  addRow(rows, fx.bigramNext(le, hasNext ? we[i + 1].le : null), scores);
  addRow(rows, fx.trigram(hasPrev ? we[i - 1].se : null, se, hasNext ? we[i + 1].se : null), scores);
  if (st.sentStart[i]) addRow(rows, se.firstShape, scores);
  if (st.headline[i]) {
    addRow(rows, se.headShape, scores);
    addRow(rows, le.headLower, scores);
  }
  if (!tokens[i].spaceBefore && hasPrev) addRow(rows, fx.gluePrev, scores);
  if (hasNext && !tokens[i + 1].spaceBefore) addRow(rows, fx.glueNext, scores);
  if (e.cap) {
    if (le.seenLowerDoc === st.doc) addRow(rows, fx.docLower, scores);
    if ((st.sentStart[i] || st.headline[i]) && le.seenCapMidDoc === st.doc) addRow(rows, fx.docCapMid, scores);
  }
  const g0 = gzf[i];
  if (g0) for (let k = 0; k < g0.length; k++) addRow(rows, g0[k].gaz, scores);
  if (hasPrev) {
    const gp = gzf[i - 1];
    if (gp) for (let k = 0; k < gp.length; k++) addRow(rows, gp[k].gazPrev, scores);
  }
  if (hasNext) {
    const gn = gzf[i + 1];
    if (gn) for (let k = 0; k < gn.length; k++) addRow(rows, gn[k].gazNext, scores);
  }
  if (e.cap) {
    if (!g0 || g0.length === 0) addRow(rows, fx.gazNone, scores);
    const at = fx.aggregateSum(le);
    const sums = fx.aggregates.array;
    for (let k = 0, p = at; k < scores.length; k++, p++) scores[k] += sums[p];
  }
}
/** Adds a context to a word's aggregation list unless the same one is there ("<x" and ">x" are distinct). */
function pushContext(le: LowerEntry, dir: number, of: LowerEntry | null): void {
  const n = le.ctxCount;
  for (let k = 0; k < n; k++) if (le.ctxDir[k] === dir && le.ctxOf[k] === of) return;
  // (At most the arrays' length: written over, or appended to without a hole.)
  le.ctxDir[n] = dir;
  le.ctxOf[n] = of;
  le.ctxCount = n + 1;
}

/**
 * dynamicFeatures resolved: writes the known feature numbers of token i into
 * `out` in dynamicFeatures' order and returns how many. The prediction
 * history lives on the cache entries, stamped with the document.
 */
export function dynamicFeatureIds(i: number, st: StaticFeatureIds, prev: number, prev2: number, out: Int32Array): number {
  const fx = st.index;
  const e = st.words[i];
  const P = fx.nLabels + 1;
  let n = 0;
  let id = fx.tagPrev[prev + 1];
  if (id >= 0) out[n++] = id;
  id = fx.tagPrev2[(prev2 + 1) * P + prev + 1];
  if (id >= 0) out[n++] = id;
  id = fx.tagPrevLower(e.le, prev);
  if (id >= 0) out[n++] = id;
  id = fx.tagPrevShape(e.se, prev);
  if (id >= 0) out[n++] = id;
  if (e.cap && e.le.historyDoc === st.doc) {
    id = fx.history[e.le.history];
    if (id >= 0) out[n++] = id;
  }
  return n;
}

/** Records the type token i was given (the prediction history), for a capitalised word. */
export function recordHistory(i: number, st: StaticFeatureIds, type: number): void {
  const e = st.words[i];
  if (!e.cap) return;
  e.le.historyDoc = st.doc;
  e.le.history = type;
}
