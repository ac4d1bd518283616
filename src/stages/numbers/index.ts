/**
 * The numbers stage (issue 5): every quantity in the text with its exact
 * value, kind and qualifier, read from our own lexer's tokens (lex.ts) with
 * the shared grammar (parse.ts); no full parse of the article.
 *
 * Decisions, each pinned by a test in tests/stages/numbers.test.ts:
 * - Not quantities, so not emitted: days of dates ("31 March", "March 31",
 *   "31st March"), numeric dates ("3/4/2024", whole), times ("10:30", "10am",
 *   "at six and…"), phone numbers, URLs and e-mail addresses, scores and
 *   tallies ("won 3-1", "passed 68-32", "50-50"), names with numbers
 *   ("Boeing 737", "iPhone 15", "COVID-19", "G7", "Article 50", "Year 6"),
 *   street numbers ("10 Downing Street"), decades ("the 1990s", "’90s").
 * - A year inside a written date stays a year ("31 March 2024" → 2024, kind
 *   year). A 4-digit 1800–2100 number is a year unless a counted noun follows
 *   ("2000 people") or a comparative qualifier precedes ("more than 2000").
 * - "from X to Y" after a verb of change, "rose X to Y" and "by X to Y" are two
 *   figures; otherwise "X to Y", "X-Y" and "between X and Y" are ranges.
 * - Vague plurals are kind approximate with the order of magnitude:
 *   dozens 12, scores (of) 20, hundreds 100, thousands 1000, millions 1e6,
 *   "tens of thousands" 1e4.
 */
import type { NumberItem, NumberKind, Qualifier } from '../../../schemas/record.ts';
import type { Doc } from '../../core/types.ts';
import { bySpan } from '../../core/span.ts';
import type { Warn } from '../types.ts';
import { dict, lexDoc, TokenMarks, VALUE_MARKS, type Tok } from './lex.ts';
import {
  attached, magnitudeFactor, mayStartNumber, parseCore, scanNearValues, postQualifier, parseQualifier, SCALE, UNIT, TEEN, TENS,
  type Core,
} from './parse.ts';
import { cmp, int, mul, q, toNumber, type Q } from './rational.ts';

export const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Month words that are also common English words count only when capitalised. */
const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'mar', 'jan', 'sep', 'dec', 'oct', 'nov', 'jun', 'jul', 'aug', 'apr', 'feb', 'sept']);

function isMonth(t: Tok | undefined): boolean {
  if (!t || t.t !== 'w' || !MONTHS.has(t.lo)) return false;
  return !AMBIGUOUS_MONTHS.has(t.lo) || /^[A-Z]/.test(t.s);
}

/** After an hour: "10am", "14 GMT" ("24hrs" is a duration, so hrs is not here). */
const TIME_WORDS = new Set(['am', 'pm', 'gmt', 'bst', 'utc', 'cet', 'cest', 'est', 'edt', 'pst', 'pdt']);

/**
 * Capitalised words that may stand right before a quantity ("In 2024",
 * "About 40", "Nearly 300"). Any other capitalised word right before a bare
 * integer makes it part of a name: Boeing 737, iPhone 15, Article 50,
 * Windows 11, Euro 2024 (issue 5: model and product names are not quantities).
 */
const CAPITALISED_OK = new Set([
  'in', 'on', 'at', 'by', 'of', 'for', 'from', 'to', 'with', 'since', 'until', 'till', 'before', 'after', 'during',
  'over', 'under', 'about', 'around', 'nearly', 'almost', 'some', 'only', 'just', 'all', 'the', 'a', 'an', 'and',
  'but', 'or', 'nor', 'so', 'yet', 'than', 'between', 'across', 'among', 'those', 'these', 'that', 'this', 'its',
  'their', 'his', 'her', 'our', 'my', 'your', 'top', 'least', 'most', 'exactly', 'within', 'each', 'every',
  'roughly', 'approximately', 'estimated', 'another', 'up', 'more', 'less', 'fewer', 'above', 'below', 'through',
  'into', 'as', 'if', 'when', 'while', 'where', 'then', 'also', 'still', 'even', 'another', 'another', 'another',
  'circa', 'another', 'per', 'via', 'like', 'unlike', 'despite', 'against', 'toward', 'towards', 'beyond', 'upon',
  'without', 'plus', 'minus', 'both', 'either', 'neither', 'whereas', 'although', 'though', 'because', 'once',
  'was', 'were', 'is', 'are', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'may',
  'might', 'must', 'can', 'did', 'do', 'does', 'number', 'no', 'not', 'almost', 'past', 'last', 'next', 'first',
  'it', 'we', 'they', 'he', 'she', 'i', 'you', 'who', 'which', 'what', 'there', 'here', 'again', 'already',
  'everyone', 'nobody', 'other', 'many', 'several', 'few', 'much', 'additional', 'extra', 'another', 'total',
  'aged', 'age', 'ages', 'ranked', 'rank', 'only', 'perhaps', 'maybe', 'however', 'meanwhile',
  'now', 'today', 'yesterday', 'tomorrow', 'tonight', 'spring', 'summer', 'autumn', 'winter', 'fall', 'early',
  'late', 'mid', 'said', 'says', 'say', 'saying', 'told', 'reported', 'added', 'noted', 'wrote', 'against',
]);

/** Day names of the week: "Monday 31 March" is still a date. */
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun']);

/** Words ahead of a street name: "10 Downing Street". */
const STREET_WORDS = new Set([
  'street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'boulevard', 'blvd', 'drive', 'place', 'square',
  'way', 'terrace', 'crescent', 'court', 'close', 'highway', 'parkway', 'row', 'gardens', 'mews', 'hill', 'walk',
]);

