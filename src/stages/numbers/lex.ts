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
  /** Carries a value: a digit run, or a word or symbol in VALUE_WORDS / VALUE_SYMBOLS. */
  readonly v: boolean;
}

/**
 * Words (lower case) and symbols that carry a value, filled in at load time by
 * the grammar (parse.ts) and the stages from their own tables. Marking them
 * while lexing lets both stages jump to the next value token instead of
 * looking every word up again.
 */
export const VALUE_WORDS = new Set<string>();
export const VALUE_SYMBOLS = new Set<string>();

/**
 * By first character: the lengths of the value words starting with it (bit n
 * for length n, bit 0 for any length over 31), and whether a value symbol
 * starts with it. Most words fail this before the Set lookup, which would
 * have to hash the fresh string. Rebuilt whenever the sets have grown.
 */
const wordLengths = new Uint32Array(0x10000);
const symbolStarts = new Uint8Array(0x10000);
let filterBuiltFor = -1;

function refreshValueFilter(): void {
  const size = VALUE_WORDS.size + VALUE_SYMBOLS.size;
  if (size === filterBuiltFor) return;
  wordLengths.fill(0);
  symbolStarts.fill(0);
  for (const w of VALUE_WORDS) wordLengths[w.charCodeAt(0)] |= w.length < 32 ? 1 << w.length : 1;
  for (const x of VALUE_SYMBOLS) symbolStarts[x.charCodeAt(0)] = 1;
  filterBuiltFor = size;
}

function isValueWord(lo: string): boolean {
  const lengths = wordLengths[lo.charCodeAt(0)];
  if (lengths === 0) return false;
  const n = lo.length;
  return ((lengths & 1) !== 0 || (n < 32 && ((lengths >>> n) & 1) !== 0)) && VALUE_WORDS.has(lo);
}

const LETTER = /[\p{L}\p{M}]/u;
const SPACE = /\s/;

/** Tokens of `text`, one array per line (a hand-rolled scanner: this runs on every article). */
export function lex(text: string): Tok[][] {
  refreshValueFilter();
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
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 128 && LETTER.test(text[k]))) {
      t = 'w';
      cased = c < 97 || c > 122;
      k++;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d >= 97 && d <= 122) k++;
        else if (d >= 65 && d <= 90) {
          cased = true;
          k++;
        } else if (d >= 128 && !(d >= 0xd800 && d <= 0xdfff) && LETTER.test(text[k])) {
          cased = true;
          k++;
        } else break;
      }
    } else {
      if (c >= 128 && SPACE.test(text[k])) {
        gap = true;
        k++;
        continue;
      }
      t = 'p';
      k += c >= 0xd800 && c <= 0xdbff && k + 1 < n ? 2 : 1;
    }
    const s = text.slice(start, k);
    const lo = cased ? s.toLowerCase() : s;
    const v = t === 'd' || (t === 'w' ? isValueWord(lo) : symbolStarts[c] === 1 && VALUE_SYMBOLS.has(s));
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
 * The last Doc lexed and its tokens. The numbers and money stages run one
 * after the other on the same Doc, so remembering one Doc is enough; a
 * WeakMap of every Doc cost more in garbage collection than the lexing it saved.
 */
let lastDoc: object | undefined;
let lastSegs: Tok[][] = [];

/**
 * The tokens of a Doc's text, lexed once and shared by the numbers and money
 * stages (the token arrays are never mutated).
 */
export function lexDoc(doc: { readonly text: string }): Tok[][] {
  if (doc !== lastDoc) {
    lastSegs = lex(doc.text);
    lastDoc = doc;
  }
  return lastSegs;
}
