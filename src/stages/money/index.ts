/**
 * The money stage (issue 5): amounts with ISO 4217 currency, exact amount,
 * qualifier, rate and conversions, over the same tokens and grammar as the
 * numbers stage. Spans cover the qualifier words and the whole amount
 * ("an estimated $10bn"), so the pipeline's removal of numbers overlapping a
 * money item takes the amount's digits out of `numbers`. A rate ("a year")
 * sets `per` but stays outside the span; a rate after a conversion applies to
 * both sides ("$10bn (£7.7bn) a year").
 */
import type { MoneyItem, NumberItem, Qualifier } from '../../../schemas/record.ts';
import type { Doc } from '../../core/types.ts';
import { bySpan } from '../../core/span.ts';
import { dict, lexDoc, TokenMarks, VALUE_MARKS, type Tok } from '../numbers/lex.ts';
import { attached, magnitudeFactor, mayStartNumber, nextValueToken, parseCore, parseQualifier, postQualifier, scanNearValues } from '../numbers/parse.ts';
import { cmp, div, fromDecimal, add, int, mul, toNumber, type Q } from '../numbers/rational.ts';
import type { Warn } from '../types.ts';
import {
  AMBIGUOUS_NAMES, WORD_DOLLAR, CODE_ALIASES, CODES, DOLLAR_PREFIX, LOWER_CODES, MINOR, NAME_ADJECTIVES, NAMES, nameStem,
  PREFIX_ABBREV, SYMBOLS,
} from './currencies.ts';

type Per = NonNullable<MoneyItem['per']>;

/** A currency as read; null is "the article's dollar", resolved by defaultDollar. */
type Cur = string | null;

interface Amount {
  i: number;
  j: number;
  value: Q;
  /** undefined: no currency written; null: a dollar to resolve. */
  cur: Cur | undefined;
  mag: Q | null;
  hasMag: boolean;
}

/** Every word that can begin a currency prefix, exactly as written (a quick first filter). */
const PREFIX_WORDS = new Set<string>([
  ...Object.keys(DOLLAR_PREFIX), ...Object.keys(DOLLAR_PREFIX).map((x) => x.toLowerCase()), ...CODES,
  ...Object.keys(CODE_ALIASES), ...LOWER_CODES, ...Object.keys(PREFIX_ABBREV), 'U', 'u',
]);
/** They are all short (codes, abbreviations): a length test rules most words out before hashing them. */
const PREFIX_MAX_LENGTH = Math.max(...[...PREFIX_WORDS].map((w) => w.length));

/** The currency written before an amount at k ("$", "US$", "£", "USD", "Rs."), and the token after it. */
function prefixAt(seg: Tok[], k: number): { cur: Cur; j: number } | null {
  const t = seg[k];
  if (!t) return null;
  if (t.t === 'p') {
    if (SYMBOLS[t.s] !== undefined) return { cur: SYMBOLS[t.s], j: k + 1 };
    return null;
  }
  if (t.t !== 'w' || t.s.length > PREFIX_MAX_LENGTH || !PREFIX_WORDS.has(t.s)) return null;
  const nx = seg[k + 1];
  if (nx && (nx.s === '$' || nx.s === '＄') && attached(seg, k + 1) && DOLLAR_PREFIX[t.s]) return { cur: DOLLAR_PREFIX[t.s], j: k + 2 };
  // Tokenised lower case: "hk $ 100", "us $ 5" (two letters or more: "a $5 fee" is not Australian).
  if (nx && nx.s === '$' && t.s.length >= 2 && DOLLAR_PREFIX[t.s.toUpperCase()] && (seg[k + 2]?.t === 'd' || seg[k + 2]?.s === '.')) {
    return { cur: DOLLAR_PREFIX[t.s.toUpperCase()], j: k + 2 };
  }
  // "U.S.$"
  if (t.lo === 'u' && nx?.s === '.' && seg[k + 2]?.lo === 's' && seg[k + 3]?.s === '.' && seg[k + 4]?.s === '$' &&
      attached(seg, k + 1) && attached(seg, k + 2) && attached(seg, k + 3) && (attached(seg, k + 4) || t.s === 'u')) {
    return { cur: 'USD', j: k + 5 };
  }
  let code: string | undefined;
  if (CODES.has(t.s)) code = t.s;
  else if (CODE_ALIASES[t.s]) code = CODE_ALIASES[t.s];
  else if (LOWER_CODES.has(t.s)) code = CODE_ALIASES[t.s.toUpperCase()] ?? t.s.toUpperCase();
  if (code) {
    let j = k + 1;
    if ((seg[j]?.s === '$' || seg[j]?.s === '.') && attached(seg, j)) j++; // "USD$5", "USD.5"? keep simple
    return { cur: code, j };
  }
  const abbr = PREFIX_ABBREV[t.s];
  if (abbr) {
    let j = k + 1;
    if (seg[j]?.s === '.' && attached(seg, j)) j++;
    return { cur: abbr, j };
  }
  return null;
}