/** Words after a 4-digit number that show it counts things ("2000 people") rather than naming a year. */
const COUNTED = new Set([
  'people', 'men', 'women', 'children', 'staff', 'police', 'troops', 'personnel', 'cattle', 'sheep', 'fish', 'feet',
  'km', 'kg', 'mph', 'ft', 'mm', 'cm', 'ml', 'kw', 'mw', 'gw', 'kwh', 'lb', 'lbs', 'oz', 'bpd', 'sq', 'of',
  'more', 'fewer', 'less', 'extra', 'new', 'additional', 'other', 'times', 'per', 'percent', 'pc', 'out', 'calories', 'miles', 'metres', 'meters', 'acres', 'hectares', 'tonnes', 'tons', 'kilometres',
  'kilometers', 'households', 'homes', 'jobs', 'votes', 'seats', 'patients', 'cases', 'deaths',
]);
/** Counted nouns (no function words): "Labour 412 seats" is a count, "Flight 2218 to Phoenix" a name. */
const COUNTED_NOUNS = new Set([...COUNTED].filter((x) => !['of', 'more', 'fewer', 'less', 'extra', 'new', 'additional', 'other', 'per', 'out', 'to', 'and', 'or'].includes(x)));
/** Words ending in s that are not plural nouns (so "2024 was" stays a year). */
const NOT_PLURAL = new Set(['was', 'has', 'is', 'as', 'his', 'its', 'this', 'thus', 'plus', 'us', 'yes', 'always', 'perhaps', 'unless', 'across', 'whereas', 'less', 'series', 'news', 'alps', 'games', 'olympics', 'elections', 'polls', 'accounts', 'results', 'figures', 'levels', 'prices', 'rates', 'statistics', 'data', 'budgets', 'budget', 'talks', 'levels']);

/** Verbs of change before "from X to Y": two figures, not a range ("rose from 10 to 12"). */
const CHANGE_VERBS = new Set([
  'rose', 'risen', 'rise', 'rises', 'rising', 'fell', 'fallen', 'fall', 'falls', 'falling', 'increased', 'increase',
  'increases', 'increasing', 'decreased', 'decrease', 'decreasing', 'dropped', 'drop', 'drops', 'dropping', 'jumped',
  'jump', 'jumps', 'climbed', 'climb', 'climbs', 'grew', 'grown', 'grow', 'grows', 'declined', 'decline', 'declines',
  'cut', 'cuts', 'raised', 'raise', 'raises', 'lowered', 'lower', 'up', 'down', 'went', 'gone', 'changed', 'moved',
  'slipped', 'surged', 'soared', 'plunged', 'plummeted', 'edged', 'reduced', 'reduce', 'boosted', 'expanded',
  'shrank', 'shrunk', 'tumbled', 'slumped', 'doubled', 'tripled', 'halved', 'widened', 'narrowed', 'swelled',
  'ballooned', 'slid', 'sank', 'rebounded', 'recovered', 'revised', 'upgraded', 'downgraded', 'lifted', 'hiked',
  'trimmed', 'slashed',
]);

/** Words around "3-1" that make it a sports score ("won 3-1", "a 2-2 draw"). */
const SCORE_WORDS = new Set([
  'won', 'win', 'wins', 'winning', 'beat', 'beats', 'beaten', 'lost', 'lose', 'loses', 'losing', 'defeat',
  'defeated', 'defeats', 'victory', 'draw', 'drew', 'drawn', 'thrashed', 'thrashing', 'trail', 'trailed',
  'trailing', 'led', 'lead', 'leading', 'score', 'scoreline', 'aggregate', 'half-time', 'halftime', 'final',
  'loss', 'triumph', 'thumped', 'edged', 'hammered', 'routed', 'match', 'game', 'tie', 'leg', 'sets', 'set',
]);

/** Plural vague counts (issue 5): value is the order of magnitude. */
const APPROXIMATE: Record<string, number> = dict({
  dozens: 12, hundreds: 100, thousands: 1000, millions: 1e6, billions: 1e9, trillions: 1e12,
  tens: 10, scores: 20, lakhs: 1e5, crores: 1e7,
});

// The vague plurals carry a value too ("thousands of").
for (const word of Object.keys(APPROXIMATE)) VALUE_MARKS.words.add(word);
/**
 * How far before its first value token a match can start: a three-word
 * qualifier, "between", a sign and "." lead "no fewer than between -.5 and 1"
 * (value 6 tokens on). Starts farther from the next value token give nothing.
 */
const REACH = 6;

/** Determiners before "one" that make it a pronoun ("no one", "the one"). */
const ONE_PRONOUN_BEFORE = new Set([
  'no', 'the', 'this', 'that', 'which', 'each', 'every', 'any', 'another', 'other', 'last', 'next', 'only', 'a',
  'an', 'little', 'big', 'right', 'wrong', 'new', 'old', 'same', 'such', 'good', 'loved', 'everyone', 'someone',
  'anyone', 'one', 'young', 'special', 'chosen', 'latest', 'first', 'second', 'real', 'main', 'true', 'favourite',
  'favorite', 'better', 'best', 'worst', 'biggest', 'largest', 'smallest', 'previous', 'current', 'final',
]);
const ONE_PRONOUN_AFTER = new Set(['another', 'anothers']);

/** "a second", "per second", "split second": a unit of time, not an ordinal. */
const SECOND_TIME_BEFORE = new Set(['a', 'per', 'split', 'every', 'each', 'one', 'this', 'that', 'for', 'half', 'fraction', 'few']);
const SECOND_TIME_AFTER = new Set(['ago', 'later', 'or', 'and', 'longer', 'earlier', 'before', 'after', 'too', 'more', 'less', 'faster', 'slower', 'per', 'of', 'each', 'the', 'in', 'at', 'to', 'then', 'while', 'i', 'he', 'she', 'they', 'we', 'it', 'you']);

