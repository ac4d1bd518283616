/**
 * Finding and typing entity mentions: the tagger's spans, cut to the name
 * alone (no honorific, leading "the", possessive 's or punctuation), split at
 * list commas, and typed with the gazetteer and head words; plus gazetteer
 * names the tagger missed where the gazetteer is unambiguous.
 */
import type { EntityType } from '../../../schemas/record.ts';
import type { Doc, Token } from '../../core/types.ts';
import { byStart } from '../../core/span.ts';
import { orderByKey } from '../../core/sort.ts';
import { loadGazetteer, matchGazetteer, NO_CLASSES, type Gazetteer } from '../../ner/gazetteer.ts';
import { tagEntities } from '../../ner/tagger.ts';
import { EVENT_HEADS, FAC_HEADS, HONORIFICS, LAW_HEADS, LOC_FIRST, LOC_HEADS, NAME_PARTICLES, ORG_HEADS, STREET_HEADS, WEAK_EVENT_HEADS, WORK_NOUNS } from './lexicon.ts';

export interface Mention {
  /** Token index range [start, end). */
  start: number;
  end: number;
  type: EntityType;
  /** The tagger's CoNLL type (or the type a gazetteer match stands for). */
  source: string;
  /** Character span, when the mention is only part of its token ("Russian" in "pro-Russian"). */
  chars?: [number, number];
}

const ORG_CLASSES = new Set(['PLATFORM_X', 'PARTY_WEAK', 'MEDIA_WEAK', 'GOV_WEAK', 'COMPANY_WEAK', 'IGO_WEAK', 'PLATFORM_WEAK', 'PARTY', 'PLATFORM', 'COMPANY', 'COMPANY_PLATFORM', 'MEDIA', 'IGO', 'GOV', 'ORG', 'ORG_IGO', 'SPORTS']);
const GPE_CLASSES = new Set(['COUNTRY', 'CITY', 'REGION']);
/** Classes trusted without the tagger: a capitalised match is taken as a mention. */
const FALLBACK_CLASSES = new Set(['COUNTRY', 'NORP', 'PARTY', 'PLATFORM', 'COMPANY_PLATFORM', 'IGO', 'ORG_IGO', 'MEDIA', 'GOV', 'PLATFORM_X', 'LOC_CHANNEL']);
const PLATFORM_CLASSES = new Set(['PLATFORM', 'COMPANY_PLATFORM', 'PLATFORM_WEAK']);