/**
 * A currency name after the amount (with country adjectives: "Australian
 * dollars", "Hong Kong dollars", "pounds sterling"), an ISO code or a symbol.
 */
function suffixAt(seg: Tok[], j: number, hasMag: boolean): { cur: Cur; j: number } | null {
  const t = seg[j];
  if (!t) return null;
  if (t.t === 'p') {
    if (SYMBOLS[t.s] !== undefined && (t.s !== '$' || !t.gap || !seg[j + 1] || (seg[j + 1].t === 'p' && seg[j + 1].s !== '$'))) return { cur: SYMBOLS[t.s], j: j + 1 };
    return null;
  }
  if (t.t !== 'w') return null;
  if (CODES.has(t.s) || CODE_ALIASES[t.s] || LOWER_CODES.has(t.s)) {
    return { cur: CODE_ALIASES[t.s.toUpperCase()] ?? t.s.toUpperCase(), j: j + 1 };
  }
  // Up to three adjective words before the name.
  for (let m = j; m < j + 4 && m < seg.length; m++) {
    const n = seg[m];
    if (n.t !== 'w') {
      if (n.s === '.' && m > j) continue; // "U.S. dollars"
      return null;
    }
    const name = NAMES[n.lo];
    if (name === undefined) {
      // Only country words may stand between the amount and the name ("10 New Zealand dollars").
      if (m - j >= 3 || !(ADJECTIVE_WORDS.has(n.lo) || /^[A-Z]/.test(n.s))) return null;
      continue;
    }
    const stem = nameStem(n.lo);
    let cur: Cur = name;
    let adjectiveFound = false;
    if (m > j) {
      const adjs = NAME_ADJECTIVES[stem];
      // The adjective nearest the name decides ("New Zealand dollars", "South Korean won").
      let p = m - 1;
      while (p >= j && seg[p].t !== 'w') p--;
      const adj = p >= j ? seg[p].lo : '';
      const code = adjs && Object.hasOwn(adjs, adj) ? adjs[adj] : adj === 's' && seg[p - 2]?.lo === 'u' ? adjs?.us : undefined;
      if (!code) return null;
      cur = code;
      adjectiveFound = true;
    }
    if (AMBIGUOUS_NAMES.has(n.lo) && !hasMag && !adjectiveFound) return null;
    let end = m + 1;
    if ((n.lo === 'pounds' || n.lo === 'pound') && seg[end]?.lo === 'sterling') end++;
    if ((n.lo === 'pounds' || n.lo === 'pound') && seg[end]?.lo === 'of' && !hasMag) return null; // "20 pounds of rice" weighs
    return { cur, j: end };
  }
  return null;
}

const ADJECTIVE_WORDS = new Set([
  ...Object.values(NAME_ADJECTIVES).flatMap((m) => Object.keys(m)),
  'new', 'hong', 'south', 'north', 'sri', 'u', 's', 'east', 'west', 'central', 'saudi', 'costa', 'united', 'states',
]);

