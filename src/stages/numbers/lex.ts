/**
 * A small lexer of our own for the number and money stages. wink's tokens
 * split amounts in places that differ by context ("$10bn" → "$" "10" "bn",
 * "10:30" kept whole); here every digit run, letter run and other visible
 * character is its own token, and `gap` records whether whitespace came
 * before, so the grammar decides what joins ("6,000", "7.7bn", "two-day").
 * Lines are separate segments: nothing joins across a line break.
 */
export interface Tok {
  /** Exact text. */
  readonly s: string;
  /** Lower-cased text. */
  readonly lo: string;
  readonly start: number;
  readonly end: number;
  /** d: digits, w: letters, p: anything else (one character). */
  readonly t: 'd' | 'w' | 'p';
  /** Whitespace (or the segment start) comes right before. */
  readonly gap: boolean;
  /** Carries a value: a digit run, or a word or symbol in VALUE_MARKS. */
  readonly v: boolean;
}

/**
 * A set of words and of symbols with a cheap filter in front, for lookups
 * made on (nearly) every token. Words are compared exactly as given.
 */
export class TokenMarks {
  readonly words = new Set<string>();
  readonly symbols = new Set<string>();
  /**
   * By the first two characters (low 5 bits of each, enough to tell letters
   * apart): the lengths of the words starting so (bit n for length n, bit 0
   * for any length over 31); by the low byte of the first character, whether
   * a symbol may start with it. Most words fail this before the Set lookup,
   * which would have to hash the fresh string. Kept small (4 KB) so it stays
   * in cache between the other stages' work. Rebuilt whenever the sets grow.
   */
  private readonly wordLengths = new Uint32Array(1 << 10);
  /** By the last character (low 5 bits): the lengths of the words ending so ("the" passes the first table for "thb"). */
  private readonly endLengths = new Uint32Array(32);
  private readonly symbolStarts = new Uint8Array(256);
  private builtFor = -1;

  refresh(): void {
    const size = this.words.size + this.symbols.size;
    if (size === this.builtFor) return;
    this.wordLengths.fill(0);
    this.endLengths.fill(0);
    this.symbolStarts.fill(0);
    for (const w of this.words) {
      const bit = w.length < 32 ? 1 << w.length : 1;
      this.wordLengths[prefixKey(w)] |= bit;
      this.endLengths[w.charCodeAt(w.length - 1) & 31] |= bit;
    }
    for (const x of this.symbols) this.symbolStarts[x.charCodeAt(0) & 0xff] = 1;
    this.builtFor = size;
  }

  hasWord(lo: string): boolean {
    const n = lo.length;
    const lengths = this.wordLengths[prefixKey(lo)] & this.endLengths[lo.charCodeAt(n - 1) & 31];
    if (lengths === 0) return false;
    return ((lengths & 1) !== 0 || (n < 32 && ((lengths >>> n) & 1) !== 0)) && this.words.has(lo);
  }

  /** `first` is s.charCodeAt(0). */
  hasSymbol(first: number, s: string): boolean {
    return this.symbolStarts[first & 0xff] === 1 && this.symbols.has(s);
  }
}

/** The first two characters folded into 10 bits (a one-letter word's missing second one gives 0). */
function prefixKey(w: string): number {
  // (Reading past the end of a string is a slow path in V8, so one-letter words are tested first.)
  return ((w.charCodeAt(0) & 31) << 5) | (w.length > 1 ? w.charCodeAt(1) & 31 : 0);
}

/**
 * Words and symbols that carry a value (number words, vulgar fractions),
 * filled in at load time by the grammar and the stages from their own
 * tables. Marking them while lexing, with the string fresh at hand, saves
 * both stages looking every word up again.
 */
export const VALUE_MARKS = new TokenMarks();

const LETTER = /[\p{L}\p{M}]/u;
const SPACE = /\s/;

/**
 * Per code unit above ASCII: 1 yes, 2 no, 0 not asked yet. News text is full
 * of ’ “ ” — right after words, and a regex test per occurrence (with a
 * fresh one-character string) cost more than the rest of the scan.
 */
const letterOrMark = new Uint8Array(0x10000);
const whitespace = new Uint8Array(0x10000);

function isLetterOrMark(c: number): boolean {
  let known = letterOrMark[c];
  if (known === 0) letterOrMark[c] = known = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

function isWhitespace(c: number): boolean {
  let known = whitespace[c];
  if (known === 0) whitespace[c] = known = SPACE.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

/** Tokens of `text`, one array per line (a hand-rolled scanner: this runs on every article). */
export function lex(text: string): Tok[][] {
  VALUE_MARKS.refresh();
  const segments: Tok[][] = [];
  let seg: Tok[] = [];
  let gap = true;
  let k = 0;
  const n = text.length;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9) {
      gap = true;
      k++;
      continue;
    }
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      if (seg.length > 0) segments.push(seg);
      seg = [];
      gap = true;
      k++;
      continue;
    }
    const start = k;
    let t: Tok['t'];
    // Most words are already lower case: lower-casing only the others saves a string per token.
    let cased = false;
    if (c >= 48 && c <= 57) {
      t = 'd';
      k++;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d < 48 || d > 57) break;
        k++;
      }
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 128 && isLetterOrMark(c))) {
      t = 'w';
      cased = c < 97 || c > 122;
      k++;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d >= 97 && d <= 122) k++;
        else if (d >= 65 && d <= 90) {
          cased = true;
          k++;
        } else if (d >= 128 && !(d >= 0xd800 && d <= 0xdfff) && isLetterOrMark(d)) {
          cased = true;
          k++;
        } else break;
      }
    } else {
      if (c >= 128 && isWhitespace(c)) {
        gap = true;
        k++;
        continue;
      }
      t = 'p';
      k += c >= 0xd800 && c <= 0xdbff && k + 1 < n ? 2 : 1;
    }
    const s = text.slice(start, k);
    const lo = cased ? s.toLowerCase() : s;
    const v = t === 'd' || (t === 'w' ? VALUE_MARKS.hasWord(lo) : VALUE_MARKS.hasSymbol(c, s));
    seg.push({ s, lo, start, end: k, t, gap: gap || seg.length === 0, v });
    gap = false;
  }
  if (seg.length > 0) segments.push(seg);
  return segments;
}

/**
 * A lookup table without a prototype, so words such as "constructor" or
 * "toString" in an article are never mistaken for entries.
 */
export function dict<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/**
 * Where a Doc's tokens are kept for the second stage that asks: a property
 * under a symbol of this module's own, set on the Doc object (as spaCy's
 * components keep their data on the Doc, Doc.user_data). It lives and dies
 * with the Doc, costs the collector nothing more, and survives a batch
 * (pipeline.ts, extractBatch), where every article's numbers run before any
 * article's money: remembering only the last Doc lexed, as this did, lexed
 * every article twice there. A WeakMap of Docs cost more in garbage
 * collection than the lexing it saved.
 */
const LEXED = Symbol('quarry.lexed');

/**
 * The tokens of a Doc's text, lexed once and shared by the numbers and money
 * stages (the token arrays are never mutated).
 */
export function lexDoc(doc: { readonly text: string }): Tok[][] {
  const memo = doc as { [LEXED]?: Tok[][] };
  return (memo[LEXED] ??= lex(doc.text));
}
