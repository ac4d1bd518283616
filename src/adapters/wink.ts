/**
 * The one place wink-nlp is called. wink reports token indexes and the
 * whitespace before each token; this module turns them into character offsets
 * of the original text, so no stage ever sees a wink index.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { grown } from '../core/typed.ts';
import type { TokenKind } from '../core/types.ts';

/** A value pool of wink's model: lexemes, or one feature's values (suffixes, shapes…). */
interface ValuePool {
  hash: Record<string, number | undefined>;
  list: string[];
  index: number;
}

/** The parts of wink's core model (its lexicon and feature pools) this module reaches into. */
interface WinkCore {
  features: Record<string, ValuePool> & { tokenType: { list: string[] } };
  packing: { efList: string[] };
}

/** The methods of wink's lexicon cache this module wraps or reads (wink-nlp 2.4, src/cache.js). */
interface CacheMethods {
  lookup(text: string): number[] | null;
  add(text: string, category: number): number;
  normal(index: number): number;
  property(index: number, prop: string): unknown;
}

type FeatureFns = Record<string, (word: string, category: number, cache: CacheMethods) => unknown>;
/** The loaders of the model this module calls itself. */
type WinkModelParts = { core(): WinkCore; metaCER(): unknown; featureFn(config: unknown): FeatureFns };
const { core: buildCore, metaCER: loadMeta, featureFn: baseFeatureFn } = model as unknown as WinkModelParts;
let meta: unknown;
/**
 * The model as each instance gets it. Its metaCER() loader stringifies its
 * own previous result again on every call (wink-eng-lite-web-model 1.8.1,
 * load-cer-meta-model.js: `machines = JSON.stringify(machines)`), so the
 * string's escapes multiply with each instance built: 2,953 characters at the
 * first call, 10 million at the 15th, and the 21st overflows V8's longest
 * string. The first result is kept for every instance.
 */
const modelOnce = { ...model, metaCER: () => (meta ??= loadMeta()) };

/** A token no lexicon holds: reading it makes wink compute features, which hands us its cache. */
const PROBE = 'Qzxqvj';

/**
 * A wink-nlp instance that reads every text as a fresh instance would.
 *
 * wink learns as it reads: every token it has not seen is added to the
 * instance's lexicon, and the tokenizer looks there first. So the same text
 * came out differently after other texts: "Lord’s," taught it the word
 * "Lord’s", after which "at Lord’s on" stayed one token where a fresh
 * instance splits "Lord" "’s". Of 9,183 synthetic articles, 202 came out
 * differently than from a fresh instance, and two runs of the same archive
 * disagreed on 2, with the order the pool's threads got them in. Records
 * must depend only on their article, whatever --jobs or the run's history.
 *
 * So words learned from earlier texts are hidden from the tokenizer's
 * lookups until the current text adds them itself. Relearning them each time
 * (which a first version did) cost wink 0.63-0.67 ms per article where a
 * plain, learning instance takes 0.48; instead a learned word is reused
 * (0.49-0.50) when that is exactly what a fresh instance would store: its
 * properties were computed from its token category, so it is reused only
 * when this text adds it with the same category (wink adds "96" as a word
 * out of "24.SEP.96" and as a number in "scored 96"), and so is its
 * lower-case form, which it points to; otherwise the word is relearned. The learned words grow with the vocabulary; past
 * MAX_LEARNED_LEXEMES a new wink instance is built over the same core model,
 * cut back to its own lexicon (4 ms; building the core takes 50).
 *
 * wink exposes its cache only to the model's feature functions, so the
 * instance is handed one through them, reading PROBE once when built.
 * Checked: after 3,816 texts (synthetic and Reuters news), 600 of 600
 * sampled texts came out as from a fresh instance (values, types, POS,
 * normals, sentences), and every record of 1,757 articles matched the
 * relearning version's; tests/adapters/wink.test.ts keeps a smaller check.
 */
