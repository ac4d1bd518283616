/**
 * What the attribution rules look at: the Doc's tokens with the quoted
 * passages masked out, and "units" (sentences merged so that no quote is cut
 * in two; wink splits sentences inside long quotes).
 */
import type { Doc, Token } from '../../core/types.ts';
import type { QuoteSpan } from './marks.ts';

export interface QuoteContext {
  readonly doc: Doc;
  readonly quotes: readonly QuoteSpan[];
  /** For each token, the index of the quote it lies in (marks included), or -1. */
  readonly quoteOfToken: number[];
  /** For each quote, the first token inside or on its marks and the first token after its closing mark. */
  readonly quoteTokens: ReadonlyArray<readonly [number, number]>;
  /** For each token, the unit it belongs to. */
  readonly unitOfToken: number[];
  /** Units as half-open token ranges. */
  readonly units: ReadonlyArray<readonly [number, number]>;
}

export function buildContext(doc: Doc, quotes: readonly QuoteSpan[]): QuoteContext {
  const n = doc.tokens.length;
  // Plain arrays: typed arrays of an article's size get their memory outside the JS heap, and
  // allocating two per article cost more than any time saved reading them.
  const quoteOfToken = new Array<number>(n).fill(-1);
  const quoteTokens: Array<[number, number]> = [];
  // One forward walk (a binary search per quote measured slower: scattered token reads).
  const tokens = doc.tokens;
  let k = 0;
  for (let q = 0; q < quotes.length; q++) {
    const { open, close } = quotes[q];
    while (k < n && tokens[k].end <= open) k++;
    const first = k;
    while (k < n && tokens[k].start < close) k++;
    quoteOfToken.fill(q, first, k);
    quoteTokens.push([first, k]);
  }

  // Merge wink sentences whenever a quote spans their boundary.
  const unitOfToken = new Array<number>(n).fill(-1);
  const units: Array<[number, number]> = [];
  for (const s of doc.sentences) {
    const last = units[units.length - 1];
    // Also undo splits the tokenizer makes inside a sentence ("at 2.15am", "e.g. the"): no space
    // before the next "sentence", or it starts in lower case.
    const glued = last !== undefined && doc.sentences[s.index - 1]?.paragraph === s.paragraph &&
      (doc.tokens[last[1] - 1].end === s.start || /^[\p{Ll}\d]/u.test(doc.text[s.start]));
    if (last !== undefined && (s.start < unitReach(doc, last, quotes) || glued)) last[1] = s.tokenEnd;
    else units.push([s.tokenStart, s.tokenEnd]);
  }
  for (let u = 0; u < units.length; u++) unitOfToken.fill(u, units[u][0], units[u][1]);
  return { doc, quotes, quoteOfToken, quoteTokens, unitOfToken, units };
}

/** The furthest closing offset of a quote that opens inside `unit` (or its end when none runs on). */
function unitReach(doc: Doc, unit: readonly [number, number], quotes: readonly QuoteSpan[]): number {
  const lastTok = doc.tokens[unit[1] - 1];
  // A quote that opened before the unit's end and closes after it keeps the unit open.
  const q = lastOpenBefore(quotes, lastTok.end);
  return q && q.close > lastTok.end ? q.close : lastTok.end;
}

/** The quote with the greatest `open` below `offset` (binary search). */
function lastOpenBefore(quotes: readonly QuoteSpan[], offset: number): QuoteSpan | undefined {
  let lo = 0;
  let hi = quotes.length - 1;
  let best: QuoteSpan | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (quotes[mid].open < offset) {
      best = quotes[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

export const lower = (t: Token | undefined): string => (t ? t.text.toLowerCase() : '');
export const isCapitalised = (t: Token | undefined): boolean => !!t && startsUpper(t.text);

const FIRST_UPPER = /^\p{Lu}/u;

/** `/^\p{Lu}/u.test(s)`, without the regex call when `s` opens with an ASCII character (nearly always). */
export function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return FIRST_UPPER.test(s);
}

/** The characters of the regex class `\s` (and of what `trim()` removes), by UTF-16 code. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * True when `s` has at most `max` words, a word being a run of non-space
 * characters (so `s.trim().split(/\s+/).filter(Boolean).length <= max`),
 * counted only as far as `max + 1`: quotes run to hundreds of words.
 */
export function hasAtMostWords(s: string, max: number): boolean {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    if (isSpaceCode(s.charCodeAt(i))) inWord = false;
    else if (!inWord) {
      inWord = true;
      if (++count > max) return false;
    }
  }
  return true;
}