/** A minor unit after the amount: "50p", "50 pence", "99 cents", "99c", "20 euro cents". */
function minorAt(seg: Tok[], j: number): { cur: Cur; j: number } | null {
  const t = seg[j];
  if (!t) return null;
  if (t.lo === 'euro' && (seg[j + 1]?.lo === 'cents' || seg[j + 1]?.lo === 'cent')) return { cur: 'EUR', j: j + 2 };
  if (t.s === '¢') return { cur: null, j: j + 1 };
  if (t.t !== 'w') return null;
  if ((t.s === 'p' || t.s === 'c') && !t.gap) {
    const after = seg[j + 1];
    if (after && after.t === 'w' && !after.gap) return null;
    return { cur: MINOR[t.s], j: j + 1 };
  }
  if (t.lo === 'pence' || t.lo === 'cents' || t.lo === 'cent' || t.lo === 'paise' || t.lo === 'kopecks') {
    if (t.lo === 'cent' && seg[j - 1]?.lo === 'per') return null;
    return { cur: MINOR[t.lo], j: j + 1 };
  }
  return null;
}

/** "a dollar", "a pound", "one euro": the amount 1 before a singular name. */
const ONE_WORD = new Set(['a', 'an']);
const SINGULAR_NAMES = new Set(['dollar', 'euro', 'pound', 'yen', 'yuan', 'rupee', 'buck', 'quid', 'franc', 'penny', 'cent']);

// Names read as one carry a value too ("a dollar").
for (const word of SINGULAR_NAMES) VALUE_MARKS.words.add(word);

/**
 * Every amount holds the token its currency is read from: a symbol, a code,
 * a prefix abbreviation, a name or a minor unit (a letter prefix such as the
 * C of C$ always comes with its $). Kept in lower case, a superset of the
 * exact-case tables, so a line without any such token is skipped whole.
 */
const CURRENCY_MARKS = new TokenMarks();
for (const word of [
  ...CODES, ...Object.keys(CODE_ALIASES), ...LOWER_CODES, ...Object.keys(PREFIX_ABBREV), ...Object.keys(NAMES),
  ...Object.keys(MINOR), ...SINGULAR_NAMES, ...Object.keys(SYMBOLS),
]) {
  CURRENCY_MARKS.words.add(word.toLowerCase());
}
for (const symbol of Object.keys(SYMBOLS)) CURRENCY_MARKS.symbols.add(symbol);
for (const symbol of Object.keys(MINOR)) CURRENCY_MARKS.symbols.add(symbol);
CURRENCY_MARKS.refresh();

/** The line has a token that may name a currency (most lines have none). */
function mayHoldCurrency(seg: Tok[]): boolean {
  for (const t of seg) {
    if (t.t === 'w' ? CURRENCY_MARKS.hasWord(t.lo) : t.t === 'p' && CURRENCY_MARKS.hasSymbol(t.s.charCodeAt(0), t.s)) return true;
  }
  return false;
}
/**
 * How far before its first value token an amount can start: a three-word
 * qualifier, "between", the five tokens of "U.S.$", a sign and "." lead
 * "no more than between U.S.$-.5 and 1" (value 11 tokens on). Starts farther
 * from the next value token give nothing.
 */
const REACH = 11;