export class IsolatedWink {
  nlp!: ReturnType<typeof winkNLP>;
  private readonly core: WinkCore;
  private readonly lexemes: ValuePool;
  private readonly features: ValuePool[];
  private readonly featureSizes: number[];
  private readonly firstLearned: number;
  private readonly tokenTypes: string[];
  /** Per lexeme index, the text that last added it (stamps, so nothing is cleared between texts). */
  private seen = new Int32Array(1 << 16);
  /** The instance's lexicon cache (set by renew()). */
  private cache!: CacheMethods;
  /**
   * Per lexeme index, 1 + the KIND_CODES index of its token kind, once asked
   * (0: not yet). Typed, because a plain array written at scattered lexeme
   * indexes becomes a dictionary in V8. Learned indexes are cleared at renew().
   */
  private kinds = new Uint8Array(1 << 16);
  /**
   * Per base lexeme, whether its lower-case form is itself or another base
   * lexeme (1), or not (2), once asked (0: not yet). Base lexemes are never
   * hidden, so for such a word add() needs neither the lower-case string nor
   * its lookup (see isolate).
   */
  private readonly baseLower: Uint8Array;
  private text = 1;
  private adding = false;

  constructor() {
    this.core = buildCore();
    this.lexemes = this.core.features.lexeme;
    this.firstLearned = this.lexemes.list.length;
    this.baseLower = new Uint8Array(this.firstLearned);
    this.features = this.core.packing.efList.map((f) => this.core.features[f]).filter((f) => f?.list && typeof f.index === 'number');
    this.featureSizes = this.features.map((f) => f.list.length);
    this.tokenTypes = this.core.features.tokenType.list;
    this.renew();
  }

  /** Words learned from texts so far (reused or hidden). */
  get learnedLexemes(): number {
    return this.lexemes.list.length - this.firstLearned;
  }

  /** Runs `read` on the document of `text`, read as by a fresh instance. */
  read<T>(text: string, read: (doc: ReturnType<ReturnType<typeof winkNLP>['readDoc']>) => T): T {
    if (this.learnedLexemes > MAX_LEARNED_LEXEMES) this.renew();
    this.text++;
    return read(this.nlp.readDoc(text));
  }

  /** Cuts the core back to its own lexicon and feature values and builds a new instance over it. */
  private renew(): void {
    const { hash, list } = this.lexemes;
    for (let i = this.firstLearned; i < list.length; i++) delete hash[list[i]];
    list.length = this.firstLearned;
    this.lexemes.index = this.firstLearned;
    this.features.forEach((pool, k) => {
      const size = this.featureSizes[k];
      for (let i = size; i < pool.list.length; i++) delete pool.hash[pool.list[i]];
      pool.list.length = size;
      pool.index = size;
    });
    let cache: CacheMethods | undefined;
    const featureFn = (config: unknown): FeatureFns => {
      const fns = baseFeatureFn(config);
      const own = { ...fns };
      for (const name of Object.keys(own)) {
        fns[name] = (word, category, methods) => {
          cache = methods;
          Object.assign(fns, own);
          return own[name](word, category, methods);
        };
      }
      return fns;
    };
    // Only the annotators quarry reads: sentence boundaries and POS tags.
    // wink's default pipe also runs negation, sentiment and its own NER, which
    // cost about half of readDoc's time and feed nothing here (POS runs before
    // them, so its tags are the same either way).
    this.nlp = winkNLP({ ...modelOnce, featureFn, core: () => this.core } as typeof model, ['sbd', 'pos']);
    this.nlp.readDoc(PROBE);
    if (!cache) throw new Error('wink-nlp did not compute features through the model');
    this.isolate(cache);
    this.cache = cache;
    // The new instance numbers its learned words afresh.
    this.kinds.fill(0, Math.min(this.firstLearned, this.kinds.length));
  }

  /**
   * The text of lexeme `index` (wink's its.value of a token is its lexeme's
   * text, read the same way: wink-nlp 2.4, src/cache.js value()).
   */
  valueOf(index: number): string {
    return this.lexemes.list[index];
  }