const STRONG_HEADS = new Set(['Airport', 'Stadium', 'Summit', 'Games', 'Olympics', 'Cup', 'Conference', 'Act', 'Treaty', 'Agreement', 'Championship', 'Championships', 'Festival', 'Hospital', 'Station', 'Cathedral', 'Palace', 'Museum']);
const ORG_WORDS = /^(Inc|Corp|Co|Ltd|Plc|PLC|Group|Bank|Holdings|Brothers|Bros|Partners|Associates|Capital|Securities|Motors|Airlines|Airways|Energy|Oil|Media|Records|Press|Books|Foods|Systems|Technologies|International|United|City|Town|Rovers|Athletic|Wanderers|County|Party|Union|Institute|University|College|School|Foundation|Trust|Council|Committee|Agency|Ministry|Department|Office|Club|Team|Association|Federation|League)\.?$/;
/** Last words only organisations end in, which overrule a PER tag ("Harlan Brothers", "Aurelia Partners"). */
const CORPORATE_TAILS = new Set(['Inc', 'Corp', 'Corporation', 'Ltd', 'Limited', 'Plc', 'PLC', 'LLC', 'LLP', 'GmbH', 'Group', 'Holdings', 'Partners', 'Associates', 'Brothers', 'Bros', 'Airlines', 'Airways', 'Foundation', 'Institute', 'Agency', 'Council', 'Committee', 'Commission', 'Department', 'Ministry', 'University', 'College', 'Association', 'Federation', 'Society', 'Party', 'Union', 'Office', 'Authority', 'Bureau', 'Board', 'Trust', 'Bank', 'Service', 'Executive']);
/** Words that form names with a possessive: "Children’s Hospice", "Regent’s Canal", "Women’s Institute". */
const POSSESSIVE_NAMES = new Set(['Children', 'Women', 'Men', 'People', 'Regent', 'King', 'Queen', 'Prince', 'St', 'Saint', 'Lord', 'Lady', 'Young', 'Veterans', 'Workers', 'Teachers', 'Nurses', 'Farmers', 'Citizens', 'Traders', 'Builders', 'Growers', 'Governors', 'Peoples']);
const DATE_WORDS = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;
const isPunct = (t: Token) => t.kind === 'punctuation' || t.kind === 'symbol';
const isPossessive = (t: Token) => /^['’]s?$/i.test(t.text);
const isCap = (s: string) => s.charAt(0) !== s.charAt(0).toLowerCase();

/** Text of tokens [a, b) as it stands in the document. */
export function spanText(doc: Doc, a: number, b: number): string {
  return doc.text.slice(doc.tokens[a].start, doc.tokens[b - 1].end);
}

const titleCaseWord = (w: string) => w.charAt(0) + w.slice(1).toLowerCase();

const isCountryOrNorp = (c: string) => c === 'COUNTRY' || c === 'NORP';
const isOtherThanNameOrCompany = (c: string) => c !== 'COMPANY' && c !== 'FIRST' && c !== 'LAST';

/** Gazetteer classes of the exact phrase (also its title-case form for an all-caps phrase). */
function phraseClasses(gz: Gazetteer, phrase: string): readonly string[] {
  const hit = gz.phrases.get(phrase);
  if (hit) return hit;
  // (An ASCII lower-case letter in the first two places: not all caps, without mapping case.)
  const c0 = phrase.charCodeAt(0);
  const c1 = phrase.charCodeAt(1);
  if ((c0 >= 97 && c0 <= 122) || (c1 >= 97 && c1 <= 122)) return NO_CLASSES;
  if (phrase.length > 1 && phrase === phrase.toUpperCase()) {
    const titled = phrase.replace(/\p{L}+/gu, titleCaseWord);
    return gz.phrases.get(titled) ?? NO_CLASSES;
  }
  return NO_CLASSES;
}

/**
 * HONORIFICS by the lower-case form of their first word, each list in
 * HONORIFICS order (longest first): a token can only start the honorifics
 * filed under its own lower-case form, and scanning all of them per token was
 * a tenth of the stage's time.
 */
const HONORIFICS_BY_FIRST = new Map<string, string[][]>();
for (const h of HONORIFICS) {
  const first = h[0].toLowerCase();
  let list = HONORIFICS_BY_FIRST.get(first);
  if (!list) HONORIFICS_BY_FIRST.set(first, (list = []));
  list.push(h);
}

/** Number of tokens from `i` that form an honorific (0 if none). */
function honorificLength(doc: Doc, i: number, end: number): number {
  if (i >= end) return 0;
  const candidates = HONORIFICS_BY_FIRST.get(doc.tokens[i].text.toLowerCase());
  if (!candidates) return 0;
  for (const h of candidates) {
    if (i + h.length > end) continue;
    let ok = true;
    for (let k = 0; k < h.length && ok; k++) {
      const t = doc.tokens[i + k].text;
      ok = t === h[k] || t.toLowerCase() === h[k].toLowerCase();
    }
    // "Mr." may come as "Mr" + ".": take the dot too.
    if (ok) {
      let n = h.length;
      if (i + n < end && doc.tokens[i + n].text === '.' && !doc.tokens[i + n].spaceBefore) n++;
      return n;
    }
  }
  return 0;
}

/** Cuts [a, b) down to the name: no honorifics, leading "the", quotes, possessive 's or trailing punctuation. */
function trimName(doc: Doc, a: number, b: number): [number, number] {
  const tk = doc.tokens;
  for (let changed = true; changed && a < b; ) {
    changed = false;
    if (isPunct(tk[a]) && !/^[A-Z]/.test(tk[a].text)) {
      a++;
      changed = true;
      continue;
    }
    if (/^the$/i.test(tk[a].text) && b - a > 1) {
      a++;
      changed = true;
      continue;
    }
    // Keep a "title" that is the whole name, e.g. a person simply called "Major".
    const h = honorificLength(doc, a, b);
    if (h > 0 && h < b - a && isCap(tk[a + h].text)) {
      a += h;
      changed = true;
    }
  }
  // Possessive 's, punctuation, dangling particles, and a day or month the
  // tagger ran on into ("Open Thursday") never end a name.
  while (b > a && (isPunct(tk[b - 1]) || isPossessive(tk[b - 1]) || NAME_PARTICLES.has(tk[b - 1].text) || (b - a > 1 && /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(tk[b - 1].text)))) {
    b--;
  }
  return [a, b];
}

/** Splits a tagged span at list separators and at lower-case words that cannot be inside a name. */
function splitSpan(doc: Doc, gz: Gazetteer, a: number, b: number, type: string): Array<[number, number]> {
  const tk = doc.tokens;
  if (phraseClasses(gz, spanText(doc, a, b)).length) return [[a, b]];
  const out: Array<[number, number]> = [];
  let from = a;
  for (let i = a; i < b; i++) {
    const t = tk[i].text;
    const isSep =
      t === ',' || t === ';' || t === '/' || t === '|' || (i > a && /^['’]s$/i.test(t) && !POSSESSIVE_NAMES.has(tk[i - 1].text)) ||
      ((t === 'and' || t === 'or' || t === '&') && (type === 'LOC' || listOfNames(doc, gz, from, i, b))) ||
      (/^[a-z]+$/.test(t) && !NAME_PARTICLES.has(t) && tk[i].spaceBefore && (i + 1 >= b || tk[i + 1].spaceBefore));
    if (isSep) {
      if (i > from) out.push([from, i]);
      from = i + 1;
      continue;
    }
    // A title inside a span starts a new name: "Boxing Association President Ramon Manzanares".
    if (type !== 'PER' && i > from && isCap(t)) {
      const h = honorificLength(doc, i, b);
      if (h > 0 && i + h < b && isCap(tk[i + h].text)) {
        out.push([from, i]);
        from = i;
      }
    }
  }
  if (b > from) out.push([from, b]);
  return out;
}

/**
 * Whether "and" at token `i` joins two names rather than standing inside one
 * ("the Liberal Democrats and the SNP" but "Bosnia and Herzegovina",
 * "Procter and Gamble"): "the" follows it, or a side is a known name.
 */
function listOfNames(doc: Doc, gz: Gazetteer, from: number, i: number, b: number): boolean {
  const tk = doc.tokens;
  if (i + 1 < b && /^the$/i.test(tk[i + 1].text)) return true;
  if (i <= from || i + 1 >= b) return false;
  return phraseClasses(gz, spanText(doc, from, i)).length > 0 && phraseClasses(gz, spanText(doc, i + 1, b)).length > 0;
}

/**
 * A name glued into a hyphenated word: "Rwanda-style" → "Rwanda",
 * "pro-Russian" → "Russian". Returns the name's token range, or null when
 * [a, b) is not such a compound.
 */
function nameInCompound(doc: Doc, a: number, b: number): [number, number] | null {
  const tk = doc.tokens;
  for (let i = a + 1; i < b - 1; i++) {
    if (tk[i].text !== '-' || tk[i].spaceBefore || tk[i + 1].spaceBefore) continue;
    const after = tk[i + 1].text;
    const before = tk[i - 1].text;
    if (/^[a-z]/.test(after) && isCap(tk[a].text) && !isCap(after)) return [a, i];
    // (Not "al-Aqsa", "el-Sisi": a name particle before the hyphen is part of the name.)
    if (/^[a-z]/.test(before) && !NAME_PARTICLES.has(before) && i - 1 === a && isCap(after)) return [i + 1, b];
  }
  return null;
}

/**
 * The record type of tokens [a, b), from the tagger's CoNLL type and the
 * gazetteer. `split` marks a piece cut out of a longer tagged span, whose
 * CoNLL type belonged to the whole and so yields to the gazetteer.
 */
function typeOf(doc: Doc, gz: Gazetteer, a: number, b: number, conll: string, split = false): EntityType {
  const tk = doc.tokens;
  const text = spanText(doc, a, b);
  const head = tk[b - 1].text;
  const classes = phraseClasses(gz, text);
  const has = (set: Set<string>) => classes.some((c) => set.has(c));
  // Heads no person name ends in override a PER tag ("Paris Agreement").
  if (b - a > 1 && STRONG_HEADS.has(head)) {
    if (LAW_HEADS.has(head) || head === 'Agreement') return 'LAW';
    if (EVENT_HEADS.has(head)) return 'EVENT';
    if (FAC_HEADS.has(head)) return 'FAC';
  }
  if (conll === 'PER' && b - a > 1 && !classes.length && CORPORATE_TAILS.has(head.replace(/\.$/, ''))) return 'ORG';
  // Named storms are events ("Storm Darragh", "Hurricane Milton").
  if (b - a > 1 && /^(Storm|Hurricane|Typhoon|Cyclone|Tropical)$/.test(tk[a].text)) return 'EVENT';
  if (conll === 'PER') return 'PERSON';
  // "Elon Musk" tagged ORG: a known first name then a capitalised word that is
  // not a company word, and a phrase the gazetteer does not know, is a person.
  if (conll !== 'PER' && looksLikePersonName(doc, gz, a, b) && !classes.length) return 'PERSON';
  if (/^COP ?\d+$/i.test(text)) return 'EVENT';
  if (b - a > 1 && EVENT_HEADS.has(head) && !(WEAK_EVENT_HEADS.has(head) && conll === 'ORG')) return 'EVENT';
  if (classes.includes('NORP') || classes.includes('NORP_WEAK')) {
    if (conll === 'MISC' || classes.length === 1) return 'NORP';
  }
  if (has(GPE_CLASSES) && (conll !== 'ORG' || split)) return 'GPE';
  if (has(ORG_CLASSES)) return 'ORG';
  if (classes.some((c) => c.startsWith('LOC'))) return 'LOC';
  if (b - a > 1 && FAC_HEADS.has(head) && conll !== 'MISC') return 'FAC';
  if (b - a > 1 && STREET_HEADS.has(head)) return 'FAC';
  if (b - a > 1 && (LOC_FIRST.has(tk[a].text) || (LOC_HEADS.has(head) && conll !== 'MISC'))) return 'LOC';
  // "Pennine Valley NHS Foundation Trust", "Aurelia Partners": an organisation whatever the tagger said.
  if (b - a > 1 && ORG_HEADS.has(head.replace(/\.$/, ''))) return 'ORG';
  if (b - a > 1 && LAW_HEADS.has(head) && conll !== 'PER') return 'LAW';
  switch (conll) {
    case 'ORG':
      return 'ORG';
    case 'LOC':
      return LOC_HEADS.has(head) ? 'LOC' : 'GPE';
    case 'MISC':
      // Single capitalised words ending like demonyms (Kenyan, Sudanese, Kurdish, Israeli).
      if (b - a === 1 && /^[A-Z][a-z]+(?:ian|ean|an|ese|ish|i|ic)s?$/.test(text)) return 'NORP';
      return 'MISC';
    default:
      return 'MISC';
  }
}

/**
 * "X" names the platform only in a platform context: listed next to another
 * platform, "on X", or "X, formerly Twitter"; otherwise it is a letter.
 */
function platformContext(doc: Doc, gz: Gazetteer, i: number): boolean {
  const tk = doc.tokens;
  const sent = tk[i].sentence;
  const word = (k: number) => (k >= 0 && k < tk.length && tk[k].sentence === sent ? tk[k].text : '');
  if (/^(on|On)$/.test(word(i - 1))) return true;
  if (/^formerly$/i.test(word(i + 1)) || /^formerly$/i.test(word(i + 2))) return true;
  const isPlatform = (k: number) => phraseClasses(gz, word(k)).some((c) => PLATFORM_CLASSES.has(c));
  // Neighbours in a list: "Meta, X and TikTok".
  for (const d of [-2, 2]) {
    const sep = word(i + d / 2);
    if ((sep === ',' || sep === 'and' || sep === 'or') && isPlatform(i + d)) return true;
  }
  return false;
}

/**
 * A known first name then one or two capitalised words that are not
 * organisation or place words ("Peter Mwangi", "Kwame Asante-Boateng"): a
 * person, whatever type the tagger gave.
 */
function looksLikePersonName(doc: Doc, gz: Gazetteer, a: number, b: number): boolean {
  const tk = doc.tokens;
  const words = tk.slice(a, b).map((t) => t.text).filter((w) => w !== '-');
  if (words.length < 2 || words.length > 4 || !words.every((w) => isCap(w))) return false;
  if (!phraseClasses(gz, words[0]).includes('FIRST')) return false;
  const last = words[words.length - 1];
  if (ORG_WORDS.test(last) || ORG_HEADS.has(last) || FAC_HEADS.has(last) || LOC_HEADS.has(last) || STREET_HEADS.has(last) || EVENT_HEADS.has(last)) return false;
  return !words.slice(1).some((w) => phraseClasses(gz, w).some((c) => GPE_CLASSES.has(c) || ORG_CLASSES.has(c)));
}

/** Role words that make a mention a title, not a name ("Health Minister"). */
const ROLE_HEADS = new Set(['Minister', 'Secretary', 'Chancellor', 'President', 'Governor', 'Mayor', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Commissioner', 'Director', 'Chairman', 'Chairwoman', 'Chief', 'Officer', 'Inspector', 'Superintendent', 'Ambassador', 'Envoy']);

const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'NOK', 'SEK', 'DKK', 'CNY', 'RMB', 'HKD', 'INR', 'AUD', 'CAD', 'NZD', 'ZAR', 'BRL', 'RUB', 'KRW', 'SGD', 'MXN', 'TRY', 'PLN', 'KES', 'NGN', 'AED', 'SAR', 'ILS', 'THB', 'IDR', 'MYR', 'PHP', 'TWD', 'CZK', 'HUF', 'ARS', 'CLP', 'COP', 'EGP', 'PKR']);

/** Team and organisation words that a preceding capitalised word belongs to ("Harrowgate Rovers", "Nordlicht Institute"). */
const NAME_TAILS = new Set(['Rovers', 'United', 'City', 'Athletic', 'Wanderers', 'Albion', 'Rangers', 'Institute', 'Partners', 'Trust', 'Foundation', 'Group', 'Holdings', 'Associates', 'Bureau', 'Council', 'Agency', 'Corp', 'Inc', 'Ltd', 'Plc']);

/** Lower-case second halves of compounds that never continue a name ("Smith-led"). */
const COMPOUND_SUFFIXES = /^(led|based|born|bred|style|era|backed|owned|run|like|type|ish|made|funded|linked|held)$/;

/**
 * A capitalised word that can continue a person's name: not a known place,
 * organisation or nationality, not a title, date word or organisation word,
 * and not in an all-caps headline.
 */
function plainCapitalised(doc: Doc, gz: Gazetteer, i: number, word = doc.tokens[i].text): boolean {
  const t = doc.tokens[i];
  if (t.kind !== 'word' || !/^\p{Lu}\p{Ll}+$/u.test(word) || DATE_WORDS.test(word) || PRONOUNS.test(word)) return false;
  if (honorificLength(doc, i, i + 1) > 0 || ORG_HEADS.has(word) || ORG_WORDS.test(word) || FAC_HEADS.has(word) || LOC_HEADS.has(word)) return false;
  if (headlineSentence(doc, t.sentence)) return false;
  return !phraseClasses(gz, word).some((c) => c === 'NORP' || GPE_CLASSES.has(c) || ORG_CLASSES.has(c) || c.startsWith('LOC'));
}

const PRONOUNS = /^(I|It|We|He|She|They|You|This|That|These|Those|There|Here|Its|Our|Their|His|Her|My|Your|A|An|The|And|But|Or|If|So|Yes|No|Not|All|Some)$/;

/**
 * Whether tokens [a, b) can be a name at all: no currency signs or amounts
 * ("US$", "HK$1.1", "Rs 89,000"), no pronoun or contraction ("It", "I’ve"),
 * and a first word that is not a number or a lower-case word.
 */
function isNameLike(doc: Doc, a: number, b: number): boolean {
  const tk = doc.tokens;
  for (let k = a; k < b; k++) {
    if (tk[k].kind === 'currency' || /[$€£¥₹]/.test(tk[k].text)) return false;
    if (/^['’](ve|ll|re|d|m|t)$/i.test(tk[k].text) || /['’](ve|ll|re|m)$/i.test(tk[k].text)) return false;
  }
  const first = tk[a].text;
  const particleHyphen = NAME_PARTICLES.has(first) && b - a > 2 && tk[a + 1].text === '-' && !tk[a + 1].spaceBefore;
  if (/^\d/.test(first) || (/^\p{Ll}/u.test(first) && !/^\p{Ll}+\p{Lu}/u.test(first) && !particleHyphen)) return false;
  // "It" alone, or "It’s over" (a contraction the tagger ran on into).
  if (PRONOUNS.test(first) && (b - a === 1 || /^['’]/.test(tk[a + 1].text))) return false;
  if (b - a === 1 && /^(Rs|Rs\.|Re)$/.test(first) && b < tk.length && tk[b].kind === 'number') return false;
  // An ISO currency code next to an amount ("NOK 5bn", "2bn NOK").
  if (b - a === 1 && CURRENCY_CODES.has(first) && ((b < tk.length && tk[b].kind === 'number') || (a > 0 && tk[a - 1].kind === 'number'))) return false;
  return true;
}

const SMALL_WORDS = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'at', 'to', 'de', 'du', '&', 'a', 'an', 'with', 'from', 'by']);

/** The first mention starting at token `a` (and ending at `b`, unless -1; a whole-token one only, with `tokensOnly`). */
function mentionAt(out: readonly Mention[], a: number, b: number, tokensOnly = false): Mention | undefined {
  for (const m of out) if (m.start === a && (b < 0 || m.end === b) && !(tokensOnly && m.chars)) return m;
  return undefined;
}

/** Whether tokens i and j exist and are in one sentence. */
function sameSentence(tk: readonly Token[], i: number, j: number): boolean {
  return i >= 0 && j < tk.length && tk[i].sentence === tk[j].sentence;
}

/** Removes the mentions overlapping tokens [a, b) and adds one of `type` there. */
function replaceMentions(out: Mention[], taken: Uint8Array, a: number, b: number, type: EntityType, source: string): void {
  for (let k = out.length - 1; k >= 0; k--) {
    const m = out[k];
    if (m.start < b && a < m.end && !m.chars) {
      out.splice(k, 1);
      for (let t = m.start; t < m.end; t++) taken[t] = 0;
    }
  }
  out.push({ start: a, end: b, type, source });
  for (let t = a; t < b; t++) taken[t] = 1;
}

/**
 * Grows organisation names the tagger cut short:
 * - a name defined by an acronym in brackets is the run of capitalised words
 *   whose initials spell it ("Consumer Council for Water (CCW)");
 * - a capitalised organisation word right after a name belongs to it
 *   ("Pennine Valley NHS Foundation" + "Trust");
 * - "<organisation> of <place>" is one name ("Insurance Bureau of Canada").
 */
function growNames(doc: Doc, gz: Gazetteer, out: Mention[], taken: Uint8Array): void {
  const tk = doc.tokens;
  for (let i = 1; i + 2 < tk.length; i++) {
    if (tk[i].text !== '(' || tk[i + 2].text !== ')' || !/^\p{Lu}[\p{Lu}&]{1,7}$/u.test(tk[i + 1].text)) continue;
    const acr = tk[i + 1].text.replace(/&/g, '');
    // Walk back over capitalised words and small words until the initials match.
    let letters = '';
    for (let k = i - 1; k >= 0 && sameSentence(tk, k, i) && i - k <= 12; k--) {
      const w = tk[k].text;
      if (SMALL_WORDS.has(w.toLowerCase()) && !isCap(w)) continue;
      if (!isCap(w)) break;
      letters = w.charAt(0) + letters;
      if (letters === acr) {
        if (/^the$/i.test(w)) break;
        if (!mentionAt(out, k, i)) replaceMentions(out, taken, k, i, typeOf(doc, gz, k, i, 'ORG'), 'ORG');
        if (!mentionAt(out, i + 1, -1)) replaceMentions(out, taken, i + 1, i + 2, mentionAt(out, k, i)!.type, 'ORG');
        break;
      }
      if (letters.length >= acr.length) break;
    }
  }
  out.sort(byStart);
  for (const m of out) {
    if (m.chars) continue;
    // Pieces of one word the tokenizer split ("K" "ę" "dzierski"): the mention takes the whole word.
    while (m.end < tk.length && !taken[m.end] && !tk[m.end].spaceBefore && /^\p{L}/u.test(tk[m.end].text) && /\p{L}$/u.test(tk[m.end - 1].text)) {
      taken[m.end] = 1;
      m.end++;
    }
    // A hyphenated surname the tokenizer split: "Ashworth" + "-" + "Price", "Lau Chi" + "-" + "wing".
    if (m.type === 'PERSON') {
      while (m.end + 1 < tk.length && tk[m.end].text === '-' && !tk[m.end].spaceBefore && !tk[m.end + 1].spaceBefore && !taken[m.end + 1] &&
             (isCap(tk[m.end + 1].text) || (/^\p{Ll}{2,4}$/u.test(tk[m.end + 1].text) && !COMPOUND_SUFFIXES.test(tk[m.end + 1].text)))) {
        taken[m.end] = taken[m.end + 1] = 1;
        m.end += 2;
      }
      // The tagger stopped short of a surname ("Grace Wanjiru" + "Otieno") or began after a first name ("Hope" + "Mercer").
      while (m.end < tk.length && m.end - m.start < 4 && !taken[m.end] && sameSentence(tk, m.start, m.end) && tk[m.end].spaceBefore) {
        // The next word, with any pieces the tokenizer split off it.
        let j = m.end + 1;
        while (j < tk.length && !tk[j].spaceBefore && /^\p{L}/u.test(tk[j].text) && /\p{L}$/u.test(tk[j - 1].text) && !taken[j]) j++;
        if (!plainCapitalised(doc, gz, m.end, doc.text.slice(tk[m.end].start, tk[j - 1].end))) break;
        for (let k = m.end; k < j; k++) taken[k] = 1;
        m.end = j;
      }
      if (m.start > 0 && !taken[m.start - 1] && sameSentence(tk, m.start - 1, m.start) && phraseClasses(gz, tk[m.start - 1].text).includes('FIRST') && plainCapitalised(doc, gz, m.start - 1)) {
        m.start--;
        taken[m.start] = 1;
      }
    }
    // "Kwame Asante-Boateng" tagged MISC (CoNLL's type for hyphenated words): a first word and a
    // hyphenated capitalised surname, none of it a nationality or place, is a person.
    if (m.type === 'MISC' && m.end - m.start === 4 && isCap(tk[m.start].text) && tk[m.start + 2].text === '-' && isCap(tk[m.start + 1].text) && isCap(tk[m.start + 3].text) &&
        !tk.slice(m.start, m.end).some((t) => phraseClasses(gz, t.text).some((c) => c === 'NORP' || GPE_CLASSES.has(c)))) {
      m.type = 'PERSON';
    }

    // A maker followed by a model number is a product: "Boeing 737", "Airbus A321neo".
    // Not a score or figure in a table ("ATLANTA 74 58", "Kent 238"): a number with letters,
    // or three digits after a company the gazetteer knows.
    const model = m.end < tk.length ? tk[m.end].text : '';
    const modelLike = /^[A-Z]{1,2}\d{2,4}[A-Za-z]{0,4}$/.test(model) || (/^\d{3}(?:-\d{1,3})?$/.test(model) && phraseClasses(gz, tk[m.start].text).includes('COMPANY'));
    if ((m.type === 'ORG' || m.type === 'MISC') && m.end - m.start === 1 && modelLike && !taken[m.end] && sameSentence(tk, m.start, m.end)) {
      taken[m.end] = 1;
      m.end += 1;
      m.type = 'PRODUCT';
    }
  }
  // "Rovers" or "Institute" alone: the capitalised word(s) before it are part of the name.
  for (const m of out) {
    if (m.chars || m.type !== 'ORG' || !NAME_TAILS.has(tk[m.end - 1].text)) continue;
    while (m.start > 0 && m.end - m.start < 4 && sameSentence(tk, m.start - 1, m.start) && !taken[m.start - 1] && tk[m.start].spaceBefore) {
      const w = tk[m.start - 1].text;
      if (!isCap(w) || /^the$/i.test(w) || honorificLength(doc, m.start - 1, m.start) > 0 || phraseClasses(gz, w).some(isCountryOrNorp)) break;
      m.start--;
      taken[m.start] = 1;
    }
  }
  // A lone word the tagger called a person, after "in", "near" or "at", is a place,
  // unless it is part of a person's full name elsewhere in the article ("in Ledbury").
  const personWords = new Set<string>();
  for (const m of out) if (m.type === 'PERSON' && m.end - m.start > 1) for (let k = m.start; k < m.end; k++) personWords.add(tk[k].text);
  for (const m of out) {
    if (m.chars || m.type !== 'PERSON' || m.end - m.start !== 1 || m.start === 0) continue;
    if (/^(in|near|at|outside|across|around)$/.test(tk[m.start - 1].text) && !personWords.has(tk[m.start].text)) m.type = 'GPE';
  }
  // Places the tagger called organisations (its training data's county cricket teams):
  // "in Lincolnshire", "the town of Fort McKinnon".
  for (const m of out) {
    if (m.chars || m.type !== 'ORG' || m.end - m.start > 3) continue;
    const text = spanText(doc, m.start, m.end);
    const classes = phraseClasses(gz, text);
    if (classes.some((c) => ORG_CLASSES.has(c)) || ORG_HEADS.has(tk[m.end - 1].text) || CORPORATE_TAILS.has(tk[m.end - 1].text)) continue;
    const before = m.start > 0 && sameSentence(tk, m.start - 1, m.start) ? tk[m.start - 1].text : '';
    const before2 = m.start > 1 && sameSentence(tk, m.start - 2, m.start) ? `${tk[m.start - 2].text} ${before}` : '';
    // ("Notts County", "Port Vale" are football clubs: only "Fort …" is a place by its shape.)
    const placeShaped = tk[m.start].text === 'Fort';
    const knownPlace = classes.some((c) => GPE_CLASSES.has(c));
    const placeContext = /^(in|near|across|throughout|around)$/.test(before) || (before === 'from' && knownPlace) || /^(town|city|village|county|region|province|state|district|suburb|port) of$/i.test(before2);
    if (placeContext || (placeShaped && m.end - m.start > 1)) m.type = 'GPE';
  }
  // A capitalised common word is no name where the article also writes it in lower case
  // ("Growth has stalled", "Apple growers" in a piece about apples).
  // (Counted only for the lower-case forms of the lone mentions the test
  // below can drop, so most articles skip the scan: a Unicode regex on every
  // token of the article was a noticeable share of the stage.)
  const inLongerNames = new Set<string>();
  for (const m of out) if (m.end - m.start > 1) for (let k = m.start; k < m.end; k++) inLongerNames.add(tk[k].text);
  const candidates = new Set<string>();
  for (const m of out) {
    if (m.chars || m.end - m.start !== 1) continue;
    const w = tk[m.start].text;
    if (!inLongerNames.has(w) && /^\p{Lu}\p{Ll}+$/u.test(w)) candidates.add(w.toLowerCase());
  }
  const lowerWords = new Map<string, number>();
  if (candidates.size) for (const t of tk) if (t.kind === 'word' && candidates.has(t.text) && /^\p{Ll}+$/u.test(t.text)) lowerWords.set(t.text, (lowerWords.get(t.text) ?? 0) + 1);
  for (let n = out.length - 1; n >= 0; n--) {
    const m = out[n];
    if (m.chars || m.end - m.start !== 1) continue;
    const w = tk[m.start].text;
    // "Brown" after "Gordon Brown" stays, whatever the article says about brown bread.
    if (inLongerNames.has(w)) continue;
    if (!/^\p{Lu}\p{Ll}+$/u.test(w) || (lowerWords.get(w.toLowerCase()) ?? 0) < 2) continue;
    if (phraseClasses(gz, w).some(isOtherThanNameOrCompany)) continue;
    for (let k = m.start; k < m.end; k++) taken[k] = 0;
    out.splice(n, 1);
  }
  for (let n = 0; n < out.length; n++) {
    const m = out[n];
    if (m.chars || m.type === 'GPE' || m.type === 'NORP') continue;
    let end = m.end;
    while (end < tk.length && sameSentence(tk, m.start, end) && !taken[end] && ORG_HEADS.has(tk[end].text) && tk[end].spaceBefore) end++;
    // "<organisation> of <place>".
    if (ORG_HEADS.has(tk[end - 1].text) && end + 1 < tk.length && sameSentence(tk, m.start, end + 1) && tk[end].text === 'of') {
      const next = mentionAt(out, end + 1, -1, true);
      if (next && (next.type === 'GPE' || next.type === 'ORG')) end = next.end;
    }
    if (end !== m.end) {
      replaceMentions(out, taken, m.start, end, 'ORG', m.source);
      out.sort(byStart);
      n = -1;
    }
  }
}

/**
 * Titles of works: a short quoted title in title case next to a noun that
 * announces one ("the album ‘Paper Aeroplanes’", "“The Salt Road”, a drama").
 */
function findTitles(doc: Doc, out: Mention[], taken: Uint8Array): void {
  const tk = doc.tokens;
  const opening = /^[“‘"']$/;
  for (let i = 0; i + 2 < tk.length; i++) {
    if (tk[i].text.length !== 1 || !opening.test(tk[i].text)) continue;
    const close = tk[i].text === '“' ? '”' : tk[i].text === '‘' ? '’' : tk[i].text;
    let j = i + 1;
    while (j < tk.length && j - i <= 9 && tk[j].sentence === tk[i].sentence && tk[j].text !== close) j++;
    if (j >= tk.length || tk[j].text !== close || j - i < 2 || j - i > 9) continue;
    let b = j;
    while (b > i + 1 && isPunct(tk[b - 1])) b--;
    const words = tk.slice(i + 1, b).map((t) => t.text);
    if (!words.length || !isCap(words[0]) || !words.every((w) => isCap(w) || SMALL_WORDS.has(w) || /^\d/.test(w))) continue;
    const before = tk.slice(Math.max(0, i - 3), i).map((t) => t.text.toLowerCase());
    const after = tk.slice(j + 1, j + 4).map((t) => t.text.toLowerCase());
    const announced = before.some((w) => WORK_NOUNS.has(w)) || (after[0] === ',' && after.slice(1).some((w) => WORK_NOUNS.has(w)));
    if (!announced) continue;
    replaceMentions(out, taken, i + 1, b, 'WORK_OF_ART', 'TITLE');
    i = j;
  }
  out.sort(byStart);
}

/** A month or weekday next to a number or after a time preposition is a date, not a name ("July 9", "on Monday"). */
function inDateContext(doc: Doc, i: number): boolean {
  const tk = doc.tokens;
  const near = (k: number) => k >= 0 && k < tk.length && tk[k].sentence === tk[i].sentence;
  if (near(i + 1) && tk[i + 1].kind === 'number') return true;
  if (near(i - 1) && (tk[i - 1].kind === 'number' || /^(in|on|since|until|till|by|last|next|early|late|mid|from|of|this|every|during|before|after)$/i.test(tk[i - 1].text))) return true;
  return /day$/.test(tk[i].text);
}

/** Per Doc, per sentence: 0 not yet known, 1 a headline, 2 not (the regexes scan the whole sentence). */
const headlineMarks = new WeakMap<Doc, Uint8Array>();

function headlineSentence(doc: Doc, s: number): boolean {
  let marks = headlineMarks.get(doc);
  if (!marks) headlineMarks.set(doc, (marks = new Uint8Array(doc.sentences.length)));
  if (!marks[s]) marks[s] = isHeadline(doc, s) ? 1 : 2;
  return marks[s] === 1;
}

function isHeadline(doc: Doc, s: number): boolean {
  const sent = doc.sentences[s];
  const text = doc.text.slice(sent.start, sent.end);
  return /\p{Lu}{2}/u.test(text) && !/\p{Ll}/u.test(text);
}

/** One article's mentions so far, and which tokens they take. */
interface Found {
  doc: Doc;
  gz: Gazetteer;
  out: Mention[];
  taken: Uint8Array;
}

/**
 * Adds tokens [a, b) as a mention (of type `forced`, else typed here) when
 * they are free and can be a name. A module-level function, not a closure
 * in findMentions, which V8 recompiled after every full collection (README, Design).
 */
function addMention(f: Found, a: number, b: number, conll: string, forced?: EntityType, split = false): void {
  const { doc, gz, taken } = f;
  const tk = doc.tokens;
  if (b <= a) return;
  for (let k = a; k < b; k++) if (taken[k]) return;
  const text = spanText(doc, a, b);
  if (!/\p{L}/u.test(text)) return;
  if (b - a === 1 && text === 'X' && !platformContext(doc, gz, a)) return;
  if (!isNameLike(doc, a, b)) return;
  if (conll !== 'PER' && ROLE_HEADS.has(tk[b - 1].text) && (b - a === 1 || !isCap(tk[a].text) || honorificLength(doc, b - 1, b) > 0)) return;
  if (b - a === 1 && DATE_WORDS.test(text) && inDateContext(doc, a)) return;
  const type = forced ?? typeOf(doc, gz, a, b, conll, split);
  for (let k = a; k < b; k++) taken[k] = 1;
  f.out.push({ start: a, end: b, type, source: conll });
}

export function findMentions(doc: Doc): Mention[] {
  const gz = loadGazetteer();
  const tk = doc.tokens;
  const out: Mention[] = [];
  const taken = new Uint8Array(tk.length);
  const found: Found = { doc, gz, out, taken };
  const matches = matchGazetteer(gz, tk);

  for (const span of tagEntities(tk, matches)) {
    const pieces = splitSpan(doc, gz, span.start, span.end, span.type);
    for (const [p, q] of pieces) {
      let [a, b] = trimName(doc, p, q);
      // Scores and figures the tagger ran a name into ("de Silva 4-0-25-0").
      while (b - a > 1 && span.type === 'PER' && tk[b - 1].kind === 'number') b--;
      if (b <= a) continue;
      // Two known names joined by a hyphen ("Israel-Hamas war", "US-China talks"): a mention each.
      if (b - a === 3 && tk[a + 1].text === '-' && !tk[a + 1].spaceBefore && !tk[a + 2].spaceBefore &&
          phraseClasses(gz, tk[a].text).length > 0 && phraseClasses(gz, tk[a + 2].text).length > 0) {
        addMention(found, a, a + 1, 'MISC', undefined, true);
        addMention(found, a + 2, a + 3, 'MISC', undefined, true);
        continue;
      }
      const inner = nameInCompound(doc, a, b);
      if (inner) {
        const suffix = inner[1] + 1 < tk.length ? tk[inner[1] + 1].text : '';
        [a, b] = trimName(doc, inner[0], inner[1]);
        // CoNLL tags "Ontario-based" MISC; the name inside is typed on its own: by the gazetteer
        // when it knows it, else by the compound ("Smith-led" → a person or organisation leads).
        if (b > a && phraseClasses(gz, spanText(doc, a, b)).length === 0 && span.type === 'MISC') {
          const known = phraseClasses(gz, tk[a].text);
          const leader = /^(led|backed|owned|run|funded|controlled|sponsored)$/.test(suffix);
          addMention(found, a, b, 'MISC', leader ? (known.includes('FIRST') || known.includes('LAST') ? 'PERSON' : 'ORG') : 'GPE');
          continue;
        }
        addMention(found, a, b, span.type === 'MISC' ? 'LOC' : span.type, undefined, true);
        continue;
      }
      addMention(found, a, b, span.type, undefined, pieces.length > 1);
    }
  }

  growNames(doc, gz, out, taken);
  findTitles(doc, out, taken);

  // Unambiguous gazetteer names the tagger missed.
  for (const m of matches) {
    const cls = m.classes.find((c) => FALLBACK_CLASSES.has(c));
    if (!cls) continue;
    if (!isCap(tk[m.start].text)) continue;
    if (cls === 'LOC_CHANNEL') {
      if (m.end - m.start === 1 && m.start > 0 && /^the$/i.test(tk[m.start - 1].text)) addMention(found, m.start, m.end, 'LOC', 'LOC');
      continue;
    }
    if (cls === 'PLATFORM_X') {
      if (platformContext(doc, gz, m.start)) addMention(found, m.start, m.end, 'ORG', 'ORG');
      continue;
    }
    // In an all-caps headline every word looks like a name ("LET US"); leave those to the tagger.
    if (headlineSentence(doc, tk[m.start].sentence)) continue;
    addMention(found, m.start, m.end, cls === 'NORP' ? 'MISC' : cls === 'COUNTRY' ? 'LOC' : 'ORG');
  }
  // Names inside one hyphenated token ("pro-Russian", "Labour-run"): a part
  // the gazetteer knows as a country, nationality or organisation.
  for (let i = 0; i < tk.length; i++) {
    const t = tk[i];
    if (taken[i] || t.kind !== 'word' || !t.text.includes('-')) continue;
    let offset = 0;
    for (const part of t.text.split('-')) {
      const from = t.start + offset;
      offset += part.length + 1;
      if (!part || !isCap(part) || part === t.text) continue;
      const cls = phraseClasses(gz, part).find((c) => FALLBACK_CLASSES.has(c) || GPE_CLASSES.has(c));
      if (!cls || cls === 'PLATFORM_X' || cls === 'LOC_CHANNEL') continue;
      const type: EntityType = cls === 'NORP' ? 'NORP' : GPE_CLASSES.has(cls) ? 'GPE' : 'ORG';
      out.push({ start: i, end: i + 1, type, source: 'GAZ', chars: [from, from + part.length] });
    }
  }
  // In text order (a mention inside a token starts at its own character).
  const starts: number[] = new Array(out.length);
  for (let k = 0; k < out.length; k++) starts[k] = out[k].chars?.[0] ?? tk[out[k].start].start;
  const sorted: Mention[] = [];
  for (const k of orderByKey(starts)) sorted.push(out[k]);
  return sorted;
}