/** One amount with its currency at k, or a bare number (cur undefined) usable as a range's first half. */
function amountAt(seg: Tok[], k: number, ctx: MoneyCtx): Amount | null {
  const prefix = prefixAt(seg, k);
  const n0 = prefix ? prefix.j : k;
  const t = seg[n0];
  if (!t) return null;
  if (!prefix && ONE_WORD.has(t.lo) && SINGULAR_NAMES.has(seg[n0 + 1]?.lo ?? '') && seg[n0 + 2]?.lo !== 'of') {
    const nm = seg[n0 + 1].lo;
    if (nm === 'penny' || nm === 'cent') return { i: k, j: n0 + 2, value: q100(), cur: nm === 'penny' ? 'GBP' : null, mag: null, hasMag: false };
    return { i: k, j: n0 + 2, value: int(1), cur: NAMES[nm] ?? null, mag: null, hasMag: false };
  }
  const core = parseCore(seg, n0, { money: true });
  if (!core || core.kind === 'ordinal') return null;
  if (core.kind === 'fraction' && !core.mag && !core.digits) return null;
  // The digits must stand alone: not "A380", not "COVID-19".
  if (!prefix && core.digits && seg[core.i].t === 'd' && !seg[core.i].gap && seg[core.i - 1]?.t === 'w') return null;
  let value = core.value;
  let j = core.j;
  let cur: Cur | undefined = prefix ? prefix.cur : undefined;
  const magQ = magnitudeFactor(seg, core);
  // "a 10-cent rise", "a 20-dollar bill": the name joined by a hyphen.
  const hyphenName = seg[j]?.s === '-' && !seg[j].gap && seg[j + 1]?.t === 'w' && attached(seg, j + 1);
  if (!prefix && hyphenName) {
    const nm = seg[j + 1].lo;
    if ((nm === 'cent' || nm === 'pence' || nm === 'penny') && !core.mag) {
      return { i: k, j: j + 2, value: div(value, int(100)), cur: nm === 'cent' ? null : 'GBP', mag: null, hasMag: false };
    }
    // "a 10-pound bag" in an article with no British clue is a weight.
    if (nm === 'dollar' || (nm === 'pound' && ctx.poundsAreMoney()) || nm === 'euro' || nm === 'yen' || nm === 'rupee') {
      return { i: k, j: j + 2, value, cur: NAMES[nm], mag: magQ, hasMag: core.mag };
    }
  }
  if (!prefix) {
    const minorTok = seg[j];
    const minor = !core.mag && (core.digits || (minorTok && minorTok.gap && minorTok.t === 'w' && minorTok.s.length > 1)) ? minorAt(seg, j) : null;
    if (minor) {
      return { i: k, j: minor.j, value: div(value, int(100)), cur: minor.cur, mag: null, hasMag: false };
    }
  }
  let suffix = suffixAt(seg, j, core.mag);
  // "lost 20 pounds": after a word about weight, in an article with no British clue, pounds weigh.
  if (suffix && !prefix && !core.mag && (seg[j].lo === 'pounds' || seg[j].lo === 'pound') && weightCue(seg, k) && !ctx.poundsAreMoney()) suffix = null;
  if (suffix) {
    // "$10 USD" / "£5bn sterling": the written code wins over a bare dollar sign.
    if (cur === undefined || cur === null) cur = suffix.cur;
    j = suffix.j;
    // "3 dollars and 50 cents"
    if (seg[j]?.lo === 'and' && seg[j + 1]) {
      const cents = parseCore(seg, j + 1);
      if (cents && cents.kind === 'cardinal' && !cents.mag && cents.value.d === 1n && cents.value.n < 100n && (seg[cents.j]?.lo === 'cents' || seg[cents.j]?.lo === 'pence' || seg[cents.j]?.lo === 'cent')) {
        value = add(value, div(cents.value, int(100)));
        j = cents.j + 1;
      }
    }
  }
  return { i: k, j, value, cur, mag: magQ, hasMag: core.mag };
}

function q100(): Q {
  return fromDecimal('0', '01');
}

const PER_WORDS: Record<string, Per> = dict({
  year: 'year', annum: 'year', yr: 'year', month: 'month', mo: 'month', week: 'week', wk: 'week', day: 'day',
  night: 'day', hour: 'hour', hr: 'hour', head: 'person', person: 'person', capita: 'person', adult: 'person',
  child: 'person', pupil: 'person', student: 'person', employee: 'person', worker: 'person', passenger: 'person',
  resident: 'person', household: 'person', share: 'unit', unit: 'unit', item: 'unit', piece: 'unit', barrel: 'unit',
  tonne: 'unit', ton: 'unit', kilo: 'unit', kg: 'unit', litre: 'unit', liter: 'unit', gallon: 'unit', ounce: 'unit',
  ticket: 'unit', dose: 'unit', bottle: 'unit', pack: 'unit', copy: 'unit', room: 'unit',
});
const PER_ADVERBS: Record<string, Per> = dict({
  annually: 'year', yearly: 'year', monthly: 'month', weekly: 'week', daily: 'day', hourly: 'hour', each: 'unit', apiece: 'unit',
});