  /** The token kind of lexeme `index` (wink's its.type, which decodes the lexeme's packed properties every time). */
  kindOf(index: number): TokenKind {
    const code = index < this.kinds.length ? this.kinds[index] : 0;
    if (code > 0) return KIND_CODES[code - 1];
    const type = this.cache.property(index, 'tokenType') as string;
    const kind = KIND[type] ?? (/^\s+$/.test(this.valueOf(index)) ? 'space' : 'other');
    this.kinds = grown(this.kinds, index + 1);
    this.kinds[index] = KIND_CODES.indexOf(kind) + 1;
    return kind;
  }

  /** Whether lexeme `index` is in the model's own lexicon: such an index names the same text in every instance and thread. */
  isBaseLexeme(index: number): boolean {
    return index < this.firstLearned;
  }

  /** Wraps the cache's lookup and add so that words learned from earlier texts act as unseen. */
  private isolate(cache: CacheMethods): void {
    const { lookup, add, normal, property } = cache;
    const hash = this.lexemes.hash;
    /** Learned from an earlier text and not yet added by this one. */
    const stale = (i: number) => i >= this.firstLearned && this.seen[i] !== this.text;
    const typeOf = (i: number) => property(i, 'tokenType');
    cache.lookup = (text) => {
      const found = lookup(text);
      // Inside add, wink's feature functions look words up as they stand.
      if (found === null || this.adding || found.length !== 1) return found;
      return stale(found[0]) ? null : found;
    };
    const { firstLearned, baseLower } = this;
    cache.add = (text, category) => {
      const i = hash[text];
      // A base word whose lower-case form is a base word too (most calls:
      // wink adds every plain word and punctuation mark through add()):
      // the condition below, without making the lower-case string and
      // looking it up, which cost 1.4% of the pipeline's time in a CPU
      // profile (scratch, 2026-12-08).
      if (i !== undefined && i < firstLearned) {
        let known = baseLower[i];
        if (known === 0) {
          const lowerOfBase = text.toLowerCase();
          const n = lowerOfBase === text ? i : hash[lowerOfBase];
          baseLower[i] = known = n !== undefined && n < firstLearned ? 1 : 2;
        }
        if (known === 1) return i;
      }
      const lower = text.toLowerCase();
      // The lower-case form's entry, when it is another word (deleting `text` leaves it be).
      const n = lower !== text ? hash[lower] : undefined;
      // Stored with its lower-case form, both visible to this text (base words
      // and ones it already added): wink's add() only returns the index, and
      // nothing needs marking.
      if (i !== undefined && !stale(i) && (lower === text || (n !== undefined && !stale(n)))) return i;
      const type = this.tokenTypes[category];
      if (i !== undefined && stale(i)) {
        let reusable = typeOf(i) === type;
        if (reusable && lower !== text) reusable = n !== undefined && normal(i) === n && (!stale(n) || typeOf(n) === type);
        if (!reusable) delete hash[text];
      }
      if (n !== undefined && stale(n) && typeOf(n) !== type) delete hash[lower];
      this.adding = true;
      let index: number;
      try {
        index = add(text, category);
      } finally {
        this.adding = false;
      }
      this.mark(index);
      // add() may just have made the lower-case entry.
      const added = hash[lower];
      if (added !== undefined) this.mark(added);
      return index;
    };
  }

  private mark(index: number): void {
    this.seen = grown(this.seen, index + 1);
    this.seen[index] = this.text;
  }
}

/**
 * Learned words after which the wink instance is renewed: about 100 bytes of
 * heap each (measured: 102), so ~5 MB at most. The synthetic archive's 9,183
 * articles teach it ~9,000; real news, with new names and figures every day,
 * more (3,816 synthetic and Reuters texts: 26,500).
 */
const MAX_LEARNED_LEXEMES = 50_000;
const wink = new IsolatedWink();
const its = wink.nlp.its;

