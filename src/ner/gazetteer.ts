/**
 * The entity gazetteer (`lexicons/gazetteer.tsv`, built by build-lexicons.ts):
 * phrase → classes such as COUNTRY, CITY, REGION, LOC, NORP, FIRST, LAST,
 * PARTY, PLATFORM, MEDIA, IGO, GOV, COMPANY, SPORTS. Loaded once at module init.
 */
import { readFileSync } from 'node:fs';

export interface Gazetteer {
  /** Exact phrase → classes. */
  readonly phrases: ReadonlyMap<string, readonly string[]>;
  /** First word of a phrase → the most words any phrase starting with it has. */
  readonly maxWords: ReadonlyMap<string, number>;
  /** 1 at the UTF-16 code of the first character of every maxWords key. */
  readonly firstChars: Uint8Array;
  /** textHash of every phrase's every leading part ("N", "Ne", … "New York"), and of the whole phrases. */
  readonly prefixHashes: ReadonlySet<number>;
  readonly phraseHashes: ReadonlySet<number>;
}

/**
 * The classes of a phrase the gazetteer lacks: one shared list (never
 * changed), of the same V8 array map as the gazetteer's own lists, which
 * parseGazetteer makes with String#split. A fresh `[]` has another map, so a
 * caller's optimised code that had seen only one of the two was thrown away
 * ("wrong map") the first time it met the other, in a rare branch, and
 * compiled again: growNames (src/stages/entities/mentions.ts), 130-230 ms of
 * compile time per thread well after warm-up (--trace-opt --trace-deopt, 2
 * pool workers, scratch, 2026-12-08).
 */
export const NO_CLASSES: readonly string[] = 'x'.split(',').slice(1);

/**
 * A 30-bit FNV-1a hash of text fed one UTF-16 code at a time
 * (hashStep(HASH_START, c1), then c2, …): equal texts hash equal, so a text
 * whose hash is not among the phrases' leading parts starts no phrase.
 */
const HASH_START = 0x811c9dc5 | 0;

function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function hashKey(h: number): number {
  // (Kept within small-integer range, so the Sets hold no boxed numbers.)
  return h & 0x3fffffff;
}

export function parseGazetteer(source: string): Gazetteer {
  const phrases = new Map<string, string[]>();
  const maxWords = new Map<string, number>();
  const firstChars = new Uint8Array(65536);
  const prefixHashes = new Set<number>();
  const phraseHashes = new Set<number>();
  for (const line of source.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const phrase = line.slice(0, tab);
    phrases.set(phrase, line.slice(tab + 1).split(','));
    const words = phraseWords(phrase);
    const first = words[0];
    maxWords.set(first, Math.max(maxWords.get(first) ?? 0, words.length));
    firstChars[first.charCodeAt(0)] = 1;
    let h = HASH_START;
    for (let k = 0; k < phrase.length; k++) prefixHashes.add(hashKey((h = hashStep(h, phrase.charCodeAt(k)))));
    phraseHashes.add(hashKey(h));
  }
  return { phrases, maxWords, firstChars, prefixHashes, phraseHashes };
}

/** Words of a phrase the way the tokenizer splits them (spaces, and hyphens as their own token). */
export function phraseWords(phrase: string): string[] {
  return phrase.split(/\s+|(?=-)|(?<=-)/).filter(Boolean);
}

let cached: Gazetteer | null = null;
export function loadGazetteer(): Gazetteer {
  cached ??= parseGazetteer(readFileSync(new URL('../../lexicons/gazetteer.tsv', import.meta.url), 'utf8'));
  return cached;
}

export interface GazetteerMatch {
  /** Token index range [start, end). */
  start: number;
  end: number;
  phrase: string;
  classes: readonly string[];
}

type GazToken = { text: string; spaceBefore: boolean; sentence: number };

/**
 * Longest gazetteer matches over a token sequence, left to right, never
 * crossing a sentence. Tokens are joined with a space where the text had
 * whitespace and glued where it had none ("U.S." stays one word). An all-caps
 * token also matches the title-cased phrase (headlines: "BRUSSELS").
 *
 * A document's matches are found once, by the entity stage, which hands
 * them to the tagger (DecodeOptions.matches). A WeakMap from token array to
 * matches, which this kept so that both could ask, had its lookup line at
 * 0.7% of the pipeline's time in a CPU profile (scratch, 2026-12-08), and
 * left an entry per document for the collector to clear.
 */
