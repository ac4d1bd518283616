/**
 * The shared number grammar for the numbers and money stages: digits with
 * separators, number words, magnitudes, fractions, ordinals and qualifiers,
 * read from the lexer's tokens. Values are exact rationals (rational.ts).
 */
import type { Qualifier } from '../../../schemas/record.ts';
import { dict, TokenMarks, VALUE_MARKS, type Tok } from './lex.ts';
import { add, div, fromDecimal, int, mul, neg, pow10, q, toNumber, type Q } from './rational.ts';

export type CoreKind = 'cardinal' | 'ordinal' | 'fraction';

/** One number expression: tokens [i, j), its value and how it was written. */
export interface Core {
  i: number;
  j: number;
  value: Q;
  kind: CoreKind;
  /** Written with digits (as opposed to words). */
  digits: boolean;
  /** The bare digit run when the number is a plain integer without separators, sign or suffix ("2024"). */
  plain: string | null;
  /** A magnitude word or suffix was applied ("1.5 million", "7.7bn"). */
  mag: boolean;
}

export const UNIT: Record<string, number> = dict({
  zero: 0, nought: 0, naught: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
});
export const TEEN: Record<string, number> = dict({
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
});
export const TENS: Record<string, number> = dict({
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
/** Scale words; lakh and crore are the Indian 10^5 and 10^7. */
export const SCALE: Record<string, number> = dict({
  thousand: 3, million: 6, billion: 9, trillion: 12, quadrillion: 15,
  lakh: 5, lakhs: 5, lac: 5, lacs: 5, crore: 7, crores: 7,
});
const ORD_UNIT: Record<string, number> = dict({
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
});
const ORD_TEEN: Record<string, number> = dict({
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19,
});
const ORD_TENS: Record<string, number> = dict({
  twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80,
  ninetieth: 90,
});
const ORD_SCALE: Record<string, number> = dict({ hundredth: 2, thousandth: 3, millionth: 6, billionth: 9, trillionth: 12 });
/** Denominators: singular ("a third", "one quarter") and plural ("two thirds"). */
const DENOM_SING: Record<string, number> = dict({
  half: 2, third: 3, quarter: 4, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, twelfth: 12, sixteenth: 16, twentieth: 20, hundredth: 100, thousandth: 1000, millionth: 1000000,
  billionth: 1e9, trillionth: 1e12,
});
const DENOM_PLUR: Record<string, number> = dict({
  halves: 2, thirds: 3, quarters: 4, fourths: 4, fifths: 5, sixths: 6, sevenths: 7, eighths: 8, ninths: 9,
  tenths: 10, twelfths: 12, sixteenths: 16, twentieths: 20, hundredths: 100, thousandths: 1000, millionths: 1e6,
  billionths: 1e9, trillionths: 1e12,
});
/** Unicode vulgar fractions. */
export const VULGAR: Record<string, [number, number]> = dict({
  '½': [1, 2], '⅓': [1, 3], '⅔': [2, 3], '¼': [1, 4], '¾': [3, 4], '⅕': [1, 5], '⅖': [2, 5], '⅗': [3, 5],
  '⅘': [4, 5], '⅙': [1, 6], '⅚': [5, 6], '⅛': [1, 8], '⅜': [3, 8], '⅝': [5, 8], '⅞': [7, 8], '⅐': [1, 7],
  '⅑': [1, 9], '⅒': [1, 10],
});
/** Magnitude abbreviations written right after digits ("10k", "7.7bn", "1.15m"). */
const ABBREV_ATTACHED: Record<string, number> = dict({
  k: 3, mn: 6, mln: 6, mil: 6, mio: 6, bn: 9, bln: 9, tn: 12, trn: 12, tr: 12,
});
/** Abbreviations also accepted after a space ("$ 75 mn", Recognizers' "- 10  k"). */
const ABBREV_SPACED: Record<string, number> = dict({ k: 3, mn: 6, mln: 6, bn: 9, bln: 9, tn: 12, trn: 12 });
/**
 * Words after "10m" that make the m a metre, not a million ("a 100m sprint",
 * "10m high"); in money the m is always a million.
 */
const METRE_CONTEXT = new Set([
  'tall', 'high', 'long', 'deep', 'wide', 'away', 'sprint', 'race', 'hurdles', 'freestyle', 'backstroke',
  'breaststroke', 'butterfly', 'relay', 'final', 'dash', 'above', 'below', 'from', 'metres', 'meters',
  'radius', 'square', 'sq', 'x', 'by', 'run', 'swim', 'medley', 'platform', 'springboard', 'title', 'record',
  'gold', 'silver', 'bronze', 'heat', 'semi',
]);

export interface ParseOptions {
  /** Money context: "m" and "b" after a number are always million/billion. */
  money?: boolean;
}

function w(seg: Tok[], k: number): string | undefined {
  const t = seg[k];
  return t && t.t === 'w' ? t.lo : undefined;
}

/** Token k exists and touches the previous one (no whitespace between). */
export function attached(seg: Tok[], k: number): boolean {
  const t = seg[k];
  return t !== undefined && !t.gap;
}

function sameSpaceGap(seg: Tok[], k: number, text?: string): boolean {
  void text;
  const a = seg[k - 1];
  const b = seg[k];
  return !!a && !!b && b.gap && b.start - a.end === 1;
}

/** True when token t could begin a number expression (number word, qualifier, sign, digit). */
export function mayStartNumber(t: Tok): boolean {
  if (t.t === 'd') return true;
  // Built on first use: the qualifier table is defined further down. Behind TokenMarks' filter most words are ruled out unhashed.
  const starts = STARTS ?? buildStarts();
  return t.t === 'w' ? starts.hasWord(t.lo) : starts.hasSymbol(t.s.charCodeAt(0), t.s);
}
let STARTS: TokenMarks | undefined;
function buildStarts(): TokenMarks {
  const marks = new TokenMarks();
  for (const word of [...WORD_STARTS, ...QUALIFIER_INDEX.keys(), ...EXTRA_STARTS]) marks.words.add(word);
  for (const symbol of ['-', '−', '+', '.', '~', '>', '<', '≥', '≤', '’', "'", ...Object.keys(VULGAR)]) marks.symbols.add(symbol);
  marks.refresh();
  return (STARTS = marks);
}
const EXTRA_STARTS = new Set(['between', 'several', 'few', 'minus', 'negative', 'dozens', 'hundreds', 'thousands', 'millions', 'billions', 'trillions', 'tens', 'scores', 'lakhs', 'crores']);

// Every number or amount the grammar reads holds a digit run, a vulgar
// fraction or one of these words; everything else ("a", "more than",
// "between", signs, currency prefixes) only leads up to one a few tokens
// ahead, so the stages jump over stretches with no value token near.
for (const table of [UNIT, TEEN, TENS, SCALE, ORD_UNIT, ORD_TEEN, ORD_TENS, ORD_SCALE, DENOM_SING, DENOM_PLUR]) {
  for (const word of Object.keys(table)) VALUE_MARKS.words.add(word);
}
for (const word of ['hundred', 'dozen', 'half', 'couple']) VALUE_MARKS.words.add(word);
for (const symbol of Object.keys(VULGAR)) VALUE_MARKS.symbols.add(symbol);

/** Index of the first token at or after k that carries a value (Tok.v), or seg.length. */
export function nextValueToken(seg: Tok[], k: number): number {
  while (k < seg.length && !seg[k].v) k++;
  return k;
}

/**
 * How the number and money stages walk a segment: `tryAt(seg, i, state)` is
 * called at each token from which a match could reach a value token (at most
 * `reach` tokens before the next one: the stage's longest lead-up, its
 * REACH), and returns where to go on: past its match, or further on. The
 * stage's per-article data travels in `state`, so that `tryAt` can be a
 * module-level function rather than a closure made per article (README,
 * Design).
 */
export function scanNearValues<S>(seg: Tok[], reach: number, tryAt: (seg: Tok[], i: number, state: S) => number, state: S): void {
  let i = 0;
  let next = -1;
  while (i < seg.length) {
    if (next < i) {
      next = nextValueToken(seg, i);
      if (next === seg.length) break;
    }
    if (i < next - reach) i = next - reach;
    i = tryAt(seg, i, state);
  }
}

export interface DigitLiteral {
  j: number;
  value: Q;
  plain: string | null;
  /** "1.2.3", "192.168.1.1": a version or address, not a quantity. */
  dotted: boolean;
}

/**
 * Digits at token k: "6,000", "6 000", "1.5", ".5", "6 . 2" (Recognizers'
 * tokenised style), "1e10". The caller handles signs.
 */
export function parseDigitLiteral(seg: Tok[], k: number): DigitLiteral | null {
  const t = seg[k];
  if (!t) return null;
  let intDigits = '';
  let frac = '';
  let j = k;
  let plain: string | null = null;
  if (t.t === 'p' && t.s === '.' && seg[k + 1]?.t === 'd' && attached(seg, k + 1) && !(k > 0 && seg[k - 1].t === 'd' && !t.gap)) {
    frac = seg[k + 1].s;
    j = k + 2;
  } else if (t.t === 'd') {
    intDigits = t.s;
    j = k + 1;
    let grouped = false;
    if (t.s.length <= 3) {
      // Thousands separators: only groups of exactly three digits.
      // At most six groups (10^21): longer runs are not amounts, and bounding them keeps every scan linear.
      while (j - k < 12 && seg[j]?.s === ',' && attached(seg, j) && seg[j + 1]?.t === 'd' && seg[j + 1].s.length === 3 && attached(seg, j + 1)) {
        intDigits += seg[j + 1].s;
        j += 2;
        grouped = true;
      }
      // "6 000": a single space before a group of exactly three digits (SI style).
      if (!grouped && !(k > 0 && seg[k - 1].t === 'd')) {
        while (j - k < 7 && seg[j]?.t === 'd' && seg[j].s.length === 3 && sameSpaceGap(seg, j) && !(seg[j + 1]?.s === '/' || seg[j + 1]?.s === ':')) {
          intDigits += seg[j].s;
          j += 1;
          grouped = true;
        }
      }
    }
    if (seg[j]?.s === '.' && attached(seg, j) && seg[j + 1]?.t === 'd' && attached(seg, j + 1)) {
      frac = seg[j + 1].s;
      j += 2;
      if (seg[j]?.s === '.' && attached(seg, j) && seg[j + 1]?.t === 'd' && attached(seg, j + 1)) {
        while (seg[j]?.s === '.' && attached(seg, j) && seg[j + 1]?.t === 'd' && attached(seg, j + 1)) j += 2;
        return { j, value: fromDecimal(intDigits, frac), plain: null, dotted: true };
      }
    } else if (!grouped && seg[j]?.s === '.' && seg[j].gap && seg[j].start - seg[j - 1].end === 1 && seg[j + 1]?.t === 'd' && sameSpaceGap(seg, j + 1)) {
      // Recognizers' tokenised text writes 6.2 as "6 . 2".
      frac = seg[j + 1].s;
      j += 2;
    }
    if (!grouped && !frac) plain = intDigits;
  } else {
    return null;
  }
  let value = fromDecimal(intDigits, frac);
  // Scientific notation "1e10", "2.5e-3".
  if ((seg[j]?.lo === 'e') && attached(seg, j)) {
    let e = j + 1;
    let sign = 1;
    if ((seg[e]?.s === '-' || seg[e]?.s === '+') && attached(seg, e)) {
      sign = seg[e].s === '-' ? -1 : 1;
      e++;
    }
    if (seg[e]?.t === 'd' && attached(seg, e) && seg[e].s.length <= 3 && Number(seg[e].s) <= 300) {
      value = mul(value, pow10(sign * Number(seg[e].s)));
      j = e + 1;
      plain = null;
    }
  }
  return { j, value, plain, dotted: false };
}

/** Words a number phrase can start with; everything else is rejected at once. */
const WORD_STARTS = new Set<string>([
  'a', 'an', 'half', 'hundredth', 'thousandth', 'millionth', 'billionth',
]);
function addStarts(...tables: Record<string, unknown>[]) {
  for (const t of tables) for (const key of Object.keys(t)) WORD_STARTS.add(key);
}
addStarts(UNIT, TEEN, TENS, ORD_UNIT, ORD_TEEN, ORD_TENS);

interface WordsResult {
  j: number;
  value: Q;
  kind: CoreKind;
  mag: boolean;
}

/** The exact decimal that JavaScript prints for x (finite x), as a rational. */
function fromDouble(x: number): Q {
  if (!Number.isFinite(x)) return q(10n ** 400n);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return q(0n);
  let v = mul(fromDecimal(m[2], m[3] ?? ''), pow10(Number(m[4] ?? 0)));
  if (m[1]) v = neg(v);
  return v;
}

/** A fraction word phrase after "and" ("a half", "three quarters") at k. */
function andFraction(seg: Tok[], k: number): { j: number; value: Q } | null {
  const a = w(seg, k);
  const b = w(seg, k + 1);
  if (!a || !b) return null;
  if ((a === 'a' || a === 'an' || a === 'one') && DENOM_SING[b] && b !== 'second') {
    return { j: k + 2, value: q(1n, BigInt(DENOM_SING[b])) };
  }
  if (UNIT[a] !== undefined && DENOM_PLUR[b]) return { j: k + 2, value: q(BigInt(UNIT[a]), BigInt(DENOM_PLUR[b])) };
  if (UNIT[a] !== undefined && seg[k + 1]?.s === '-' && attached(seg, k + 1) && DENOM_PLUR[w(seg, k + 2) ?? '']) {
    return { j: k + 3, value: q(BigInt(UNIT[a]), BigInt(DENOM_PLUR[w(seg, k + 2)!])) };
  }
  return null;
}

/** Words after which "a third" is a fraction, not an ordinal ("a third of", "a quarter more"). */
const AFTER_FRACTION = new Set([
  'of', 'more', 'less', 'fewer', 'as', 'than', 'and', 'or', 'to', 'in', 'on', 'at', 'for', 'is', 'was', 'were',
  'are', 'has', 'had', 'have', 'since', 'from', 'said', 'say', 'say,', 'off', 'down', 'up',
]);

/** Scales after a fractional words value: "three and a half million", "one point five billion". */
function trailingScale(seg: Tok[], k: number, value: Q): { j: number; value: Q; mag: boolean } {
  const s = w(seg, k);
  if (s === 'hundred') return { j: k + 1, value: mul(value, pow10(2)), mag: true };
  if (s && SCALE[s] !== undefined) return { j: k + 1, value: mul(value, pow10(SCALE[s])), mag: true };
  return { j: k, value, mag: false };
}

/** Number words starting at token i ("twenty-one", "a hundred", "three and a half", "half a million"). */
export function parseWords(seg: Tok[], i: number): WordsResult | null {
  let k = i;
  const first = w(seg, k);
  if (!first || !WORD_STARTS.has(first)) return null;
  let total = 0n;
  let cur = 0n;
  type Last = 'none' | 'unit' | 'teen' | 'tens' | 'tensunit' | 'hundred' | 'scale' | 'dozen';
  let last: Last = 'none';
  let lastScale = 99;
  let end = k;
  if (first === 'a' || first === 'an') {
    const n = w(seg, k + 1);
    if (!n) return null;
    if (first === 'a' && (n === 'hundred' || n === 'dozen' || SCALE[n] !== undefined)) {
      cur = 1n;
      last = 'unit';
      k += 1;
    } else if (DENOM_SING[n] && n !== 'second') {
      const after = seg[k + 2];
      const isFraction = n === 'half' || n === 'quarter' || !after || after.t !== 'w' || AFTER_FRACTION.has(after.lo);
      if (!isFraction) return null;
      const t = trailingScale(seg, k + 2, q(1n, BigInt(DENOM_SING[n])));
      return { j: t.j, value: t.value, kind: t.mag ? 'cardinal' : 'fraction', mag: t.mag };
    } else if (first === 'a' && n === 'couple' && w(seg, k + 2) === 'of') {
      return { j: k + 2, value: int(2), kind: 'cardinal', mag: false };
    } else {
      return null;
    }
  } else if (first === 'half') {
    const a = w(seg, k + 1);
    const s = w(seg, k + 2);
    if ((a === 'a' || a === 'an') && s) {
      if (s === 'dozen') return { j: k + 3, value: int(6), kind: 'cardinal', mag: false };
      if (s === 'hundred') return { j: k + 3, value: int(50), kind: 'cardinal', mag: true };
      if (SCALE[s] !== undefined) return { j: k + 3, value: div(pow10(SCALE[s]), int(2)), kind: 'cardinal', mag: true };
    }
    if (a === 'of' || a === 'the' || a === 'their' || a === 'its' || a === 'his' || a === 'her' || a === 'our' || a === 'all') return { j: k + 1, value: q(1n, 2n), kind: 'fraction', mag: false };
    return null;
  }
  let kind: CoreKind = 'cardinal';
  let value: Q | null = null;
  let mag = false;
  while (k < seg.length) {
    const t = seg[k];
    if (t.t === 'p') {
      // "twenty-one", "twenty-first", "two-thirds"
      const nx = w(seg, k + 1);
      if (t.s === '-' && !t.gap && attached(seg, k + 1) && nx) {
        if (last === 'tens' && (UNIT[nx] !== undefined || ORD_UNIT[nx] !== undefined)) { k++; continue; }
        if ((last === 'unit' || last === 'teen' || last === 'tens' || last === 'tensunit') && DENOM_PLUR[nx]) { k++; continue; }
        if (last === 'unit' && cur === 1n && DENOM_SING[nx] && nx !== 'second') { k++; continue; }
      }
      break;
    }
    if (t.t !== 'w') break;
    const lo = t.lo;
    if (UNIT[lo] !== undefined && (last === 'none' || last === 'tens' || last === 'hundred' || last === 'scale')) {
      if (lo === 'zero' && last !== 'none') break;
      cur += BigInt(UNIT[lo]);
      last = last === 'tens' ? 'tensunit' : 'unit';
      end = ++k;
      continue;
    }
    if (TEEN[lo] !== undefined && (last === 'none' || last === 'hundred' || last === 'scale')) {
      cur += BigInt(TEEN[lo]);
      last = 'teen';
      end = ++k;
      continue;
    }
    if (TENS[lo] !== undefined && (last === 'none' || last === 'hundred' || last === 'scale')) {
      cur += BigInt(TENS[lo]);
      last = 'tens';
      end = ++k;
      continue;
    }
    if (lo === 'hundred' && (last === 'unit' || last === 'teen' || last === 'tens' || last === 'tensunit') && cur < 100n) {
      cur *= 100n;
      last = 'hundred';
      mag = true;
      end = ++k;
      continue;
    }
    if (SCALE[lo] !== undefined && last !== 'none' && last !== 'dozen' && SCALE[lo] < lastScale && (cur > 0n)) {
      total += cur * 10n ** BigInt(SCALE[lo]);
      cur = 0n;
      last = 'scale';
      lastScale = SCALE[lo];
      mag = true;
      end = ++k;
      continue;
    }
    if (lo === 'dozen' && (last === 'unit' || last === 'teen' || last === 'tens' || last === 'tensunit')) {
      cur *= 12n;
      last = 'dozen';
      end = ++k;
      continue;
    }
    if (lo === 'and' && (last === 'hundred' || last === 'scale')) {
      const nx = w(seg, k + 1);
      if (nx && (UNIT[nx] !== undefined || TEEN[nx] !== undefined || TENS[nx] !== undefined || ORD_UNIT[nx] || ORD_TEEN[nx] || ORD_TENS[nx])) {
        if (UNIT[nx] !== undefined && DENOM_PLUR[w(seg, k + 2) ?? '']) break; // "a hundred and two thirds" is a fraction add-on
        k++;
        continue;
      }
      break;
    }
    // Ordinals end the phrase: "first", "twenty-first", "one hundred and first".
    if (ORD_UNIT[lo] !== undefined && (last === 'none' || last === 'tens' || last === 'hundred' || last === 'scale')) {
      cur += BigInt(ORD_UNIT[lo]);
      kind = 'ordinal';
      end = ++k;
      break;
    }
    if ((ORD_TEEN[lo] !== undefined || ORD_TENS[lo] !== undefined) && (last === 'none' || last === 'hundred' || last === 'scale')) {
      cur += BigInt(ORD_TEEN[lo] ?? ORD_TENS[lo]);
      kind = 'ordinal';
      end = ++k;
      break;
    }
    // Fractions: "two thirds", "one quarter", "three-fifths".
    if ((((last === 'unit' || last === 'teen' || last === 'tens' || last === 'tensunit') &&
        (DENOM_PLUR[lo] || (DENOM_SING[lo] && cur === 1n && lo !== 'second'))) ||
        ((last === 'hundred' || last === 'scale') && DENOM_PLUR[lo]))) {
      value = last === 'scale' ? q(total + cur, BigInt(DENOM_PLUR[lo])) : add(int(total), q(cur, BigInt(DENOM_PLUR[lo] ?? DENOM_SING[lo])));
      kind = 'fraction';
      end = ++k;
      const t2 = trailingScale(seg, end, value);
      if (t2.mag) return { j: t2.j, value: t2.value, kind: 'cardinal', mag: true };
      return { j: end, value, kind, mag };
    }
    if (ORD_SCALE[lo] !== undefined && last === 'none') {
      cur = 10n ** BigInt(ORD_SCALE[lo]);
      kind = 'ordinal';
      end = ++k;
      break;
    }
    if (ORD_SCALE[lo] !== undefined && (last === 'unit' || last === 'teen' || last === 'tens' || last === 'tensunit')) {
      cur *= 10n ** BigInt(ORD_SCALE[lo]);
      kind = 'ordinal';
      end = ++k;
      break;
    }
    if (lo === 'point' && last !== 'none' && last !== 'dozen') {
      let m = k + 1;
      let digits = '';
      while (UNIT[w(seg, m) ?? ''] !== undefined) digits += String(UNIT[w(seg, m)!]), m++;
      if (!digits) break;
      const base = total + cur;
      const t2 = trailingScale(seg, m, fromDecimal(base.toString(), digits));
      return { j: t2.j, value: t2.value, kind: 'cardinal', mag: mag || t2.mag };
    }
    break;
  }
  if (last === 'none' && kind !== 'ordinal') return null;
  value = int(total + cur);
  if (kind === 'cardinal') {
    // "three and a half", "one hundred and three and two thirds", then "million".
    if (w(seg, end) === 'and') {
      const f = andFraction(seg, end + 1);
      if (f) {
        const t2 = trailingScale(seg, f.j, add(value, f.value));
        return { j: t2.j, value: t2.value, kind: 'cardinal', mag: mag || t2.mag };
      }
    }
  }
  return { j: end, value, kind, mag };
}

export interface CoreOptions extends ParseOptions {}

/**
 * Magnitudes after a digit literal ending at j: "million", "bn", "k",
 * "3 hundred thousand", "40 lakh crore".
 */
function digitMagnitude(seg: Tok[], j: number, value: Q, opts: ParseOptions): { j: number; value: Q; mag: boolean } {
  let mag = false;
  let lastExp = 99;
  for (let round = 0; round < 3; round++) {
    // "a $10-million grant", "a 1.5-billion-euro deal"
    if (round === 0 && seg[j]?.s === '-' && !seg[j].gap && seg[j + 1]?.t === 'w' && attached(seg, j + 1) &&
        (SCALE[seg[j + 1].lo] !== undefined || seg[j + 1].lo === 'hundred')) {
      const e = SCALE[seg[j + 1].lo] ?? 2;
      value = mul(value, pow10(e));
      lastExp = e;
      mag = true;
      j += 2;
      continue;
    }
    const t = seg[j];
    if (!t || t.t !== 'w') break;
    const lo = t.lo;
    let exp: number | undefined;
    if (!t.gap) {
      exp = ABBREV_ATTACHED[lo] ?? SCALE[lo] ?? (lo === 'hundred' ? 2 : undefined);
      if (exp === undefined && (t.s === 'm' || t.s === 'M')) {
        const after = seg[j + 1];
        // "the 100m in 9.83 seconds": after "the", an m not followed by a counted plural is a distance.
        const afterThe = seg[j - 2]?.lo === 'the' && !(after && after.t === 'w' && after.gap && (after.lo.endsWith('s') || after.lo === 'people' || after.lo === 'of'));
        const metre = !opts.money && ((after && ((after.s === '-' && !after.gap) || (after.t === 'w' && METRE_CONTEXT.has(after.lo)))) || afterThe);
        if (!metre) exp = 6;
      }
      if (exp === undefined && opts.money && (t.s === 'b' || t.s === 'B' || t.s === 'BN')) exp = 9;
      if (exp === undefined && opts.money && (t.s === 'K')) exp = 3;
      // Recognizers' "10G" (giga); one-digit "5G"/"4G" are network generations, handled by the caller.
      if (exp === undefined && t.s === 'G' && seg[j - 1]?.t === 'd' && seg[j - 1].s.length >= 2 && !(seg[j + 1]?.t === 'w' && !seg[j + 1].gap)) exp = 9;
      if (exp === undefined) break;
    } else {
      exp = SCALE[lo] ?? (lo === 'hundred' ? 2 : undefined) ?? ABBREV_SPACED[lo];
      if (exp === undefined && opts.money && (lo === 'm' || lo === 'b')) {
        const after = seg[j + 1];
        if (!after || after.t !== 'w' || !/^[a-z]/.test(after.s) || after.lo === 'in' || after.lo === 'of' || after.lo === 'a') exp = lo === 'm' ? 6 : 9;
      }
      if (exp === undefined) {
        if (lo === 'dozen' && round === 0) {
          value = mul(value, int(12));
          j++;
          continue;
        }
        break;
      }
    }
    if (exp >= lastExp && !(lastExp === 5 && exp === 7)) break;
    value = mul(value, pow10(exp));
    lastExp = exp;
    mag = true;
    j++;
  }
  return { j, value, mag };
}

const ORD_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);
/** Denominators of written fractions ("3/4", "1/3"); others are dates or labels ("9/11", "24/7"). */
const FRACTION_DENOMINATORS = new Set([2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 12n, 16n, 20n, 25n, 32n, 50n, 64n, 100n]);

/**
 * One number at token i, digits or words, with sign, magnitude, ordinal
 * suffix and fraction forms. Returns null when nothing numeric starts here.
 */
export function parseCore(seg: Tok[], i: number, opts: ParseOptions = {}): Core | null {
  const t = seg[i];
  if (!t) return null;
  let sign = 1;
  let k = i;
  // Signs: "-3.2", "−5", "+5%"; only when detached from a previous word or number ("10-12" is a range).
  if ((t.s === '-' || t.s === '−' || t.s === '+') && (seg[i + 1]?.t === 'd' || seg[i + 1]?.s === '.') && attached(seg, i + 1) &&
      (t.gap || i === 0 || /[([{=:]/.test(seg[i - 1].s))) {
    sign = t.s === '+' ? 1 : -1;
    k = i + 1;
  } else if (t.s === '-' && i === 0 && seg[1]?.t === 'd' && seg[1].start - t.end <= 2) {
    sign = -1;
    k = 1;
  } else if ((t.lo === 'minus' || t.lo === 'negative') && !(seg[i - 1]?.lo === 'or' && seg[i - 2]?.lo === 'plus') && seg[i + 1] && (seg[i + 1].t === 'd' || UNIT[seg[i + 1].lo] !== undefined || TEEN[seg[i + 1].lo] !== undefined || TENS[seg[i + 1].lo] !== undefined)) {
    sign = -1;
    k = i + 1;
  }
  const s0 = seg[k];
  if (!s0) return null;
  let res: Core | null = null;
  if (s0.t === 'd' || s0.s === '.') {
    const lit = parseDigitLiteral(seg, k);
    if (!lit) return null;
    if (lit.dotted) return { i, j: lit.j, value: lit.value, kind: 'cardinal', digits: true, plain: null, mag: false };
    let j = lit.j;
    let value = lit.value;
    let plain = lit.plain;
    let kind: CoreKind = 'cardinal';
    const nx = seg[j];
    if (nx && !nx.gap && nx.t === 'w' && ORD_SUFFIX.has(nx.lo) && lit.value.d === 1n && seg[k].t === 'd') {
      kind = 'ordinal';
      j++;
      plain = null;
    } else if (nx && !nx.gap && VULGAR[nx.s] && lit.plain !== null) {
      const [a, b] = VULGAR[nx.s];
      value = add(value, q(BigInt(a), BigInt(b)));
      j++;
      plain = null;
      kind = 'fraction';
    } else if (nx?.s === '/' && !nx.gap && seg[j + 1]?.t === 'd' && attached(seg, j + 1) && lit.plain !== null) {
      // a/b is a fraction only with a small denominator and nothing more ("3/4", not "3/4/2024" or "24/7").
      if (seg[j + 2]?.s === '/' && attached(seg, j + 2)) return null;
      const a = BigInt(lit.plain);
      const b = BigInt(seg[j + 1].s);
      if (!(b > 1n && a < b && FRACTION_DENOMINATORS.has(b))) return null;
      value = q(a, b);
      j += 2;
      plain = null;
      kind = 'fraction';
    } else if (lit.plain !== null && nx?.t === 'd' && nx.gap && seg[j + 1]?.s === '/' && attached(seg, j + 1) && seg[j + 2]?.t === 'd' && attached(seg, j + 2) && !(seg[j + 3]?.s === '/')) {
      // Mixed fraction "2 1/2".
      const a = BigInt(nx.s);
      const b = BigInt(seg[j + 2].s);
      if (a < b && FRACTION_DENOMINATORS.has(b)) {
        value = add(value, q(a, b));
        j += 3;
        plain = null;
        kind = 'fraction';
      }
    }
    // "1.1^23"
    if (seg[j]?.s === '^' && attached(seg, j)) {
      let e = j + 1;
      let esign = 1n;
      while ((seg[e]?.s === '-' || seg[e]?.s === '+') && attached(seg, e)) {
        if (seg[e].s === '-') esign = -esign;
        e++;
      }
      if (seg[e]?.t === 'd' && attached(seg, e) && seg[e].s.length <= 2) {
        // Powers are a Recognizers-Text notation ("1.1^23"), not news; a double is exact enough and bounded in cost.
        const p = Number(seg[e].s) * (esign < 0n ? -1 : 1);
        value = fromDouble(Math.pow(toNumber(value), p));
        j = e + 1;
        plain = null;
      }
    }
    let mag = false;
    if (kind === 'cardinal') {
      // "2 and a half", "2 and a half million"
      if (w(seg, j) === 'and') {
        const f = andFraction(seg, j + 1);
        if (f && lit.plain !== null) {
          const t2 = trailingScale(seg, f.j, add(value, f.value));
          value = t2.value;
          j = t2.j;
          plain = null;
          mag = t2.mag;
        }
      }
      const m = digitMagnitude(seg, j, value, opts);
      if (m.mag || m.j > j) {
        value = m.value;
        j = m.j;
        mag = mag || m.mag;
        plain = null;
      }
    }
    res = { i, j, value, kind, digits: true, plain, mag };
  } else if (s0.t === 'w') {
    const r = parseWords(seg, k);
    if (!r) return null;
    res = { i, j: r.j, value: r.value, kind: r.kind, digits: false, plain: null, mag: r.mag };
  } else if (VULGAR[s0.s]) {
    const [a, b] = VULGAR[s0.s];
    res = { i, j: k + 1, value: q(BigInt(a), BigInt(b)), kind: 'fraction', digits: true, plain: null, mag: false };
  }
  if (!res) return null;
  if (sign < 0) {
    res.value = neg(res.value);
    res.plain = null;
  }
  if (k !== i) res.plain = null;
  return res;
}

/** Qualifier phrases (record contract), longest first within each start word. */
const QUALIFIERS: [string[], Qualifier][] = [
  [['more', 'than'], 'more_than'], [['greater', 'than'], 'more_than'], [['in', 'excess', 'of'], 'more_than'],
  [['upwards', 'of'], 'more_than'], [['just', 'over'], 'more_than'], [['well', 'over'], 'more_than'],
  [['well', 'above'], 'more_than'], [['over'], 'more_than'], [['above'], 'more_than'], [['north', 'of'], 'more_than'],
  [['less', 'than'], 'less_than'], [['fewer', 'than'], 'less_than'], [['lower', 'than'], 'less_than'],
  [['just', 'under'], 'less_than'], [['just', 'below'], 'less_than'], [['under'], 'less_than'], [['below'], 'less_than'],
  [['at', 'least'], 'at_least'], [['a', 'minimum', 'of'], 'at_least'], [['no', 'fewer', 'than'], 'at_least'],
  [['no', 'less', 'than'], 'at_least'], [['not', 'less', 'than'], 'at_least'],
  [['no', 'more', 'than'], 'at_most'], [['not', 'more', 'than'], 'at_most'], [['up', 'to'], 'at_most'],
  [['at', 'most'], 'at_most'], [['a', 'maximum', 'of'], 'at_most'], [['as', 'many', 'as'], 'at_most'],
  [['as', 'much', 'as'], 'at_most'],
  [['about'], 'about'], [['around'], 'about'], [['roughly'], 'about'], [['some'], 'about'],
  [['approximately'], 'about'], [['approx'], 'about'], [['circa'], 'about'], [['more', 'or', 'less'], 'about'],
  [['nearly'], 'nearly'], [['almost'], 'nearly'], [['close', 'to'], 'nearly'], [['just', 'shy', 'of'], 'nearly'],
  [['an', 'estimated'], 'estimated'], [['estimated'], 'estimated'],
];
const SYMBOL_BEFORE_AMOUNT = new Set(['$', '£', '€', '¥', '₹']);
export const QUALIFIER_INDEX = new Map<string, [string[], Qualifier][]>();
for (const entry of QUALIFIERS) {
  const key = entry[0][0];
  if (!QUALIFIER_INDEX.has(key)) QUALIFIER_INDEX.set(key, []);
  QUALIFIER_INDEX.get(key)!.push(entry);
}

/** A qualifier phrase at token i: its meaning and the token after it. */
export function parseQualifier(seg: Tok[], i: number): { qualifier: Qualifier; j: number } | null {
  const t = seg[i];
  if (!t) return null;
  if (t.s === '~' && (seg[i + 1]?.t === 'd' || seg[i + 1]?.t === 'p')) return { qualifier: 'about', j: i + 1 };
  // Comparison signs: ">30", "≥ 5", "<= 10".
  if (t.t === 'p' && (t.s === '>' || t.s === '<' || t.s === '≥' || t.s === '≤')) {
    const eq = seg[i + 1]?.s === '=' && attached(seg, i + 1);
    const j = eq ? i + 2 : i + 1;
    const nx = seg[j];
    if (!nx || !(nx.t === 'd' || SYMBOL_BEFORE_AMOUNT.has(nx.s))) return null;
    const qualifier: Qualifier = t.s === '≥' || (t.s === '>' && eq) ? 'at_least' : t.s === '≤' || (t.s === '<' && eq) ? 'at_most' : t.s === '>' ? 'more_than' : 'less_than';
    return { qualifier, j };
  }
  if (t.t !== 'w') return null;
  const options = QUALIFIER_INDEX.get(t.lo);
  if (!options) return null;
  for (const [words, qualifier] of options) {
    let ok = true;
    for (let n = 1; n < words.length; n++) {
      if (w(seg, i + n) !== words[n]) {
        ok = false;
        break;
      }
    }
    if (ok) {
      let j = i + words.length;
      if (words[0] === 'approx' && seg[j]?.s === '.' && attached(seg, j)) j++;
      return { qualifier, j };
    }
  }
  return null;
}

/** The factor a magnitude applied to a digit number ("5m" → 10^6), or null. */
export function magnitudeFactor(seg: Tok[], c: Core): Q | null {
  if (!c.mag || !c.digits) return null;
  let k = c.i;
  if (seg[k].t === 'p' && seg[k].s !== '.') k++;
  else if (seg[k].lo === 'minus' || seg[k].lo === 'negative') k++;
  const lit = parseDigitLiteral(seg, k);
  if (!lit || lit.value.n === 0n) return null;
  return div(c.value, lit.value);
}

const POST_QUALIFIERS: [string[], Qualifier][] = [
  [['or', 'more'], 'at_least'], [['or', 'above'], 'at_least'], [['or', 'higher'], 'at_least'], [['or', 'over'], 'at_least'],
  [['and', 'above'], 'at_least'], [['and', 'over'], 'at_least'], [['and', 'up'], 'at_least'], [['or', 'greater'], 'at_least'],
  [['or', 'less'], 'at_most'], [['or', 'fewer'], 'at_most'], [['or', 'below'], 'at_most'], [['or', 'under'], 'at_most'],
  [['or', 'lower'], 'at_most'], [['and', 'under'], 'at_most'], [['and', 'below'], 'at_most'], [['or', 'so'], 'about'],
  [['-', 'plus'], 'at_least'], [['+'], 'at_least'],
];

/** A qualifier written after the number at j ("30 or more"), kept inside the span. */
export function postQualifier(seg: Tok[], j: number): { qualifier: Qualifier; j: number } | null {
  for (const [words, qualifier] of POST_QUALIFIERS) {
    let ok = true;
    for (let n = 0; n < words.length; n++) {
      const t = seg[j + n];
      if (!t || t.lo !== words[n]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (words[0] === '-' || words[0] === '+') {
      if (seg[j].gap) continue;
      if (words[0] === '+' && seg[j + 1]?.t === 'd' && attached(seg, j + 1)) continue;
    }
    // "30 or more people" but not "30 or more than 40": the word after must not start another number.
    const after = seg[j + words.length];
    if (after && (after.lo === 'than' || after.t === 'd')) continue;
    return { qualifier, j: j + words.length };
  }
  return null;
}

export { toNumber };