/** A rate after the amount at j: "a year", "per person", "/month", "annually" (a closing bracket may come first). */
function perAt(seg: Tok[], j: number): Per | undefined {
  let k = j;
  if (seg[k]?.s === ')') k++;
  const t = seg[k];
  if (!t) return undefined;
  if (t.t === 'w' && PER_ADVERBS[t.lo]) return PER_ADVERBS[t.lo];
  if (t.lo === 'a' || t.lo === 'an' || t.lo === 'per' || t.lo === 'every' || t.s === '/') {
    let m = k + 1;
    if (t.lo === 'a' && seg[m]?.s === '-' && attached(seg, m)) m++;
    const u = seg[m]?.lo;
    if (u && PER_WORDS[u]) return PER_WORDS[u];
    // "per hectare", "per kilowatt hour": any other unit of measure.
    if (t.lo === 'per' && u && seg[m].t === 'w' && u !== 'cent' && u !== 'the' && u !== 'a') return 'unit';
  }
  if (t.s === '-' && !t.gap && seg[k + 1]?.lo === 'a' && seg[k + 2]?.s === '-' && PER_WORDS[seg[k + 3]?.lo ?? '']) return PER_WORDS[seg[k + 3].lo];
  return undefined;
}

/** Verbs of change before "from X to Y": two amounts, not a range. */
const CHANGE_VERBS = /^(?:rose|risen|rise|rising|fell|fallen|fall|falling|increased?|decreased?|dropped|drop|jumped|climbed|grew|grown|declined|cut|raised|lowered|went|changed|moved|slipped|surged|soared|plunged|plummeted|edged|reduced|boosted|expanded|shrank|tumbled|slumped|doubled|tripled|halved|widened|narrowed|swelled|slid|sank|rebounded|recovered|revised|lifted|hiked|trimmed|slashed|up|down)$/;

const WEIGHT_CUES = new Set([
  'lost', 'lose', 'loses', 'losing', 'gained', 'gain', 'gains', 'gaining', 'weighs', 'weighed', 'weighing', 'weigh',
  'weight', 'heavy', 'heavier', 'shed', 'shedding', 'lifted', 'lifting', 'lift', 'lifts', 'carrying', 'carried',
  'pressed', 'benched', 'squatted', 'dropped', 'put', 'packed', 'baby', 'born',
]);

/** A word about weight among the three before the amount. */
function weightCue(seg: Tok[], k: number): boolean {
  for (let m = Math.max(0, k - 3); m < k; m++) if (WEIGHT_CUES.has(seg[m].lo)) return true;
  return false;
}

interface MoneyCtx {
  /** The article gives a British clue, so a bare "pounds" is sterling rather than a weight. */
  poundsAreMoney(): boolean;
}

const BRITISH_CLUE = /£|\bsterling\b|\bGBP\b|\bpence\b|\b(?:UK|U\.K\.|Britain|British|England|English|London|Scotland|Scottish|Wales|Welsh|Northern Ireland)\b/;

interface Found {
  i: number;
  j: number;
  amount: Q;
  upper: Q | undefined;
  cur: Cur;
  qualifier: Qualifier | undefined;
  per: Per | undefined;
  equivalentOf: Found | undefined;
}

/**
 * A Found with every field present from the start, so that all of them
 * share one hidden class: a range's "upper", and the "per" and
 * "equivalentOf" set later, had given the rare ones (a conversion, "$10bn
 * (£7.7bn)") shapes of their own, and the first such amount of a run threw
 * extractMoney's optimised code away ("wrong map", --trace-deopt of a pool
 * worker, scratch, 2026-12-08).
 */