/**
 * A token as the adapter found it, already in the core Token's shape (index
 * and sentence are -1 until buildDoc numbers the kept tokens): buildDoc keeps
 * these objects rather than copying ~500 of them per article.
 */
export interface RawToken {
  text: string;
  start: number;
  end: number;
  index: number;
  kind: TokenKind;
  pos: string;
  sentence: number;
  spaceBefore: boolean;
  vocabId: number;
}

export interface RawParse {
  tokens: RawToken[];
  /** Inclusive-exclusive token index ranges, as wink split the sentences (whitespace tokens included). */
  sentences: Array<[number, number]>;
}

const KIND: Record<string, TokenKind> = {
  word: 'word',
  number: 'number',
  punctuation: 'punctuation',
  symbol: 'symbol',
  currency: 'currency',
  tabCRLF: 'space',
  email: 'email',
  url: 'url',
  emoji: 'emoji',
  emoticon: 'emoji',
  hashtag: 'word',
  mention: 'word',
  ordinal: 'number',
  time: 'number',
  shortForm: 'word',
};

/** Every kind kindOf() can return (KIND's, and its fallbacks), numbered for IsolatedWink's per-lexeme cache. */
const KIND_CODES: readonly TokenKind[] = [...new Set<TokenKind>([...Object.values(KIND), 'space', 'other'])];

/**
 * Tokenizes, sentence-splits and POS-tags `text`.
 *
 * Offsets come from walking the text: each token's value is looked up from the
 * running cursor, so the result stays aligned even if the tokenizer ever
 * normalises a value (a token whose value is not found verbatim is given the
 * gap up to the next whitespace instead of breaking alignment).
 */
export function parseWithWink(original: string): RawParse {
  // Long runs without a space are hidden from wink (blanked, same length, so
  // every offset stays put) and put back as one token each at the end.
  const runs = longRuns(original);
  const text = runs.length ? blankRuns(original, runs) : original;
  const parse = tokensOfRead(text, readWithWink(text));
  for (let r = runs.length - 1; r >= 0; r--) insertRunToken(parse, original, runs[r]);
  return parse;
}

/** What parseWithWink takes from wink's document of a text. */
interface WinkRead {
  /** Per wink token, its lexeme index. */
  ids: number[];
  pos: string[];
  /** Per sentence, its first and last wink token index. */
  spans: Array<[number, number]>;
}

/**
 * Each token's lexeme index, not its value and type: those are the
 * lexeme's, read from the index (valueOf, kindOf) without two more passes
 * through wink's token API and its per-token property decoding.
 */
function readWithWink(text: string): WinkRead {
  return wink.read(text, (doc) => {
    const tokens = doc.tokens();
    return {
      ids: tokens.out(its.uniqueId) as unknown as number[],
      pos: tokens.out(its.pos) as string[],
      spans: doc.sentences().out(its.span) as unknown as Array<[number, number]>,
    };
  });
}

/** The tokens, with offsets in `text`, and sentences of wink's read of `text` (its lexeme indexes are valid until the next read). */
function tokensOfRead(text: string, { ids, pos, spans }: WinkRead): RawParse {
  const out: RawToken[] = new Array(ids.length);
  let cursor = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const value = wink.valueOf(id);
    // The token starts past the whitespace before it: wink splits on spaces
    // (and keeps runs of line breaks and tabs as tokens, which start where
    // their value does) and trims the other white space, all of which
    // isSpaceCode covers. Its own count of the spaces (its.precedingSpaces)
    // is not asked for: wink rebuilds them as a new string per token, capped
    // at 65,534, only for their length.
    const spaceToken = isSpaceCode(value.charCodeAt(0));
    let start = cursor;
    while (start < text.length && isSpaceCode(text.charCodeAt(start)) && !(spaceToken && text.startsWith(value, start))) start++;
    // The common case keeps wink's own value string: it is the text's slice.
    let tokenText = value;
    if (text.startsWith(value, start)) {
      cursor = start + value.length;
    } else {
      const found = text.indexOf(value, cursor);
      if (found >= 0 && found - start <= 4) {
        start = found;
        cursor = found + value.length;
      } else {
        // Value not verbatim in the text: take the characters up to the next space.
        const m = /\S+/y;
        m.lastIndex = start;
        const mm = m.exec(text);
        cursor = mm ? start + mm[0].length : start;
        tokenText = text.slice(start, cursor);
      }
    }
    out[i] = {
      text: tokenText,
      start,
      end: cursor,
      index: -1,
      kind: wink.kindOf(id),
      pos: pos[i] ?? 'X',
      sentence: -1,
      spaceBefore: start === 0 || isSpaceCode(text.charCodeAt(start - 1)),
      vocabId: tokenText === value && wink.isBaseLexeme(id) ? id : -1,
    };
  }
  return mergeSplitWords(out, spans);
}