/**
 * Phone numbers, masked before parsing: an international prefix, a UK/Irish
 * trunk 0 with groups, or the North American 3-3-4 pattern.
 */
const PHONE = /(?:\+\d{1,3}[\s.-]?(?:\(0\)\s?)?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4})|(?:\(?\b0\d{2,4}\)?[\s-]\d{3,4}[\s-]?\d{3,4}\b)|(?:\(\d{3}\)\s?\d{3}[-.\s]\d{4}\b)|(?:\b\d{3}[-.]\d{3}[-.]\d{4}\b)/g;

/**
 * Web addresses and e-mail addresses: their digits are not quantities. The
 * e-mail part starts only where a run of its characters starts (the
 * lookbehind): from inside a run the match could only be a later start of
 * the same address, and trying every position made a 60,000-character
 * base64 blob cost 1.8 s (quadratic); now it is linear, same matches.
 */
const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)[^\s<>"“”()]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+/g;

/** Character ranges whose digits are never quantities: phone numbers, URLs, e-mail addresses. */
function maskedRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  const patterns = text.includes('@') || text.includes('www.') || text.includes('://') ? [PHONE, URL_OR_EMAIL] : [PHONE];
  for (const re of patterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

interface Found {
  i: number;
  j: number;
  value: Q;
  upper?: Q;
  kind: NumberKind;
  qualifier?: Qualifier;
}

type Match = Found | { skip: number } | null;

function isCap(t: Tok | undefined): boolean {
  return !!t && t.t === 'w' && t.s.charCodeAt(0) >= 65 && t.s.charCodeAt(0) <= 90;
}

/** Sentence-final punctuation before token k (so a capital there starts a sentence). */
function sentenceStart(seg: Tok[], k: number): boolean {
  if (k === 0) return true;
  const p = seg[k - 1];
  return p.t === 'p' && /[.!?:;"“”‘’'(\[—–-]/.test(p.s);
}

function isPercentAt(seg: Tok[], k: number): { j: number; points: boolean } | null {
  const t = seg[k];
  if (!t) return null;
  if (t.s === '%' || t.s === '٪') {
    const p1 = seg[k + 1]?.lo;
    if (p1 === 'points' || p1 === 'point' || p1 === 'pts') return { j: k + 2, points: true };
    return { j: k + 1, points: false };
  }
  if (t.t !== 'w') return null;
  if (t.lo === 'percentage' || t.lo === 'pct') {
    // "percentage points", "pct points", "percentage-point"
    let m = k + 1;
    if (seg[m]?.s === '-' && attached(seg, m)) m++;
    const p = seg[m]?.lo;
    if (p === 'points' || p === 'point') return { j: m + 1, points: true };
    if (t.lo === 'pct') return { j: k + 1, points: false };
    return null;
  }
  if (t.lo === 'percent' || t.lo === 'pc' && !t.gap) {
    const p1 = seg[k + 1]?.lo;
    if (p1 === 'points') return { j: k + 2, points: true };
    return { j: k + 1, points: false };
  }
  if (t.lo === 'per' && seg[k + 1]?.lo === 'cent') {
    return { j: k + 2, points: false };
  }
  if (t.lo === 'per' && seg[k + 1]?.s === '-' && seg[k + 2]?.lo === 'cent') return { j: k + 3, points: false };
  return null;
}

function isPlainDay(c: Core, seg: Tok[]): boolean {
  if (!c.digits) return false;
  const digitsTok = seg[c.i];
  if (digitsTok.t !== 'd' || digitsTok.s.length > 2) return false;
  const n = Number(digitsTok.s);
  if (n < 1 || n > 31) return false;
  return c.plain !== null || (c.kind === 'ordinal' && c.j === c.i + 2);
}

/** Core at i is the day of a date: "31 March", "31st of March", "March 31", "Monday 3". */
function isDateDay(seg: Tok[], c: Core): boolean {
  if (!isPlainDay(c, seg)) return false;
  const after = seg[c.j];
  if (isMonth(after)) return true;
  // "19 and 20 April", "5, 6 or 7 May", "5-7 March"
  let m = c.j;
  for (let n = 0; n < 4; n++) {
    const conn = seg[m];
    if (!conn || !(conn.lo === 'and' || conn.lo === 'or' || conn.lo === 'to' || conn.s === ',' || conn.s === '-' || conn.s === '–')) break;
    const d = seg[m + 1];
    if (!d || d.t !== 'd' || d.s.length > 2 || Number(d.s) > 31 || Number(d.s) < 1) break;
    m += 2;
    if (seg[m]?.t === 'w' && /^(st|nd|rd|th)$/.test(seg[m].lo) && attached(seg, m)) m++;
    if (isMonth(seg[m])) return true;
  }
  if (after?.lo === 'of' && isMonth(seg[c.j + 1])) return true;
  const before = seg[c.i - 1];
  if (isMonth(before)) return true;
  if (before?.s === '.' && isMonth(seg[c.i - 2])) return true;
  if (before && WEEKDAYS.has(before.lo) && isCap(before)) return true;
  return false;
}

/** A time of day: "10:30", "10am", "10.30pm", "10 o'clock", "14:00 GMT". */
function timeEnd(seg: Tok[], c: Core): number | null {
  const t = seg[c.j];
  if (!t) return null;
  if (t.s === ':' && !t.gap && seg[c.j + 1]?.t === 'd' && attached(seg, c.j + 1)) {
    let j = c.j + 2;
    while (seg[j]?.s === ':' && attached(seg, j) && seg[j + 1]?.t === 'd') j += 2;
    if (seg[j] && TIME_WORDS.has(seg[j].lo)) j++;
    else if (seg[j]?.lo === 'a' || seg[j]?.lo === 'p') {
      if (seg[j + 1]?.s === '.' && seg[j + 2]?.lo === 'm') j += seg[j + 3]?.s === '.' ? 4 : 3;
    }
    return j;
  }
  if (!c.digits || c.kind !== 'cardinal') return null;
  const n = toNumber(c.value);
  if (n < 0 || n > 24) return null;
  if (t.t === 'w' && TIME_WORDS.has(t.lo) && (t.lo === 'am' || t.lo === 'pm' || c.plain !== null)) return c.j + 1;
  if ((t.lo === 'a' || t.lo === 'p') && seg[c.j + 1]?.s === '.' && seg[c.j + 2]?.lo === 'm') return c.j + (seg[c.j + 3]?.s === '.' ? 4 : 3);
  if (t.lo === 'o' && (seg[c.j + 1]?.s === "'" || seg[c.j + 1]?.s === '’') && seg[c.j + 2]?.lo === 'clock') return c.j + 3;
  return null;
}

/** Runs an alphanumeric code to its end: "MH17", "A380s", "COVID-19", "G7". */
function codeEnd(seg: Tok[], k: number): number {
  let j = k;
  while (seg[j + 1] && attached(seg, j + 1) && (seg[j + 1].t === 'd' || seg[j + 1].t === 'w' || (seg[j + 1].s === '-' && seg[j + 2]?.t === 'd' && attached(seg, j + 2)))) j++;
  return j + 1;
}

/** Prefixes joined by a hyphen to a year or number that keep it a quantity ("mid-2024", "pre-2020", "top-10"). */
const HYPHEN_PREFIX_OK = new Set(['mid', 'pre', 'post', 'early', 'late', 'top', 'over', 'under', 'sub', 'non', 'circa', 'c', 'the', 'around', 'about', 'and', 'or', 'to', 'ca', 'end', 'start']);

/** The tokens before i make the number a code or name (so it is not a quantity). */
function isCode(seg: Tok[], i: number): boolean {
  const t = seg[i];
  if (t.t !== 'd') return false;
  const prev = seg[i - 1];
  if (!prev || t.gap) return false;
  if (prev.t === 'w') return !HYPHEN_PREFIX_OK.has(prev.lo) && prev.lo !== 'x';
  if (prev.s === '-' && !prev.gap && seg[i - 2]?.t === 'w') return !HYPHEN_PREFIX_OK.has(seg[i - 2].lo);
  if (prev.s === '#') return false;
  return false;
}

/** Value of the 2-digit end of a year range ("2024-25" → 2025). */
function yearRangeUpper(lower: number, tok: Tok): number | null {
  if (tok.s.length === 2) {
    const v = Math.floor(lower / 100) * 100 + Number(tok.s);
    return v > lower ? v : null;
  }
  return null;
}

function isYearValue(c: Core): boolean {
  if (c.plain === null || c.plain.length !== 4) return false;
  const n = Number(c.plain);
  return n >= 1800 && n <= 2100;
}

/** A 4-digit number in 1800–2100 names a year unless a counted noun follows ("2000 people"). */
function yearByContext(seg: Tok[], c: Core, hasQualifier: boolean): boolean {
  if (!isYearValue(c)) return false;
  const nx = seg[c.j];
  if (nx && nx.t === 'w' && nx.gap) {
    if (COUNTED.has(nx.lo)) return false;
    if (nx.lo.length > 3 && nx.lo.endsWith('s') && !nx.lo.endsWith('ss') && !NOT_PLURAL.has(nx.lo) && /^[a-z]/.test(nx.s)) return false;
  }
  if (hasQualifier) {
    const prev = seg[c.i - 1]?.lo;
    // "more than 2000" counts; "around 2010" / "since" keep the year reading.
    return prev === 'around' || prev === 'circa' || prev === 'about' || prev === 'c';
  }
  return true;
}

/**
 * The full number expression at i: qualifier, "between A and B", vague
 * counts, a core with its range and percent forms, or a skip over something
 * that is not a quantity (date, time, code, phone, score).
 */
interface Ctx {
  phones: [number, number][];
  /** Universal POS of the Doc token starting at this offset, if any. */
  posAt(start: number): string | undefined;
  /** The article speaks of percentage points, so "9 points" is one too (asked rarely, so found on first use). */
  pointsArePercentage(): boolean;
}

/** Nouns, names, adjectives and pronouns before "about" make it a preposition ("a drama about three generations"). */
const ABOUT_PREPOSITION_AFTER = new Set(['NOUN', 'PROPN', 'ADJ', 'PRON']);
const TIME_UNITS = new Set(['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'decades', 'centuries', 'seasons', 'quarters', 'terms', 'generations', 'year', 'month', 'week', 'day', 'decade', 'nights', 'sessions']);
/** (Asked for the word before every digit run, so behind TokenMarks' filter.) */
const PHONE_VERBS = new TokenMarks();
for (const word of ['call', 'calling', 'dial', 'dialling', 'dialing', 'ring', 'phone', 'telephone', 'text', 'tel', 'fax', 'hotline', 'helpline']) PHONE_VERBS.words.add(word);
PHONE_VERBS.refresh();
/** Clock hours said in words or digits after "at" ("left home at six"). */
const AT_TIME_FOLLOWERS = new Set(['and', 'or', 'but', 'tonight', 'today', 'tomorrow', 'sharp', 'in', 'on', 'this', 'every', 'each', 'last', 'when', 'then', 'before', 'after']);
const COMPARATIVE_AFTER_FRACTION = new Set(['below', 'above', 'lower', 'higher', 'smaller', 'bigger', 'larger', 'cheaper', 'dearer', 'faster', 'slower', 'greater', 'longer', 'shorter', 'less', 'more', 'fewer', 'again', 'over', 'under', 'by']);

/** Ordinals read as a fraction after "a"/"one" ("a fifth below"), with their denominators. */
const FRACTION_ORDINALS: Record<string, bigint> = dict({
  third: 3n, fourth: 4n, fifth: 5n, sixth: 6n, seventh: 7n, eighth: 8n, ninth: 9n, tenth: 10n,
});

function matchAt(seg: Tok[], i: number, ctx: Ctx): Match {
  const t0 = seg[i];
  if (!mayStartNumber(t0)) return null;
  const phones = ctx.phones;
  for (const [a, b] of phones) {
    if (t0.start >= a && t0.start < b) {
      let j = i;
      while (j < seg.length && seg[j].start < b) j++;
      return { skip: Math.max(j, i + 1) };
    }
  }
  if (t0.t === 'd' && isCode(seg, i)) return { skip: codeEnd(seg, i) };
  let qual = parseQualifier(seg, i);
  if (qual && seg[i].lo === 'about' && i > 0) {
    // "a drama about three generations": a word number counting a following noun after a noun is the topic, not an estimate.
    const c = parseCore(seg, qual.j);
    const nx = c ? seg[c.j] : undefined;
    if (c && !c.digits && nx && nx.t === 'w' && /^[a-z]/.test(nx.s) && nx.lo.endsWith('s') && ABOUT_PREPOSITION_AFTER.has(ctx.posAt(seg[i - 1].start) ?? '')) qual = null;
  }
  if (qual && (seg[i].lo === 'over' || seg[i].lo === 'under') && seg[i - 1]?.lo !== 'for') {
    // "11% over four years" is a duration; "for over 10 years", "over 10 years ago" keep the qualifier.
    const c = parseCore(seg, qual.j);
    const unit = c ? seg[c.j]?.lo : undefined;
    if (c && unit && TIME_UNITS.has(unit) && seg[c.j + 1]?.lo !== 'ago' && seg[c.j + 1]?.lo !== 'old' && seg[c.j + 1]?.lo !== 'older') return { skip: i + 1 };
  }
  let k = qual ? qual.j : i;
  // "up to half", "more than half", "at least half"
  if (qual && seg[k]?.lo === 'half' && !(seg[k + 1]?.lo === 'a' || seg[k + 1]?.lo === 'an')) {
    return { i, j: k + 1, value: q(1n, 2n), kind: 'fraction', qualifier: qual.qualifier };
  }
  // "about a fifth below", "a third higher": a fraction before a comparative.
  if ((seg[k]?.lo === 'a' || seg[k]?.lo === 'one') && seg[k + 1]?.v && FRACTION_ORDINALS[seg[k + 1].lo] !== undefined &&
      (qual || COMPARATIVE_AFTER_FRACTION.has(seg[k + 2]?.lo ?? '') || seg[k - 1]?.lo === 'by' || seg[k - 1]?.lo === 'than')) {
    const d = FRACTION_ORDINALS[seg[k + 1].lo];
    return { i, j: k + 2, value: q(1n, d), kind: 'fraction', qualifier: qual?.qualifier };
  }
  // Decades: "the 1990s", "the late ’90s", "in their 20s" are periods, not counts.
  if (seg[k]?.t === 'd' && seg[k + 1]?.lo === 's' && attached(seg, k + 1)) return { skip: k + 2 };
  if ((seg[k]?.s === '’' || seg[k]?.s === "'") && seg[k + 1]?.t === 'd' && seg[k + 1].s.length === 2 && attached(seg, k + 1)) {
    return { skip: seg[k + 2]?.lo === 's' && attached(seg, k + 2) ? k + 3 : k + 2 };
  }
  // "call 101", "dial 999": phone numbers.
  if (seg[k]?.t === 'd' && k > 0 && PHONE_VERBS.hasWord(seg[k - 1].lo)) return { skip: k + 1 };
  // Between A and B
  if (seg[k]?.lo === 'between') {
    const a = parseCore(seg, k + 1);
    if (a && a.kind === 'cardinal' && seg[a.j]?.lo === 'and') {
      const pa = isPercentAt(seg, a.j);
      const b = parseCore(seg, (pa ? pa.j : a.j) + 1);
      if (pa === null && b && seg[a.j]?.lo === 'and' && b.kind === 'cardinal' && cmp(a.value, b.value) < 0) {
        const pb = isPercentAt(seg, b.j);
        const kind: NumberKind = pb ? (pb.points ? 'percentage_points' : 'percent') : isYearValue(a) && isYearValue(b) ? 'year' : 'cardinal';
        return { i, j: pb ? pb.j : b.j, value: a.value, upper: b.value, kind, qualifier: qual?.qualifier };
      }
    }
    if (a && seg[a.j]) {
      const pa = isPercentAt(seg, a.j);
      if (pa && seg[pa.j]?.lo === 'and') {
        const b = parseCore(seg, pa.j + 1);
        const pb = b ? isPercentAt(seg, b.j) : null;
        if (b && pb && cmp(a.value, b.value) < 0) {
          return { i, j: pb.j, value: a.value, upper: b.value, kind: pb.points ? 'percentage_points' : 'percent', qualifier: qual?.qualifier };
        }
      }
    }
  }
  // Vague counts: "thousands of", "tens of thousands", "several hundred", "dozens".
  const lo = seg[k]?.t === 'w' ? seg[k].lo : '';
  // (The vague plurals are value words, so the lexer's mark rules most tokens out before the table lookup.)
  if (lo !== '' && seg[k].v && APPROXIMATE[lo] !== undefined) {
    const prev = seg[k - 1]?.lo;
    const prevIsNumber = prev !== undefined && (seg[k - 1].t === 'd' || UNIT[prev] !== undefined || TEEN[prev] !== undefined || TENS[prev] !== undefined);
    if (!prevIsNumber) {
      if ((lo === 'tens' || lo === 'hundreds' || lo === 'dozens' || lo === 'scores') && seg[k + 1]?.lo === 'of') {
        const big = seg[k + 2]?.lo ?? '';
        if (big === 'thousands' || big === 'millions' || big === 'billions' || big === 'hundreds') {
          return { i, j: k + 3, value: int(APPROXIMATE[lo] * APPROXIMATE[big]), kind: 'approximate', qualifier: qual?.qualifier };
        }
      }
      if (lo === 'tens' || lo === 'scores') {
        if (seg[k + 1]?.lo !== 'of') return null;
      }
      const ok = lo !== 'scores' || seg[k + 1]?.lo === 'of';
      if (ok) return { i, j: k + 1, value: int(APPROXIMATE[lo]), kind: 'approximate', qualifier: qual?.qualifier };
    }
  }
  if ((lo === 'several' || lo === 'few' || (lo === 'a' && seg[k + 1]?.lo === 'few')) ) {
    const m = lo === 'a' ? k + 2 : k + 1;
    const s = seg[m]?.lo ?? '';
    if (s === 'hundred' || s === 'dozen' || SCALE[s] !== undefined) {
      const v = s === 'hundred' ? int(100) : s === 'dozen' ? int(12) : int(10 ** SCALE[s]);
      return { i, j: m + 1, value: v, kind: 'approximate', qualifier: qual?.qualifier };
    }
  }
  // Numeric dates: "3/4/2024", "2024-03-31", "31.03.2024" (the whole date goes, year included).
  if (seg[k]?.t === 'd' && seg[k + 1] && attached(seg, k + 1) && (seg[k + 1].s === '/' || seg[k + 1].s === '-' || seg[k + 1].s === '.') &&
      seg[k + 2]?.t === 'd' && attached(seg, k + 2) && seg[k + 3]?.s === seg[k + 1].s && attached(seg, k + 3) && seg[k + 4]?.t === 'd' && attached(seg, k + 4) &&
      !(seg[k + 5]?.s === seg[k + 1].s && attached(seg, k + 5)) && (seg[k + 1].s !== '.' || seg[k + 4].s.length === 4 || seg[k].s.length === 4)) {
    return { skip: k + 5 };
  }
  // "24/7", "9/11": a slash between numbers that is not a plain fraction.
  if (seg[k]?.t === 'd' && seg[k + 1]?.s === '/' && attached(seg, k + 1) && seg[k + 2]?.t === 'd' && attached(seg, k + 2)) {
    const f = parseCore(seg, k);
    if (!f || f.kind !== 'fraction') return { skip: k + 3 };
  }
  // "3D", "5G", "4x4": labels, not quantities.
  if (seg[k]?.t === 'd' && seg[k + 1]?.t === 'w' && attached(seg, k + 1) &&
      (seg[k + 1].s === 'D' || (seg[k + 1].s === 'G' && seg[k].s.length === 1) || (seg[k + 1].lo === 'x' && seg[k + 2]?.t === 'd' && attached(seg, k + 2)))) {
    return { skip: codeEnd(seg, k) };
  }
  const c = parseCore(seg, k);
  if (!c) return null;
  const first = seg[c.i];
  // Versions and addresses ("1.2.3", "192.168.1.1"): not quantities.
  if (c.digits && c.kind === 'cardinal' && c.plain === null && seg[c.j - 1]?.t === 'd' && seg[c.j]?.s === '.' && attached(seg, c.j) && seg[c.j + 1]?.t === 'd' && attached(seg, c.j + 1)) {
    return { skip: codeEnd(seg, c.j) };
  }
  // Dates: "3/4/2024", "2024-03-31", "31.03.2024"
  if (first.t === 'd' && seg[c.i + 1] && attached(seg, c.i + 1) && (seg[c.i + 1].s === '/' || seg[c.i + 1].s === '-' || seg[c.i + 1].s === '.') &&
      seg[c.i + 2]?.t === 'd' && attached(seg, c.i + 2) && seg[c.i + 3]?.s === seg[c.i + 1].s && attached(seg, c.i + 3) && seg[c.i + 4]?.t === 'd' && attached(seg, c.i + 4)) {
    return { skip: c.i + 5 };
  }
  if (first.t === 'd' && seg[c.i + 1]?.s === '/' && attached(seg, c.i + 1) && seg[c.i + 2]?.t === 'd' && c.kind !== 'fraction') {
    return { skip: c.j > c.i + 3 ? c.j : c.i + 3 };
  }
  const time = timeEnd(seg, c);
  if (time !== null) return { skip: time };
  if (isDateDay(seg, c)) {
    // A day range "5-7 March" goes too.
    return { skip: c.j };
  }
  // "10 Downing Street": a street number.
  if (c.plain !== null && c.plain.length <= 4) {
    let m = c.j;
    if (seg[m]?.t === 'w' && attached(seg, m) && seg[m].s.length === 1) m++; // "221b"
    let caps = 0;
    while (isCap(seg[m]) && caps < 3) {
      if (STREET_WORDS.has(seg[m].lo) && caps > 0) return { skip: c.j };
      caps++;
      m++;
    }
  }
  // Names: "Boeing 737", "iPhone 15", "World War Two", "No 10", "Article 50".
  const before = seg[k - 1];
  // "the US 10-year yield": a compound adjective is a quantity even after a name.
  const compound = seg[c.j]?.s === '-' && attached(seg, c.j) && seg[c.j + 1]?.t === 'w' && attached(seg, c.j + 1);
  // A sentence's first word is capitalised anyway: there it must be tagged a proper noun ("Including 20 children" counts).
  // (Checked last: the POS lookup is the dearest test and the others rule out most numbers.)
  if (!qual && before && before.t === 'w' && !compound && (c.plain !== null || (!c.digits && isCap(first))) && /[A-Z]/.test(before.s) &&
      !CAPITALISED_OK.has(before.lo) && !isMonth(before) && !WEEKDAYS.has(before.lo) && seg[c.j]?.s !== '%' && !isPercentAt(seg, c.j) &&
      (!sentenceStart(seg, k - 1) || ctx.posAt(before.start) === 'PROPN')) {
    const nx = seg[c.j];
    const counted = nx && nx.t === 'w' && nx.gap && /^[a-z]/.test(nx.s) && (COUNTED_NOUNS.has(nx.lo) || (nx.lo.endsWith('s') && nx.lo.length > 3 && !NOT_PLURAL.has(nx.lo)));
    if (!counted) return { skip: seg[c.j]?.s === '-' && attached(seg, c.j) && seg[c.j + 1]?.t === 'd' && attached(seg, c.j + 1) ? codeEnd(seg, c.j) : c.j };
  }
  if ((before?.lo === 'no' || before?.lo === 'number') && isCap(before) && c.plain !== null) return { skip: c.j };
  if (before?.s === '.' && seg[k - 2]?.lo === 'no' && isCap(seg[k - 2]) && c.plain !== null) return { skip: c.j };
  if (!c.digits && c.kind === 'ordinal' && isCap(first) && !sentenceStart(seg, c.i) && isCap(seg[c.j])) return { skip: c.j }; // "First Minister"

  // "left home at six": a clock hour.
  if (seg[c.i - 1]?.lo === 'at' && c.kind === 'cardinal' && (c.plain !== null || (!c.digits && c.j === c.i + 1))) {
    const n = toNumber(c.value);
    const nx = seg[c.j];
    if (n >= 1 && n <= 12 && (!nx || (nx.t === 'p' && nx.s !== '%' && nx.s !== '-') || AT_TIME_FOLLOWERS.has(nx.lo))) return { skip: c.j };
  }
  // Single-word pronoun "one" and time-unit "second".
  if (!c.digits && c.j === c.i + 1) {
    const prev = seg[c.i - 1]?.lo;
    if (first.lo === 'one' && ((prev && ONE_PRONOUN_BEFORE.has(prev)) || ONE_PRONOUN_AFTER.has(seg[c.j]?.lo ?? '') || seg[c.j]?.lo === 'another')) return { skip: c.j };
    // "people who never get one.": "one" as an object pronoun ending the clause.
    if (first.lo === 'one' && (!seg[c.j] || (seg[c.j].t === 'p' && seg[c.j].s !== '%')) && c.i > 0 && ctx.posAt(seg[c.i - 1].start) === 'VERB') return { skip: c.j };
    if (first.lo === 'second') {
      const nx = seg[c.j];
      const timeNext = !nx || nx.t !== 'w' || SECOND_TIME_AFTER.has(nx.lo);
      if ((prev && SECOND_TIME_BEFORE.has(prev) && timeNext) || nx?.lo === 'half' || nx?.lo === 'hand') return { skip: c.j };
    }
  }

  let kind: NumberKind = c.kind;
  let j = c.j;
  let value = c.value;
  let upper: Q | undefined;
  let pa = c.kind === 'cardinal' || c.kind === 'fraction' ? isPercentAt(seg, j) : null;
  // "one over four", "3 over 5": a fraction said with "over".
  if (!pa && c.kind === 'cardinal' && c.value.d === 1n && seg[j]?.lo === 'over' && !c.mag) {
    const b = parseCore(seg, j + 1);
    if (b && b.kind === 'cardinal' && b.value.d === 1n && !b.mag && b.digits === c.digits && cmp(c.value, b.value) < 0 && b.value.n <= 100n &&
        !(seg[b.j]?.t === 'w' && /^[a-z]/.test(seg[b.j].s) && seg[b.j].lo.endsWith('s'))) {
      return { i, j: b.j, value: q(c.value.n, b.value.n), kind: 'fraction', qualifier: qual?.qualifier };
    }
  }
  // "down from 9 points": bare points are percentage points in an article that speaks of them.
  if (!pa && c.kind === 'cardinal' && c.digits && (seg[j]?.lo === 'points' || seg[j]?.lo === 'point') && seg[j].gap && ctx.pointsArePercentage()) {
    pa = { j: j + 1, points: true };
  }
  if (pa) {
    kind = pa.points ? 'percentage_points' : 'percent';
    j = pa.j;
  }
  // Ranges: "10-12", "10–12", "10 to 12", "10%-12%", "2024-25", "3-1" (score, skipped).
  const conn = seg[j];
  if (conn && c.kind === 'cardinal' && c.digits === (seg[j + 1]?.t === 'd') ) {
    const dash = (conn.s === '-' || conn.s === '–') && !conn.gap && attached(seg, j + 1);
    const to = conn.lo === 'to' && conn.gap;
    if (dash || to) {
      const b = parseCore(seg, j + 1);
      if (b && b.kind === 'cardinal') {
        const pb = isPercentAt(seg, b.j);
        const aIsYear = isYearValue(c) && !pa;
        if (dash && aIsYear && b.plain !== null && b.plain.length === 2) {
          const u = yearRangeUpper(Number(c.plain), seg[b.i]);
          if (u !== null) return { i, j: b.j, value: c.value, upper: int(u), kind: 'year', qualifier: qual?.qualifier };
        }
        // Shared magnitude: "3-5 million" → 3 million to 5 million.
        let lowerValue = value;
        const factor = !c.mag && c.digits ? magnitudeFactor(seg, b) : null;
        if (factor) {
          const scaled = mul(c.value, factor);
          if (cmp(scaled, b.value) < 0) lowerValue = scaled;
        }
        const increasing = cmp(lowerValue, b.value) < 0;
        if (dash && c.plain !== null && b.plain !== null && !pa && !pb) {
          const scoreContext = [seg[i - 1], seg[i - 2], seg[i - 3], seg[b.j], seg[b.j + 1]].some((x) => x && SCORE_WORDS.has(x.lo));
          // Scores and tallies ("won 3-1", "passed 68-32", "a 50-50 split") are not quantities.
          if (!increasing || (scoreContext && Number(c.plain) <= 30 && Number(b.plain) <= 30)) return { skip: b.j };
        }
        const prevFrom = seg[i - 1]?.lo === 'from';
        // "rose from 10 to 12" and "cut by 5 to 20" are changes, not ranges.
        const changeBefore = (prevFrom && seg[i - 2] && CHANGE_VERBS.has(seg[i - 2].lo)) || seg[i - 1]?.lo === 'by' ||
          // "it rose 5 to 10" is a change; "grew 10 to 12 per cent" (unit only on the second) a range.
          (to && !qual && !(pb && !pa) && !!seg[i - 1] && CHANGE_VERBS.has(seg[i - 1].lo) && seg[i - 1].lo !== 'up' && seg[i - 1].lo !== 'down');
        const percentCompatible = !pa || pb || to;
        if (increasing && !(to && changeBefore) && percentCompatible && !(pa && !pb && to)) {
          let endJ = b.j;
          let kk: NumberKind = kind;
          if (pb) {
            kk = pb.points ? 'percentage_points' : 'percent';
            endJ = pb.j;
          } else if (pa) {
            endJ = b.j;
          }
          if (!pa && !pb && isYearValue(c) && isYearValue(b)) kk = 'year';
          const upperDigitsDate = isMonth(seg[endJ]) && Number(c.plain ?? 99) <= 31;
          if (upperDigitsDate) return { skip: endJ + 1 };
          return { i, j: endJ, value: lowerValue, upper: b.value, kind: kk, qualifier: qual?.qualifier };
        }
      }
    }
  }
  if (kind === 'cardinal' && yearByContext(seg, c, !!qual)) kind = 'year';
  // Qualifiers after the number: "30 or more", "20 or fewer", "18 and over", "50 or so", "100-plus".
  let qualifier = qual?.qualifier;
  if (!qualifier && kind !== 'year' && kind !== 'ordinal') {
    const post = postQualifier(seg, j);
    if (post) {
      qualifier = post.qualifier;
      j = post.j;
    }
  }
  return { i, j, value, upper, kind, qualifier };
}

/** The Ctx of one article. */
class ArticleNumbers implements Ctx {
  readonly phones: [number, number][];
  private points: boolean | undefined;

  constructor(
    private readonly text: string,
    private readonly tokens: Doc['tokens'],
  ) {
    this.phones = maskedRanges(text);
  }

  pointsArePercentage(): boolean {
    return (this.points ??= /percentage[ -]points?|% points?|pct points?/i.test(this.text));
  }

  posAt(start: number): string | undefined {
    const tokens = this.tokens;
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = tokens[mid].start;
      if (s === start) return tokens[mid].pos;
      if (s < start) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

interface NumberScan {
  ctx: Ctx;
  text: string;
  warn: Warn;
  out: NumberItem[];
}

/** scanNearValues' step: the number at token i, if any, goes to `out`; returns where to go on. */
function numberAt(seg: Tok[], i: number, s: NumberScan): number {
  const m = matchAt(seg, i, s.ctx);
  if (m === null) return i + 1;
  if ('skip' in m) return Math.max(m.skip, i + 1);
  const start = seg[m.i].start;
  const end = seg[m.j - 1].end;
  const text = s.text.slice(start, end);
  const value = toNumber(m.value);
  const upper = m.upper !== undefined ? toNumber(m.upper) : undefined;
  if (!Number.isFinite(value) || (upper !== undefined && !Number.isFinite(upper))) {
    s.warn('number-out-of-range', `"${text}" is too large to store as a number`, { start, end });
    return m.j;
  }
  // Keys in the schema's order (upper before kind), so that the record is
  // taken as it is rather than copied by zod (src/core/schema-check.ts).
  const item: NumberItem = upper === undefined ? { id: '', text, start, end, value, kind: m.kind } : { id: '', text, start, end, value, upper, kind: m.kind };
  if (m.qualifier) item.qualifier = m.qualifier;
  s.out.push(item);
  return m.j;
}

/** Every number in the text with its exact value (ids n1… by start). */
export function extractNumbers(doc: Doc, warn: Warn): NumberItem[] {
  const scan: NumberScan = { ctx: new ArticleNumbers(doc.text, doc.tokens), text: doc.text, warn, out: [] };
  for (const seg of lexDoc(doc)) scanNearValues(seg, REACH, numberAt, scan);
  const out = scan.out.sort(bySpan);
  for (let n = 0; n < out.length; n++) out[n].id = `n${n + 1}`;
  return out;
}