function found(i: number, j: number, amount: Q, upper: Q | undefined, cur: Cur, qualifier: Qualifier | undefined): Found {
  return { i, j, amount, upper, cur, qualifier, per: undefined, equivalentOf: undefined };
}

function matchAt(seg: Tok[], i: number, ctx: MoneyCtx): Found | null {
  if (!mayStartNumber(seg[i]) && !prefixAt(seg, i)) return null;
  const qual = parseQualifier(seg, i);
  let k = qual ? qual.j : i;
  const between = seg[k]?.lo === 'between';
  if (between) k++;
  const a = amountAt(seg, k, ctx);
  if (!a) return null;
  const conn = seg[a.j];
  if (conn && ((conn.s === '-' || conn.s === '–' || conn.s === '—') || (conn.lo === 'to' && !between) || (between && conn.lo === 'and'))) {
    const b = amountAt(seg, a.j + 1, ctx);
    const compatible = b && (a.cur !== undefined || b.cur !== undefined) && (a.cur === undefined || b.cur === undefined || a.cur === b.cur);
    if (b && compatible) {
      let lower = a.value;
      if (!a.hasMag && b.mag) {
        const scaled = mul(a.value, b.mag);
        if (cmp(scaled, b.value) < 0) lower = scaled;
      }
      // "rose from $3m to $5m" and "cut by £129 to £1,720" are changes, not ranges.
      const fromChange = (seg[k - 1]?.lo === 'from' && CHANGE_VERBS.test(seg[k - 2]?.lo ?? '')) || seg[k - 1]?.lo === 'by' ||
        (conn.lo === 'to' && !qual && CHANGE_VERBS.test(seg[k - 1]?.lo ?? '')); // "shares rose 5p to 120p"
      if (cmp(lower, b.value) < 0 && !fromChange) {
        return found(i, b.j, lower, b.value, (a.cur !== undefined ? a.cur : b.cur) as Cur, qual?.qualifier);
      }
    }
  }
  if (a.cur === undefined) return null;
  let qualifier = between ? undefined : qual?.qualifier;
  let j = a.j;
  if (!qualifier) {
    const post = postQualifier(seg, j); // "$10m or more"
    if (post) {
      qualifier = post.qualifier;
      j = post.j;
    }
  }
  return found(between ? k : i, j, a.value, undefined, a.cur, qualifier);
}

/** Dollar amounts written with an explicit country prefix or code. */
const MARKED_US = /\bUS\$|\bU\.S\.\$|\bUSD\b/g;
const MARKED_OTHER = /(?:\b(?:A|AU|C|CA|NZ|HK|S|SG|NT)\$)|\b(?:AUD|CAD|NZD|HKD|SGD|TWD)\b/g;
/** Mentions of dollar countries (names of their dollars count too). */
const COUNTRY_MENTIONS: [code: string, mention: RegExp, literal: string][] = [
  ['AUD', /\bAustralian?s?\b/g, 'Australia'],
  ['CAD', /\bCanad(?:a|ian|ians)\b/g, 'Canad'],
  ['NZD', /\bNew Zealand(?:ers?)?\b/g, 'New Zealand'],
  ['HKD', /\bHong Kong\b/g, 'Hong Kong'],
  ['SGD', /\bSingapore(?:an)?s?\b/g, 'Singapore'],
  ['TWD', /\bTaiwan(?:ese)?\b/g, 'Taiwan'],
];
const US_MENTIONS = /\b(?:US|U\.S\.|USA|United States|America|American|Americans|Washington)\b/g;

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/**
 * What a bare "$" or "dollars" means in this article (issue 5: USD unless
 * the article is clearly about another dollar country). A writer who marks
 * some dollars explicitly marks the ones that are NOT the article's default:
 * Reuters writes A$ for Australian amounts and $ for US ones, while
 * Australian and Canadian outlets write US$ for US amounts and $ for their own.
 * 1. explicit non-US prefixes (A$, C$, HK$, AUD…) and no US$ → USD;
 * 2. else a dollar country named at least 3 times and more than twice as
 *    often as the US → that country's dollar;
 * 3. else USD.
 */