export function matchGazetteer(gz: Gazetteer, tokens: ReadonlyArray<GazToken>): GazetteerMatch[] {
  const out: GazetteerMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const first = tokens[i].text;
    const c0 = first.charCodeAt(0);
    // A match starts with a phrase's first word, or its title-cased form,
    // which keeps the first character: no phrase starts with most tokens'
    // first characters (lower-case letters, punctuation in today's list).
    if (gz.firstChars[c0] !== 1) {
      i++;
      continue;
    }
    // Most tokens start with a lower-case ASCII letter and so are not all caps: skip the case mapping.
    const firstTitle = c0 >= 97 && c0 <= 122 ? null : titleIfCaps(first);
    let best: GazetteerMatch | null = null;
    if (!firstTitle) {
      // The joined text is hashed as it grows rather than built: it is built
      // and looked up only when its hash is a phrase's, and the walk stops
      // once no phrase starts with it. (Building and looking up every
      // candidate string was most of the matcher's time; a first word is a
      // leading part of its phrases, so most tokens stop at the first test.)
      let h = HASH_START;
      for (let k = 0; k < first.length; k++) h = hashStep(h, first.charCodeAt(k));
      const max = gz.prefixHashes.has(hashKey(h)) ? (gz.maxWords.get(first) ?? 0) : 0;
      for (let j = i; max > 0 && j < tokens.length && j - i < max + 2; j++) {
        const t = tokens[j];
        if (j > i) {
          if (t.sentence !== tokens[i].sentence) break;
          if (t.spaceBefore) h = hashStep(h, 32);
          const w = t.text;
          for (let k = 0; k < w.length; k++) h = hashStep(h, w.charCodeAt(k));
        }
        const key = hashKey(h);
        if (gz.phraseHashes.has(key)) {
          const exact = joinTokens(tokens, i, j + 1);
          const hit = gz.phrases.get(exact);
          if (hit) best = { start: i, end: j + 1, phrase: exact, classes: hit };
        }
        if (!gz.prefixHashes.has(key)) break;
      }
    } else {
      // An all-caps first word (headlines, rare): the joined text and its
      // title-cased form are both looked up at every step.
      const max = Math.max(gz.maxWords.get(first) ?? 0, gz.maxWords.get(firstTitle) ?? 0);
      let exact = '';
      let titled = '';
      for (let j = i; j < tokens.length && j - i < max + 2; j++) {
        const t = tokens[j];
        if (j > i && t.sentence !== tokens[i].sentence) break;
        const sep = j > i ? (t.spaceBefore ? ' ' : '') : '';
        exact += sep + t.text;
        titled += sep + (titleIfCaps(t.text) ?? t.text);
        const hit = gz.phrases.get(exact) ?? gz.phrases.get(titled);
        if (hit) best = { start: i, end: j + 1, phrase: gz.phrases.has(exact) ? exact : titled, classes: hit };
      }
    }
    if (best) {
      out.push(best);
      i = best.end;
    } else i++;
  }
  return out;
}

/** Tokens [from, to) joined as findMatches joins them: a space where the text had whitespace. */
function joinTokens(tokens: ReadonlyArray<GazToken>, from: number, to: number): string {
  let s = tokens[from].text;
  for (let k = from + 1; k < to; k++) s += (tokens[k].spaceBefore ? ' ' : '') + tokens[k].text;
  return s;
}

function titleIfCaps(word: string): string | null {
  if (word.length < 2) return null;
  // An ASCII lower-case letter in the first two places: not all caps, without mapping case.
  const c0 = word.charCodeAt(0);
  const c1 = word.charCodeAt(1);
  if ((c0 >= 97 && c0 <= 122) || (c1 >= 97 && c1 <= 122)) return null;
  if (word !== word.toUpperCase() || word === word.toLowerCase()) return null;
  return word.charAt(0) + word.slice(1).toLowerCase();
}