/**
 * Runs of non-space characters longer than this are not given to wink: its
 * tokenizer's regexes (the e-mail pattern, `[a-z].*\.$`) take time quadratic
 * in a run's length, measured 1.2 s for 50,000 letters and 8 s for a 50,000
 * character base64 image, so one data URI pasted into a scraped article cost
 * the article its time limit. Words and real URLs are far shorter.
 */
const LONG_RUN = 1000;

/**
 * [start, end) of every run of more than LONG_RUN non-space characters (the
 * regex /\S{1001,}/g). Such a run covers at least one multiple of LONG_RUN,
 * so only the characters there are tested, and a run is walked out from one
 * of them only where it is not a space: a few dozen character tests for a
 * news article. Testing every character (as this first did, in place of the
 * regex's 26 µs on a 2,800-character article) took 7 µs per article, 0.3%
 * of the pipeline's time (CPU profile of 4,500 synthetic articles, scratch).
 */
export function longRuns(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = text.length;
  for (let p = 0; p < n; p += LONG_RUN) {
    if (isSpaceCode(text.charCodeAt(p))) continue;
    let from = p;
    while (from > 0 && !isSpaceCode(text.charCodeAt(from - 1))) from--;
    let to = p + 1;
    while (to < n && !isSpaceCode(text.charCodeAt(to))) to++;
    if (to - from > LONG_RUN) {
      out.push([from, to]);
      // The next multiple past the run: one run is found once.
      p = Math.floor(to / LONG_RUN) * LONG_RUN;
    }
  }
  return out;
}

/** The text with each run replaced by as many spaces. */
function blankRuns(text: string, runs: Array<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [a, b] of runs) {
    out += text.slice(at, a) + ' '.repeat(b - a);
    at = b;
  }
  return out + text.slice(at);
}

/**
 * Puts a hidden run back as one token (a URL or 'other', POS X) where it
 * falls in token order, inside the sentence of the token before it (the
 * first sentence when it opens the text); sentence ranges after it shift.
 */
function insertRunToken(parse: RawParse, text: string, [start, end]: [number, number]): void {
  const { tokens, sentences } = parse;
  let at = 0;
  while (at < tokens.length && tokens[at].start < start) at++;
  tokens.splice(at, 0, {
    text: text.slice(start, end),
    start,
    end,
    index: -1,
    kind: /^(?:https?|ftp):\/\//i.test(text.slice(start, start + 8)) ? 'url' : 'other',
    pos: 'X',
    sentence: -1,
    // A run is maximal, so whitespace or the start of the text comes before it.
    spaceBefore: true,
    vocabId: -1,
  });
  // A text that is nothing but such runs leaves wink no token, and an empty (NaN) sentence.
  for (let k = sentences.length - 1; k >= 0; k--) if (!(sentences[k][1] > sentences[k][0])) sentences.splice(k, 1);
  if (sentences.length === 0) {
    sentences.push([0, tokens.length]);
    return;
  }
  // The sentence that takes it: the one holding the token before it, else the
  // first; where no sentence reaches it (tokens no sentence holds), its own.
  let owner = 0;
  for (let k = 0; k < sentences.length; k++) if (sentences[k][0] < at) owner = k;
  const joins = sentences[owner][1] >= at;
  for (let k = owner + 1; k < sentences.length; k++) (sentences[k][0]++, sentences[k][1]++);
  if (joins) sentences[owner][1]++;
  else sentences.splice(owner + 1, 0, [at, at + 1]);
}