export function defaultDollar(text: string): string {
  if (!text.includes('$') && !/dollar/i.test(text)) return 'USD';
  const markedUs = count(text, MARKED_US);
  const markedOther = count(text, MARKED_OTHER);
  if (markedOther > 0 && markedUs === 0) return 'USD';
  let us: number | undefined;
  let best = 'USD';
  let bestN = 0;
  for (const [code, re, literal] of COUNTRY_MENTIONS) {
    // Every mention holds the literal, and includes() rules most articles out far faster than the regex.
    const n = text.includes(literal) ? count(text, re) : 0;
    if (n < 3) continue;
    // The US count only matters against a country named at least 3 times.
    us ??= count(text, US_MENTIONS) - markedUs;
    if (n > 2 * us && n > bestN) [best, bestN] = [code, n];
  }
  return best;
}

/**
 * What the bare word "dollars" means: someone quoted saying "three million
 * dollars" speaks of the home currency, so when an article marks all its
 * amounts with one foreign-dollar prefix (A$, C$…) and never US$, that is the
 * dollar; otherwise the same as "$".
 */
export function homeDollar(text: string): string {
  if (count(text, MARKED_US) === 0) {
    const codes = new Map<string, number>();
    MARKED_PREFIX.lastIndex = 0;
    for (let m = MARKED_PREFIX.exec(text); m; m = MARKED_PREFIX.exec(text)) {
      const code = DOLLAR_PREFIX[m[1]];
      if (code) codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    if (codes.size === 1) return [...codes.keys()][0];
  }
  return defaultDollar(text);
}
const MARKED_PREFIX = /\b(A|AU|C|CA|NZ|HK|S|SG|NT)\$/g;

/** "¥" is the Chinese yuan when the article speaks of yuan/renminbi or of China far more than Japan; else the Japanese yen. */
export function yenSign(text: string): string {
  if (/\b(?:yuan|renminbi|RMB|CNY)\b/i.test(text)) return 'CNY';
  const china = count(text, /\bChin(?:a|ese)\b/g);
  const japan = count(text, /\bJapan(?:ese)?\b/g);
  return china >= 2 && china > 2 * japan ? 'CNY' : 'JPY';
}

/**
 * What this article's bare "$", "dollars" and "¥" mean and whether "pounds"
 * is money, each worked out on first use (a class, not closures: tsx wraps
 * every named arrow function in a __name call each time it is created).
 */
class ArticleCurrencies implements MoneyCtx {
  private dollar: string | undefined;
  private dollarWord: string | undefined;
  private yen: string | undefined;
  private pounds: boolean | undefined;
  constructor(private readonly text: string) {}

  resolve(c: Cur, sym: boolean): string {
    if (c === null) return (this.dollar ??= defaultDollar(this.text));
    if (c === WORD_DOLLAR) return (this.dollarWord ??= homeDollar(this.text));
    if (c === 'JPY' && sym) return (this.yen ??= yenSign(this.text));
    return c;
  }

  poundsAreMoney(): boolean {
    return (this.pounds ??= BRITISH_CLUE.test(this.text));
  }
}

/** Money amounts with ISO currency (ids m1… by start). */
export function extractMoney(doc: Doc, numbers: NumberItem[], warn: Warn): MoneyItem[] {
  void numbers;
  const text = doc.text;
  if (!/[$£€¥₹₩₽₺₪₦฿₱₫₴₨元￥﹩＄¢\d]|dollar|pound|euro|yen|yuan|rupee|franc|cent|pence|bucks|quid/i.test(text) ) return [];
  const ctx = new ArticleCurrencies(text);
  const all: { f: Found; seg: Tok[] }[] = [];
  for (const seg of lexDoc(doc)) {
    // The value test is a field read, the currency test a lookup per token: the cheap one first.
    if (nextValueToken(seg, 0) === seg.length || !mayHoldCurrency(seg)) continue;
    const scan: MoneyScan = { ctx, found: [] };
    scanNearValues(seg, REACH, moneyAt, scan);
    const found = scan.found;
    // Conversions: "$10bn (£7.7bn)", "£5m, or $6.5m", "(£7.7bn; €9bn)".
    for (let n = 1; n < found.length; n++) {
      const x = found[n - 1];
      const y = found[n];
      const base = x.equivalentOf ?? x;
      const differs = ctx.resolve(y.cur, true) !== ctx.resolve(base.cur, true);
      // Every link below is at most two tokens long.
      if (!differs || y.i - x.j > 2) continue;
      const between = seg.slice(x.j, y.i).map((t) => t.lo).join(' ');
      if (between === '(' || between === '[' || between === '( or' || between === ', or' || between === 'or' || between === '( about' || between === '/') {
        y.equivalentOf = base;
      } else if (x.equivalentOf && (between === ',' || between === ';' || between === 'or' || between === ', or' || between === '/')) {
        y.equivalentOf = base;
      }
    }
    // A rate after the conversion applies to the original too ("$10bn (£7.7bn) a year"), and back.
    // "£1,720 a month, up from £1,500": the figure compared against keeps the rate.
    for (let n = 1; n < found.length; n++) {
      const x = found[n - 1];
      const y = found[n];
      if (!y.per && x.per && y.i - x.j <= 8 && seg[y.i - 1]?.lo === 'from' && ctx.resolve(x.cur, true) === ctx.resolve(y.cur, true)) y.per = x.per;
    }
    for (const f of found) {
      if (f.equivalentOf) {
        f.equivalentOf.per ??= f.per;
        f.per ??= f.equivalentOf.per;
      }
    }
    for (const f of found) all.push({ f, seg });
  }
  // Each item beside the match it came from, which the conversions link.
  const placed: Placed[] = [];
  for (const { f, seg } of all) {
    const start = seg[f.i].start;
    const end = seg[f.j - 1].end;
    const amount = toNumber(f.amount);
    const upper = f.upper !== undefined ? toNumber(f.upper) : undefined;
    if (!Number.isFinite(amount) || (upper !== undefined && !Number.isFinite(upper))) {
      warn('money-out-of-range', 'an amount too large to store as a number', { start, end });
      continue;
    }
    const currency = ctx.resolve(f.cur, true);
    // Keys in the schema's order (upper before currency; the optional ones
    // after it are added in order), so that the record is taken as it is
    // rather than copied by zod (src/core/schema-check.ts).
    const item: MoneyItem =
      upper === undefined
        ? { id: '', text: text.slice(start, end), start, end, amount, currency }
        : { id: '', text: text.slice(start, end), start, end, amount, upper, currency };
    if (f.qualifier) item.qualifier = f.qualifier;
    if (f.per) item.per = f.per;
    placed.push({ item, f });
  }
  placed.sort(byItemSpan);
  const idOf = new Map<Found, string>();
  for (let n = 0; n < placed.length; n++) {
    placed[n].item.id = `m${n + 1}`;
    idOf.set(placed[n].f, placed[n].item.id);
  }
  const items: MoneyItem[] = [];
  for (const { item, f } of placed) {
    if (f.equivalentOf && idOf.has(f.equivalentOf)) item.equivalentOf = idOf.get(f.equivalentOf);
    items.push(item);
  }
  return items;
}

interface Placed {
  item: MoneyItem;
  f: Found;
}

/** bySpan on the items (module-level: README, Design). */
function byItemSpan(a: Placed, b: Placed): number {
  return bySpan(a.item, b.item);
}

interface MoneyScan {
  ctx: MoneyCtx;
  found: Found[];
}

/** scanNearValues' step: the amount at token i, if any, goes to `found`; returns where to go on. */
function moneyAt(seg: Tok[], i: number, s: MoneyScan): number {
  const m = matchAt(seg, i, s.ctx);
  if (!m) return i + 1;
  m.per = perAt(seg, m.j);
  s.found.push(m);
  return m.j;
}