/**
 * Exactly the characters of the regex class `\s` (ECMAScript WhiteSpace and
 * LineTerminator), tested by code instead of a regex per token; a lone
 * surrogate half or NaN (no character) is not a space, as with `/\s/`.
 */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const LETTERS = /^[\p{L}\p{M}]+$/u;

/**
 * LETTERS.test(s), with ASCII answered by char codes: most adjacent token
 * pairs ("word" + ",") fail on an ASCII character, and this test runs for
 * every such pair.
 */
function isLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return LETTERS.test(s);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return s.length > 0;
}

/**
 * Length of the part of a word token before a possessive "'s" / "’s" that
 * wink left on it (0: none). wink splits "Starmer's plan" into "Starmer" "'s",
 * but keeps "Starmer's." and "Apple’s," whole: the same name came out as
 * another word before punctuation, and the tagger missed it there. Only a
 * letter before the apostrophe counts ("2020's" is another matter);
 * contractions ("it's", "let's") wink splits in both places already.
 */
function possessiveBase(t: RawToken): number {
  const s = t.text;
  const n = s.length;
  if (t.kind !== 'word' || n < 3) return 0;
  const last = s.charCodeAt(n - 1);
  const mark = s.charCodeAt(n - 2);
  if ((last !== 115 && last !== 83) || (mark !== 39 && mark !== 0x2019)) return 0;
  return isLetters(s[n - 3]) ? n - 2 : 0;
}

/**
 * wink's tokenizer knows only part of the Latin alphabet: it cuts
 * "Kędzierski" into "K" "ę" "dzierski" and "Łódź" into four pieces. Pieces
 * of letters with nothing between them are one word in the text, so they are
 * joined here (POS from the most name-like piece). A possessive wink left on
 * a word is split off (possessiveBase), as wink itself splits it before a
 * space: the word keeps the token's POS, the "'s" is PART, as wink tags it.
 * Sentence ranges are re-indexed to match.
 */
function mergeSplitWords(tokens: RawToken[], winkSentences: Array<[number, number]>): RawParse {
  const merged: RawToken[] = [];
  /** Per wink token, the index of the first and of the last token it became part of. */
  const firstIndex = new Int32Array(tokens.length + 1);
  const lastIndex = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const base = possessiveBase(t);
    let possessive: RawToken | undefined;
    if (base > 0) {
      possessive = { ...t, text: t.text.slice(base), start: t.start + base, pos: 'PART', spaceBefore: false, vocabId: -1 };
      t.text = t.text.slice(0, base);
      t.end = t.start + base;
      t.vocabId = -1;
    }
    const prev = merged[merged.length - 1];
    if (prev && prev.end === t.start && isLetters(prev.text) && isLetters(t.text)) {
      prev.text += t.text;
      prev.end = t.end;
      prev.kind = 'word';
      prev.vocabId = -1;
      if (prev.pos === 'X' || (t.pos === 'PROPN' && prev.pos !== 'PROPN')) prev.pos = t.pos;
      firstIndex[i] = merged.length - 1;
    } else {
      firstIndex[i] = merged.length;
      merged.push(t); // tokens are this module's own objects: no copy needed
    }
    if (possessive) merged.push(possessive);
    lastIndex[i] = merged.length - 1;
  }
  firstIndex[tokens.length] = lastIndex[tokens.length] = merged.length;
  const sentences: Array<[number, number]> = [];
  for (const [a, b] of winkSentences) {
    const start = firstIndex[a];
    const end = lastIndex[b] + 1;
    const last = sentences[sentences.length - 1];
    // A word joined across a sentence cut puts both pieces in the earlier sentence.
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else sentences.push([start, end]);
  }
  return { tokens: merged, sentences };
}
