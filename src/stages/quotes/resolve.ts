/**
 * Resolving a speaker mention ("he", "the prime minister", "Sir Keir", "a
 * spokesperson for the Home Office") to who it is: a name and, when the
 * entity stage found one, its entity id.
 *
 * Works with whatever entities it is given, none included: without them the
 * mention's own words name the speaker (honorifics dropped), and proper-name
 * runs in the text stand in for person mentions.
 */
import type { Entity } from '../../../schemas/record.ts';
import { sentenceAt } from '../../core/doc.ts';
import { byStart } from '../../core/span.ts';
import type { Doc, TextSpan } from '../../core/types.ts';
import { isSpaceCode, startsUpper } from './context.ts';
import {
  GENDERED_HONORIFICS,
  GIVEN_NAME_GENDER,
  HONORIFICS,
  NOT_NAME_STARTS,
  ORG_NAME_WORDS,
  ORG_ROLE_HEADS,
  PERSON_ROLE_HEADS,
  SELF_NAMING_ORG_NOUNS,
  SPEAKER_PRONOUNS,
} from './lexicon.ts';

export type ReferentKind = 'person' | 'org' | 'unknown';

export interface Referent {
  readonly name: string;
  readonly entityId: string | null;
  readonly kind: ReferentKind;
}

interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly referent: Referent;
}

/**
 * What resolution knows about one article. The word index, the role links and
 * the genders are built on first use: many articles never ask for one of them
 * (no pronoun speaker, no role phrase), and each costs a pass over every name.
 */
export class ResolutionState {
  /** Resolved speakers so far, in text order. */
  readonly speakers: Occurrence[] = [];
  /** Offsets of speaker mentions that resolved to nobody ("the family"), in text order. */
  readonly unnamed: number[] = [];
  private nameByWordMemo: Map<string, Referent> | undefined;
  private rolesMemo: Map<string, Referent> | undefined;
  private genderMemo: Map<string, 'm' | 'f'> | undefined;

  constructor(
    readonly doc: Doc,
    /** Name mentions in text order: entity mentions, and name runs the entities missed. */
    readonly names: Occurrence[],
    /** Spans inside quotes: names there are spoken about, not speaking. */
    readonly insideQuote: (offset: number) => boolean,
    private readonly genders: () => Map<string, 'm' | 'f'>,
  ) {}

  /** Each name word → the fullest known name holding it (entity names first). */
  get nameByWord(): Map<string, Referent> {
    return (this.nameByWordMemo ??= indexByWord(this.names.map((n) => n.referent)));
  }

  /** Role phrase ("prime minister") → who holds it: the article's own links first, then those resolution adds. */
  get roles(): Map<string, Referent> {
    if (this.rolesMemo === undefined) {
      this.rolesMemo = new Map();
      collectRoleLinks(this);
    }
    return this.rolesMemo;
  }

  /** Known gender by referent name. */
  get gender(): Map<string, 'm' | 'f'> {
    return (this.genderMemo ??= this.genders());
  }
}

const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'this', 'that', 'one', 'another']);
const LINKS = new Set(['for', 'of', 'at', 'from', 'to']);
/** Capitalised only because they open a sentence. */
const FUNCTION_OPENERS = new Set(['since', 'but', 'and', 'in', 'on', 'at', 'for', 'when', 'after', 'before', 'while', 'as', 'if', 'during', 'under', 'with', 'from', 'by', 'to', 'of', 'last', 'this', 'that', 'then', 'yet', 'so', 'although', 'though', 'because', 'meanwhile', 'however', 'officials', 'representatives', 'speaking', 'asked', 'according', 'earlier', 'later', 'on', 'until', 'unlike', 'like', 'despite', 'amid', 'among', 'against', 'over', 'about', 'through', 'without', 'once', 'where', 'what', 'who', 'how', 'why', 'now', 'today', 'yesterday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

/** The runs of non-space characters of `s` (what `s.split(/[\s\u00a0]+/).filter(Boolean)` gives, without the regex). */
const words = (s: string): string[] => {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isSpaceCode(s.charCodeAt(i))) {
      if (start >= 0) out.push(s.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
};
/** `w.replace(/['’]s?$/, '')` without the regex: asked of nearly every word resolution reads. */
const stripPossessive = (w: string): string => {
  const n = w.length;
  const last = w.charCodeAt(n - 1);
  if (last === 0x27 || last === 0x2019) return w.slice(0, -1);
  if (last === 0x73 && n >= 2) {
    const before = w.charCodeAt(n - 2);
    if (before === 0x27 || before === 0x2019) return w.slice(0, -2);
  }
  return w;
};
const isCap = (w: string): boolean => startsUpper(w);

function entityKind(e: Entity): ReferentKind {
  if (e.type === 'PERSON') return 'person';
  if (e.type === 'ORG' || e.type === 'NORP' || e.type === 'GPE') return 'org';
  return 'unknown';
}

/**
 * A proper name with honorifics, titles and a leading "the" taken off
 * ("Sir Keir Starmer" → "Keir Starmer", "Labour MP John Smith" → "John
 * Smith"). Organisation names keep their words ("Home Office").
 */
export function bareName(text: string, kind: ReferentKind = guessKind(text)): string {
  // A pure function of its arguments, asked again for every mention of a name: remembered,
  // in a cache emptied when it grows so memory stays flat over an archive.
  if (text.length > CACHE_TEXT_LIMIT) return computeBareName(text, kind);
  const cache = BARE_NAME_CACHE[kind];
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const bare = computeBareName(text, kind);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, bare);
  return bare;
}

const CACHE_LIMIT = 4096;
/** Longer texts (a pathological run of capitalised words) are not kept: entries stay small. */
const CACHE_TEXT_LIMIT = 200;
const BARE_NAME_CACHE: { readonly [K in ReferentKind]: Map<string, string> } = { person: new Map(), org: new Map(), unknown: new Map() };
const KIND_CACHE = new Map<string, ReferentKind>();

function computeBareName(text: string, kind: ReferentKind): string {
  const raw = words(text);
  // Only the last word's possessive goes ("Little Harbour Children’s Hospice" keeps its inner one).
  let ws = raw.map((w, i) => (i === raw.length - 1 ? stripPossessive(w) : w)).map((w) => w.replace(/[,;:]+$/, ''));
  while (ws.length > 1 && DETERMINERS.has(ws[0].toLowerCase())) ws = ws.slice(1);
  if (ws.length === 1 && DETERMINERS.has(ws[0].toLowerCase())) return '';
  if (kind !== 'org') {
    ws = ws.map((w) => w.replace(/\.$/, (m) => (/^(?:[A-Z]|mr|mrs|ms|dr|st|prof|gen|rev|sen|rep|gov|lt|col|capt|sgt|supt|det|jr|sr)$/i.test(w.slice(0, -1)) ? m : '')));
    while (ws.length > 1 && POST_NOMINALS.has(ws[ws.length - 1].replace(/\./g, '').toUpperCase())) ws = ws.slice(0, -1);
    // Titles and descriptors before the name: "US President Joe Biden", "Labour MP John Smith", "Nurse Jamie Cole".
    let cut = -1;
    for (let i = 0; i < ws.length - 1; i++) {
      const lw = ws[i].toLowerCase().replace(/\.$/, '');
      if (HONORIFICS.has(lw) || PERSON_ROLE_HEADS.has(lw) || DESCRIPTORS.has(lw) || /-(?:born|based|raised|bred|educated)$/.test(lw)) cut = i;
    }
    if (cut >= 0 && ws.slice(cut + 1).every(isCap)) ws = ws.slice(cut + 1);
  } else {
    while (ws.length > 1 && TRUE_HONORIFICS.test(ws[0])) ws = ws.slice(1);
  }
  return ws.join(' ').replace(/[,;:.]+$/, (m) => (/\b[A-Z]$/.test(ws.join(' ').slice(0, -1)) ? m : ''));
}

/** Letters after a name that are not part of it (Harriet Sandell KC). */
const POST_NOMINALS = new Set(['KC', 'QC', 'MP', 'MEP', 'MSP', 'MS', 'AM', 'OBE', 'MBE', 'CBE', 'KBE', 'DBE', 'PHD', 'MD', 'ESQ', 'FRS']);

/** Capitalised words that describe a person before their name ("Singer Danny Rhodes", "Trustee Margaret Ellery"). */
const DESCRIPTORS = new Set([
  'singer', 'guitarist', 'drummer', 'bassist', 'rapper', 'musician', 'artist', 'nurse', 'owner', 'trustee',
  'republican', 'democrat', 'democratic', 'conservative', 'labour', 'tory', 'liberal', 'independent',
  'grower', 'farmer', 'landlord', 'shopkeeper', 'headteacher', 'headmaster', 'headmistress', 'pastor',
  'councilman', 'councilwoman', 'assemblyman', 'assemblywoman', 'alderman', 'delegate', 'trooper',
  'deputy', 'dr', 'nurse', 'midwife', 'paramedic', 'firefighter', 'veteran', 'chef', 'baker', 'director',
  'producer', 'filmmaker', 'novelist', 'poet', 'comedian', 'presenter', 'broadcaster', 'journalist',
  'striker', 'forward', 'defender', 'midfielder', 'goalkeeper', 'winger', 'coach', 'manager', 'captain',
  'batter', 'bowler', 'batsman', 'pitcher', 'quarterback', 'skipper', 'opener', 'all-rounder',
]);

const TRUE_HONORIFICS = /^(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady|prof)\.?$/i;

function guessKind(text: string): ReferentKind {
  // Pure, and asked again for every mention: remembered like bareName.
  if (text.length > CACHE_TEXT_LIMIT) return computeKind(text);
  const hit = KIND_CACHE.get(text);
  if (hit !== undefined) return hit;
  const kind = computeKind(text);
  if (KIND_CACHE.size >= CACHE_LIMIT) KIND_CACHE.clear();
  KIND_CACHE.set(text, kind);
  return kind;
}

function computeKind(text: string): ReferentKind {
  const ws = words(text);
  const first = ws[0]?.toLowerCase().replace(/\.$/, '') ?? '';
  if (GENDERED_HONORIFICS.has(first) || ['dr', 'prof', 'professor', 'president', 'senator', 'judge'].includes(first)) return 'person';
  const bare = words(bareName(text, 'person'));
  if (bare.length >= 2 && GIVEN_NAME_GENDER.has(bare[0].toLowerCase())) return 'person';
  // "Senate Majority Leader Chuck Schumer": a title word, then only name words.
  const lastTitle = ws.reduce((at, w, i) => (HONORIFICS.has(w.toLowerCase().replace(/\.$/, '')) || PERSON_ROLE_HEADS.has(w.toLowerCase()) ? i : at), -1);
  if (lastTitle >= 0 && lastTitle < ws.length - 1) {
    const rest = ws.slice(lastTitle + 1);
    if (rest.every((w) => isCap(w) && !ORG_NAME_WORDS.has(stripPossessive(w).toLowerCase()))) return 'person';
  }
  if (ws.some((w) => ORG_NAME_WORDS.has(stripPossessive(w).toLowerCase()))) return 'org';
  if (first === 'the') return 'org';
  if (bare.length >= 1 && GIVEN_NAME_GENDER.has(bare[0].toLowerCase())) return 'person';
  if (bare.length === 1 && /^\p{Lu}{2,}$/u.test(bare[0])) return 'org';
  return 'unknown';
}

/**
 * Context that marks a capitalised run as a person: an age after it ("Greg
 * Halvorsen, 64,"), a lower-case role before it ("union president Darnell
 * Haskins", "her neighbour Hope Mercer"), or a person-role apposition after it.
 */
function looksLikePerson(text: string, start: number, end: number): boolean {
  // The age and the apposition both open with a comma right after the name; most names have none.
  const comma = text.charCodeAt(end) === 0x2c;
  const after = comma ? text.slice(end, end + 60) : '';
  if (comma && /^,\s*\d{1,3}\s*[,.;)]/.test(after)) return true;
  const before = lowerWordBeforeSpace(text.slice(Math.max(0, start - 30), start));
  if (before && (PERSON_ROLE_HEADS.has(before) || DESCRIPTORS.has(before) || ['neighbour', 'neighbor', 'grower', 'farmer', 'pensioner', 'mum', 'dad', 'grandmother', 'grandfather', 'owner'].includes(before))) return true;
  const appos = comma ? /^,\s+(?:a|an|the|his|her)\s+([\p{L}\- ]{1,40}?)[,.]/u.exec(after)?.[1] : undefined;
  if (appos && appos.split(' ').some((w) => PERSON_ROLE_HEADS.has(w) || DESCRIPTORS.has(w))) return true;
  return false;
}

const LOWER = /^\p{Ll}$/u;

/**
 * What `/(\p{Ll}[\p{L}\-]*)\s+$/u.exec(s)?.[1]` gives, found from the end: the
 * run of letters and hyphens before the trailing white space, from its first
 * lower-case letter. That regex is tried from every offset of `s` and cost
 * more than the rest of the name-run checks (fuzzed against it).
 */
export function lowerWordBeforeSpace(s: string): string | undefined {
  let wordEnd = s.length;
  while (wordEnd > 0 && isSpaceCode(s.charCodeAt(wordEnd - 1))) wordEnd--;
  if (wordEnd === s.length) return undefined;
  let runStart = wordEnd;
  while (runStart > 0) {
    const n = s.charCodeAt(runStart - 1) === 0x2d ? 1 : letterEndingAt(s, runStart);
    if (n === 0) break;
    runStart -= n;
  }
  for (let p = runStart; p < wordEnd; ) {
    const c = s.charCodeAt(p);
    const n = codePointLength(s, p);
    if (c < 0x80 ? c >= 0x61 && c <= 0x7a : LOWER.test(s.slice(p, p + n))) return s.slice(p, wordEnd);
    p += n;
  }
  return undefined;
}

function genderOfName(text: string, before: string): 'm' | 'f' | undefined {
  const hon = lastLetterRun(before)?.toLowerCase();
  if (hon && GENDERED_HONORIFICS.has(hon)) return GENDERED_HONORIFICS.get(hon);
  return genderOfNameWords(text);
}

/** The gender a name's own words tell: an honorific in it, else its given name. */
function genderOfNameWords(text: string): 'm' | 'f' | undefined {
  const ws = words(text);
  for (const w of ws) {
    const lw = withoutFinalStop(w.toLowerCase());
    if (GENDERED_HONORIFICS.has(lw)) return GENDERED_HONORIFICS.get(lw);
  }
  const bare = words(bareName(text, 'person'));
  return bare[0] ? GIVEN_NAME_GENDER.get(bare[0].toLowerCase()) : undefined;
}

/**
 * What `/^(\p{L}+)\s+/u.exec(s)` gives: the letters opening `s` (`word`) and
 * the length of them with the white space after them, or null.
 */
export function leadingWordAndSpace(s: string): { word: string; length: number } | null {
  let wordEnd = 0;
  for (let n = runLetterLength(s, 0); n > 0; n = runLetterLength(s, wordEnd)) wordEnd += n;
  if (wordEnd === 0) return null;
  let end = wordEnd;
  while (end < s.length && isSpaceCode(s.charCodeAt(end))) end++;
  return end === wordEnd ? null : { word: s.slice(0, wordEnd), length: end };
}

/** Length of the letter (\p{L}, astral ones too) starting at `i`, or 0. */
function runLetterLength(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 0;
  const n = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  return LETTER.test(s.slice(i, i + n)) ? n : 0;
}

/**
 * What `/(\p{L}+)\.?\s*$/u.exec(s)?.[1]` gives (the letters before an optional
 * full stop and white space ending `s`), found from the end rather than by a
 * regex retried at every offset (fuzzed against it).
 */
export function lastLetterRun(s: string): string | undefined {
  let end = s.length;
  while (end > 0 && isSpaceCode(s.charCodeAt(end - 1))) end--;
  if (end > 0 && s.charCodeAt(end - 1) === 0x2e) end--;
  let start = end;
  for (let n = start > 0 ? letterEndingAt(s, start) : 0; n > 0; n = start > 0 ? letterEndingAt(s, start) : 0) start -= n;
  return start < end ? s.slice(start, end) : undefined;
}

/** True when `s` has "on" with white space right before and after it (needed for /\s+on\s/). */
function hasSpacedOn(s: string): boolean {
  for (let i = s.indexOf('on', 1); i >= 0; i = s.indexOf('on', i + 1)) {
    if (isSpaceCode(s.charCodeAt(i - 1)) && i + 2 < s.length && isSpaceCode(s.charCodeAt(i + 2))) return true;
  }
  return false;
}

/** `w.replace(/\.$/, '')` without the regex. */
const withoutFinalStop = (w: string): string => (w.charCodeAt(w.length - 1) === 0x2e ? w.slice(0, -1) : w);

/** True for "Mr", "Mrs.", "Dr", "Prof"…: a word that makes a name of the one after it. */
function isHonorificWord(w: string): boolean {
  // Asked of every capitalised word in the text; lower-casing never shortens a word, so longer
  // ones are ruled out before it, and the full stop is cut without a regex.
  if (w.length > LONGEST_HONORIFIC + 1) return false;
  const lw = withoutFinalStop(w.toLowerCase());
  return GENDERED_HONORIFICS.has(lw) || lw === 'dr' || lw === 'prof';
}

const LONGEST_HONORIFIC = Math.max(4, ...[...GENDERED_HONORIFICS.keys()].map((h) => h.length));

/** A name run found in the text: `spaced` when it holds white space (an honorific before it, or two or more words). */
interface NameRunMatch {
  readonly start: number;
  readonly end: number;
  readonly spaced: boolean;
}

const RUN_HONORIFICS = ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Sir', 'Dame', 'Lord', 'Lady', 'Prof'];
/** The honorifics by first letter (the regex's order kept): a capital is tried only against its own. */
const RUN_HONORIFICS_BY_INITIAL: ReadonlyMap<number, readonly string[]> = (() => {
  const m = new Map<number, string[]>();
  for (const h of RUN_HONORIFICS) {
    const list = m.get(h.charCodeAt(0)) ?? [];
    list.push(h);
    m.set(h.charCodeAt(0), list);
  }
  return m;
})();
const RUN_LINKS = ['of', 'for', 'on', 'and', 'the', 'de', 'du', '&'];

/**
 * The first match at or after `from` of
 *   /\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\.?\s+)?\p{Lu}[\p{L}'’\-]+(?:\s+(?:(?:of|for|on|and|the|de|du|&)\s+){0,2}\p{Lu}[\p{L}'’\-]+)* /gu
 * (what that regex's exec gives with lastIndex = `from`), found by hand: the
 * regex matched every capitalised word of the article ("The", "London"), the
 * largest single cost of setting up resolution, though few matches are kept.
 * None of its choices needs backtracking: each word takes its whole run of
 * letters, apostrophes and hyphens, no honorific or link word is a prefix of
 * another that could also match, and a link word or white space can never
 * start the capital the next word needs. \b is ASCII-only (no i flag).
 * Checked against the regex on random strings from random offsets.
 */
export function nextNameRun(text: string, from: number): NameRunMatch | null {
  // Like the regex, a start inside a surrogate pair begins at the pair.
  if (from > 0 && codePointLength(text, from - 1) === 2) from--;
  for (let p = from; p < text.length; p++) {
    const c = text.charCodeAt(p);
    // Every match starts with a capital: that alone rules out most characters.
    if (c < 0x80 ? c < 0x41 || c > 0x5a : capitalAt(text, p) === 0) continue;
    if ((p > 0 && isAsciiWordCode(text.charCodeAt(p - 1))) === isAsciiWordCode(c)) continue;
    for (const h of RUN_HONORIFICS_BY_INITIAL.get(c) ?? []) {
      if (!text.startsWith(h, p)) continue;
      let k = p + h.length;
      if (text.charCodeAt(k) === 0x2e) k++;
      if (k >= text.length || !isSpaceCode(text.charCodeAt(k))) continue;
      while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++;
      const end = capitalWordEnd(text, k);
      if (end >= 0) return { start: p, end: linkedWordsEnd(text, end), spaced: true };
    }
    const end = capitalWordEnd(text, p);
    if (end < 0) continue;
    const chained = linkedWordsEnd(text, end);
    return { start: p, end: chained, spaced: chained !== end };
  }
  return null;
}

/** End of `\p{Lu}[\p{L}'’\-]+` matched at `i`, or -1. */
function capitalWordEnd(text: string, i: number): number {
  const u = capitalAt(text, i);
  if (u === 0) return -1;
  let j = i + u;
  for (let n = runCharStartingAt(text, j); n > 0; n = runCharStartingAt(text, j)) j += n;
  return j > i + u ? j : -1;
}

/** End of the `(?:\s+(?:(?:of|…|&)\s+){0,2}\p{Lu}[\p{L}'’\-]+)*` that follows a name word ending at `end`. */
function linkedWordsEnd(text: string, end: number): number {
  for (;;) {
    let k = end;
    if (k >= text.length || !isSpaceCode(text.charCodeAt(k))) return end;
    while (k < text.length && isSpaceCode(text.charCodeAt(k))) k++;
    for (let links = 0; links < 2; links++) {
      const link = linkWordAt(text, k);
      if (link === undefined) break;
      let after = k + link.length;
      if (after >= text.length || !isSpaceCode(text.charCodeAt(after))) break;
      while (after < text.length && isSpaceCode(text.charCodeAt(after))) after++;
      k = after;
    }
    const wordEnd = capitalWordEnd(text, k);
    if (wordEnd < 0) return end;
    end = wordEnd;
  }
}

/** The link word (of, for, on, and, the, de, du, &) starting at `k`, if any. */
function linkWordAt(text: string, k: number): string | undefined {
  // Every link word starts with one of these characters; most words after a name do not.
  const c = text.charCodeAt(k);
  if (c !== 0x6f && c !== 0x66 && c !== 0x61 && c !== 0x74 && c !== 0x64 && c !== 0x26) return undefined;
  for (const w of RUN_LINKS) if (text.startsWith(w, k)) return w;
  return undefined;
}

/** Length of the capital letter (\p{Lu}) starting at `i`, or 0. */
function capitalAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? 1 : 0;
  // Latin-1 signs and General Punctuation (curly quotes, dashes) hold no letters: no regex for them.
  if (c < 0xc0 || (c >= 0x2000 && c <= 0x206f)) return 0;
  if (i >= text.length) return 0;
  const n = codePointLength(text, i);
  return UPPER.test(text.slice(i, i + n)) ? n : 0;
}

/**
 * Sets up resolution for one article: entity mentions, name runs the entity
 * stage did not cover (so resolution still works without it), genders told by
 * honorifics and given names.
 */
export function buildResolutionState(doc: Doc, entities: readonly Entity[], insideQuote: (offset: number) => boolean): ResolutionState {
  const names: Occurrence[] = [];
  for (const e of entities) {
    const referent: Referent = { name: e.name, entityId: e.id, kind: entityKind(e) };
    for (const m of e.mentions) names.push({ start: m.start, end: m.end, referent });
  }
  // Name runs (two or more capitalised words, or one after an honorific) the entities do not cover.
  names.sort(byStart);
  const covered = (s: number, e: number) => {
    const i = lastBefore(names, e);
    return i >= 0 && names[i].end > s || (i > 0 && names[i - 1].end > s);
  };
  const entityCount = names.length;
  const runs: Occurrence[] = [];
  // Where the scan goes on from: the run's end, or a cut made below.
  let next = 0;
  for (let m = nextNameRun(doc.text, 0); m !== null; m = nextNameRun(doc.text, next)) {
    next = m.end;
    // Most matches are one capitalised word ("The", "London"): with no space in it no cut below
    // applies, and one word is kept only when it is an honorific, so the rest are skipped here.
    if (!m.spaced && !isHonorificWord(doc.text.slice(m.start, m.end))) continue;
    let start = m.start;
    let found = doc.text.slice(m.start, m.end);
    // A sentence-opening function word is not part of the name ("When Fraser and Ingrid McAllister").
    const opener = leadingWordAndSpace(found);
    if (opener !== null && FUNCTION_OPENERS.has(opener.word.toLowerCase())) {
      start += opener.length;
      found = found.slice(opener.length);
    }
    const base = start;
    // "and" joins words of one name only after "of"/"for" ("Department of Health and Social Care"), not two names.
    const and = found.indexOf(' and ');
    if (and > 0 && !/\s(?:of|for)\s/.test(found.slice(0, and))) {
      // "Fraser and Ingrid McAllister": a lone first name shares the surname after "and".
      const tail = found.slice(and + 5).split(' ');
      const head = found.slice(0, and);
      if (!head.includes(' ') && tail.length >= 2 && (GIVEN_NAME_GENDER.has(tail[0].toLowerCase()) || GIVEN_NAME_GENDER.has(head.toLowerCase())) && !ORG_NAME_WORDS.has(tail[tail.length - 1].toLowerCase())) {
        runs.push({ start: base, end: base + and, referent: { name: `${found.slice(0, and)} ${tail[tail.length - 1]}`, entityId: null, kind: 'person' } });
        next = base + and + 5;
        continue;
      }
      found = found.slice(0, and);
      next = base + and + 5;
    }
    // "on" joins a name only after a body word ("Council on Foreign Relations", not "Smith on Facebook").
    // Most runs hold no " on ": the regex runs only when one could match.
    const on = hasSpacedOn(found) ? /(^|\s)(\S+)\s+on\s/.exec(found) : null;
    if (on && !ORG_NAME_WORDS.has(on[2].toLowerCase())) {
      const cut = on.index + on[1].length + on[2].length;
      found = found.slice(0, cut);
      next = base + cut + 1;
    }
    // "Prof Callum Reid of the University of St Andrews": a person's name ends before "of".
    const conn = /\s(?:of|for|on|the|de|du|&)\s/.exec(found);
    if (conn && guessKind(found.slice(0, conn.index)) === 'person') {
      found = found.slice(0, conn.index);
      next = base + conn.index + 1;
    }
    let ws = words(found);
    // Sentence-opening function words and a possessive owner are not part of the name.
    while (ws.length > 0 && (FUNCTION_OPENERS.has(ws[0].toLowerCase()) || /['’]s$/.test(ws[0]))) {
      start = doc.text.indexOf(ws[1] ?? '', start + ws[0].length);
      ws = ws.slice(1);
    }
    if (ws.length === 0 || start < 0) continue;
    const text = ws.join(' ');
    const end = base + found.length;
    const honorific = isHonorificWord(ws[0]);
    if (ws.length < 2 && !honorific) continue;
    if (NOT_NAME_STARTS.has(ws[0].toLowerCase()) && ws.length < 3) continue;
    if (insideQuote(start)) continue;
    let kind = guessKind(text);
    if (kind === 'unknown' && looksLikePerson(doc.text, start, end)) kind = 'person';
    const bare = bareName(text, kind);
    if (!bare) continue;
    runs.push({ start, end, referent: { name: bare, entityId: null, kind } });
  }
  // A lone surname ("Pennington, 23, who …") stands for the person run it ends.
  const surnames = new Map<string, Referent>();
  for (const r of runs) if (r.referent.kind === 'person') surnames.set(r.referent.name.split(' ').pop()!, r.referent);
  if (surnames.size > 0) {
    runs.sort(byStart);
    const lone: Occurrence[] = [];
    for (const [w, r] of surnames) {
      for (const at of capitalisedWordsAt(doc.text, w)) {
        if (insideQuote(at)) continue;
        const k = lastBefore(runs, at + 1);
        if (k >= 0 && runs[k].end > at) continue;
        lone.push({ start: at, end: at + w.length, referent: r });
      }
    }
    // Found surname by surname; the scan this replaces found them in text order.
    lone.sort(byStart);
    runs.push(...lone);
    runs.sort(byStart);
  }
  // A partial name run ("Sir Keir") stands for the fullest run that holds its words ("Keir Starmer").
  const runReferents: Referent[] = [];
  for (const r of runs) if (r.referent.kind !== 'org') runReferents.push(r.referent);
  const byWord = indexByWord(runReferents);
  if (entityCount > 0) {
    // The same index, then each person entity once under its bare name (every mention shares
    // one referent, and a copy indexed again changes nothing, see indexByWord).
    const personEntities = new Set<Referent>();
    for (const n of names) if (n.referent.kind === 'person') personEntities.add(n.referent);
    const bare: Referent[] = [];
    for (const r of personEntities) bare.push({ ...r, name: bareName(r.name, 'person') || r.name });
    const people = indexByWord(bare, new Map(byWord));
    repairEntityNames(names, runs, people);
  }
  // Genders are read from these, in this order, when a pronoun first asks.
  const entityNames = names.slice();
  const runNames: Occurrence[] = [];
  for (const r of runs) {
    if (entityCount > 0 && covered(r.start, r.end)) continue;
    const best = fullest(byWord, r.referent.name) ?? r.referent;
    const referent = best === r.referent ? r.referent : { ...best, kind: best.kind === 'unknown' ? r.referent.kind : best.kind };
    const occurrence = { start: r.start, end: r.end, referent };
    names.push(occurrence);
    runNames.push(occurrence);
  }
  names.sort(byStart);
  return new ResolutionState(doc, names, insideQuote, () => gendersOf(doc.text, entityNames, runNames));
}

/** Genders told by honorifics and given names: entity mentions first (honorific before them included), then name runs. */
function gendersOf(text: string, entityNames: readonly Occurrence[], runNames: readonly Occurrence[]): Map<string, 'm' | 'f'> {
  const gender = new Map<string, 'm' | 'f'>();
  // A name whose words tell no gender is asked again at each mention (for an honorific before it):
  // its words are read once.
  const byWords = new Map<string, 'm' | 'f' | undefined>();
  for (const n of entityNames) {
    if (n.referent.kind === 'person' && !gender.has(n.referent.name)) {
      const name = n.referent.name;
      const hon = lastLetterRun(text.slice(Math.max(0, n.start - 12), n.start))?.toLowerCase();
      let g = hon ? GENDERED_HONORIFICS.get(hon) : undefined;
      if (!g) {
        if (!byWords.has(name)) byWords.set(name, genderOfNameWords(name));
        g = byWords.get(name);
      }
      if (g) gender.set(name, g);
    }
  }
  for (const n of runNames) {
    if (n.referent.kind !== 'person' || gender.has(n.referent.name)) continue;
    const g = genderOfName(text.slice(n.start, n.end), '');
    if (g) gender.set(n.referent.name, g);
  }
  return gender;
}

/**
 * Mends names the entity stage cut short or typed loosely: a PERSON entity
 * whose mention sits inside a longer name run of the text ("Grace Wanjiru"
 * in "Grace Wanjiru Otieno", "Bartosz K" in "Bartosz Kędzierski") takes the
 * run's fuller name; a one-word person name takes the fullest person name
 * holding it. The entity id is kept.
 */
function repairEntityNames(names: Occurrence[], runs: readonly Occurrence[], byWord: Map<string, Referent>): void {
  const fixed = new Map<string, Referent>();
  const firstReaching = firstRunReaching(runs);
  // fullest() over a fixed index, asked again for every mention of a name that needs no repair.
  const fullerByName = new Map<string, Referent | null>();
  for (const n of names) {
    const r = n.referent;
    if (r.kind !== 'person' || !r.entityId || fixed.has(r.entityId)) continue;
    // Titles and descriptors the tagger left in ("Trustee Margaret Ellery") never belong to a name.
    let best = bareName(r.name, 'person') || r.name;
    for (let k = firstReaching(n.start); k < runs.length; k++) {
      const run = runs[k];
      if (run.start > n.end) break;
      if (run.end < n.start || run.referent.kind === 'org') continue;
      const full = run.referent.name;
      if (full.length > best.length && (full.startsWith(best) || full.endsWith(best) || best.split(' ').every((w) => full.split(' ').includes(w)))) best = full;
    }
    // A surname or a name missing its first name ("MacLeod Reyes") takes the fullest person name holding it.
    let fuller = fullerByName.get(best);
    if (fuller === undefined) fullerByName.set(best, (fuller = fullest(byWord, best)));
    if (fuller && fuller.kind !== 'org' && fuller.name.length > best.length) best = fuller.name;
    if (best !== r.name) fixed.set(r.entityId, { ...r, name: best });
  }
  if (fixed.size === 0) return;
  for (let i = 0; i < names.length; i++) {
    const f = names[i].referent.entityId ? fixed.get(names[i].referent.entityId!) : undefined;
    if (f) names[i] = { ...names[i], referent: f };
  }
}

/**
 * For runs in text order, a function giving the index of the first run whose
 * end (or an earlier run's) reaches `offset`: every run before it ends before
 * `offset`, so a scan from the start would only step over them. Asked once per
 * person-entity mention, it keeps that scan from going quadratic. When the
 * runs are not in start order (never seen) it gives 0, the plain scan.
 */
function firstRunReaching(runs: readonly Occurrence[]): (offset: number) => number {
  const maxEnd = new Array<number>(runs.length);
  let reach = -Infinity;
  for (let i = 0; i < runs.length; i++) {
    if (i > 0 && runs[i].start < runs[i - 1].start) return () => 0;
    reach = Math.max(reach, runs[i].end);
    maxEnd[i] = reach;
  }
  return (offset) => {
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (maxEnd[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Each word → the fullest name holding it, entity-backed names winning ties (added to `m` when given). */
function indexByWord(referents: readonly Referent[], m = new Map<string, Referent>()): Map<string, Referent> {
  // Every mention of an entity shares one referent; indexing it again changes nothing (a holder
  // only ever gives way to a fuller or entity-backed name, which it cannot then beat back).
  const seen = new Set<Referent>();
  for (const r of referents) {
    if (seen.has(r)) continue;
    seen.add(r);
    const ws = r.name.split(' ');
    const len = ws.length;
    for (const w of ws) {
      const old = m.get(w);
      if (!old) {
        m.set(w, r);
        continue;
      }
      const oldLen = spaceCount(old.name) + 1;
      if (len > oldLen || (len === oldLen && r.entityId && !old.entityId && r.kind === 'person')) m.set(w, r);
    }
  }
  return m;
}

/** Number of ' ' in `s` (so `s.split(' ').length - 1`, without the array). */
function spaceCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf(' '); i >= 0; i = s.indexOf(' ', i + 1)) n++;
  return n;
}

/** The fullest known name that holds every word of `name`, if longer than it. */
function fullest(byWord: Map<string, Referent>, name: string): Referent | null {
  const ws = name.split(' ');
  let best: Referent | null = null;
  let bestLength = 0;
  for (const w of ws) {
    const c = byWord.get(w);
    // The holder of every word of a name is often one referent: the best cannot beat itself.
    if (!c || c === best) continue;
    const full = c.name.split(' ');
    if (full.length <= ws.length && c.name !== name) continue;
    if (!ws.every((x) => full.includes(x))) continue;
    if (!best || full.length > bestLength || (c.entityId && !best.entityId)) {
      best = c;
      bestLength = full.length;
    }
  }
  return best;
}

/** Entity (or name run) occurrences overlapping a span. */
function namesIn(state: ResolutionState, s: number, e: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (let i = lastBefore(state.names, e); i >= 0 && s - state.names[i].start < 200; i--) {
    if (state.names[i].end > s) out.unshift(state.names[i]);
  }
  return out;
}

/** A fuller known name for a partial one ("Sir Keir" → "Keir Starmer"), or the name itself. */
function expandName(state: ResolutionState, bare: string, at: number, kind: ReferentKind): Referent {
  void at;
  const best = fullest(state.nameByWord, bare);
  // A surname grows into a person's full name; an organisation word ("Hospice") only into a name it starts.
  if (best && (best.kind === 'person' || best.name.startsWith(`${bare} `) || (best.kind === 'unknown' && best.name.endsWith(` ${bare}`) && !ORG_NAME_WORDS.has(bare.toLowerCase()) && !ORG_ROLE_HEADS.has(bare.toLowerCase())))) return best;
  for (let i = state.speakers.length - 1; i >= 0 && state.speakers.length - i < 50; i--) {
    const full = state.speakers[i].referent.name.split(' ');
    const ws = bare.split(' ');
    if (full.length > ws.length && ws.every((w) => full.includes(w))) return state.speakers[i].referent;
  }
  return { name: bare, entityId: null, kind };
}

/** The role words of a phrase ("the prime minister" → "prime minister"), lower-cased, or null. */
export function roleKey(text: string): string | null {
  const ws = words(text.toLowerCase()).map(stripPossessive);
  let i = 0;
  while (i < ws.length && DETERMINERS.has(ws[i])) i++;
  const rest = ws.slice(i);
  // Up to a linking word: "spokesperson for X" keys on "spokesperson".
  const cut = rest.findIndex((w) => LINKS.has(w));
  const core = cut >= 0 ? rest.slice(0, cut) : rest;
  if (core.length === 0 || core.length > 5) return null;
  // "the PM" is the prime minister.
  if (core.length === 1 && core[0] === 'pm') return 'prime minister';
  const head = core[core.length - 1].replace(/[,.]$/, '');
  if (!PERSON_ROLE_HEADS.has(head) && !ORG_ROLE_HEADS.has(head)) return null;
  return core.join(' ').replace(/[,.]$/, '');
}

/** True when a role key names a person ("prime minister"), not a body ("forecaster"). */
export function isPersonRoleKey(key: string): boolean {
  return isPersonRole(key) && !ORG_ROLE_HEADS.has(key.split(' ').pop()!);
}

function isPersonRole(key: string): boolean {
  return PERSON_ROLE_HEADS.has(key.split(' ').pop()!);
}

/** Records that a role phrase names a referent ("Jane Roe, the chief executive"). */
export function linkRole(state: ResolutionState, roleText: string, referent: Referent): void {
  const key = roleKey(roleText);
  if (!key || referent.kind === 'org' && isPersonRole(key) && !/spokes|official/.test(key)) return;
  if (!state.roles.has(key)) state.roles.set(key, referent);
}

/** Role heads that news copy uses for one another ("the environment secretary" … "the minister"). */
const ROLE_SYNONYMS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['minister', 'secretary', 'chancellor']),
  new Set(['executive', 'ceo', 'boss', 'head', 'founder', 'chief']),
  new Set(['spokesperson', 'spokesman', 'spokeswoman']),
  new Set(['chairman', 'chairwoman', 'chair', 'chairperson']),
  new Set(['president', 'leader']),
  new Set(['prosecutor', 'counsel']),
  new Set(['judge', 'justice']),
  new Set(['officer', 'detective', 'inspector', 'superintendent', 'constable']),
];

function sameRoleHead(a: string, b: string): boolean {
  return a === b || ROLE_SYNONYMS.some((g) => g.has(a) && g.has(b));
}

function lookupRole(state: ResolutionState, key: string): Referent | null {
  const exact = state.roles.get(key);
  if (exact) return exact;
  // "the minister" for "the immigration minister": same head, one holder only.
  const head = key.split(' ').pop()!;
  for (const strict of [true, false]) {
    let found: Referent | null = null;
    let ambiguous = false;
    for (const [k, r] of state.roles) {
      const h = k.split(' ').pop()!;
      if (strict ? h === head : sameRoleHead(h, head)) {
        if (found && found.name !== r.name) ambiguous = true;
        found = r;
      }
    }
    if (found && !ambiguous) return found;
    if (ambiguous) return null;
  }
  return null;
}

const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;

/**
 * Offsets where scanning `text` with /\b\p{Lu}[\p{L}'’\-]+/gu finds a word
 * that is `word` once a possessive is stripped off it. Scanning the whole text
 * for every capitalised word cost more than the rest of the surname step, and
 * only the few places holding a surname can qualify, so those are found with
 * indexOf and each is checked to be where that scan would have matched: the
 * scan takes the first position of a run of letters, apostrophes and hyphens
 * that has a capital after a word boundary and one more run character, and
 * matches to the run's end (\b here is ASCII-only: the regex has no i flag).
 */
export function capitalisedWordsAt(text: string, word: string): number[] {
  const out: number[] = [];
  if (word === '') return out;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    let runStart = at;
    for (let n = runCharEndingAt(text, runStart); n > 0; n = runCharEndingAt(text, runStart)) runStart -= n;
    let earlier = false;
    for (let q = runStart; q < at && !earlier; q += codePointLength(text, q)) earlier = startsCapitalWord(text, q);
    if (earlier || !startsCapitalWord(text, at)) continue;
    let runEnd = at + codePointLength(text, at);
    const second = runEnd;
    while (runEnd < text.length) {
      const n = runCharStartingAt(text, runEnd);
      if (n === 0) break;
      runEnd += n;
    }
    if (runEnd === second) continue;
    const found = text.slice(at, runEnd);
    // Only a word ending in a mark or "s" can have a possessive to strip.
    const tail = found.charCodeAt(found.length - 1);
    if ((tail === 0x27 || tail === 0x2019 || tail === 0x73 ? stripPossessive(found) : found) === word) out.push(at);
  }
  return out;
}

const isAsciiWordCode = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/** True when a capital letter starts at `q` after a word boundary (\b\p{Lu}). */
function startsCapitalWord(text: string, q: number): boolean {
  const c = text.charCodeAt(q);
  const boundary = (q > 0 && isAsciiWordCode(text.charCodeAt(q - 1))) !== isAsciiWordCode(c);
  if (!boundary) return false;
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  return UPPER.test(text.slice(q, q + codePointLength(text, q)));
}

function codePointLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Length of the character of [\p{L}'’\-] ending at `end`, or 0. */
function runCharEndingAt(s: string, end: number): number {
  if (end <= 0) return 0;
  const c = s.charCodeAt(end - 1);
  if (c === 0x27 || c === 0x2019 || c === 0x2d) return 1;
  return letterEndingAt(s, end);
}

/** Length of the character of [\p{L}'’\-] starting at `i`, or 0. */
function runCharStartingAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x27 || c === 0x2019 || c === 0x2d) return 1;
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 0;
  const n = codePointLength(s, i);
  return LETTER.test(s.slice(i, i + n)) ? n : 0;
}


/** Length in code units of the character ending at `end` when it is a letter (\p{L}, astral ones too), else 0. */
function letterEndingAt(s: string, end: number): number {
  const c = s.charCodeAt(end - 1);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 0;
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const h = s.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return LETTER.test(s.slice(end - 2, end)) ? 2 : 0;
  }
  return LETTER.test(s[end - 1]) ? 1 : 0;
}

/**
 * What `/((?:\p{L}[\p{L}\-]*\s+){0,3}\p{L}[\p{L}\-]*)\s+$/u.exec(s)?.[1]` gives (up
 * to four words, of letters and hyphens, ending the string before its trailing
 * space), found from the end instead: that regex is tried at every offset of
 * the string and was the stage's costliest line. The leftmost match starts
 * at the first letter of the furthest word it can reach, which is what the
 * walk back returns (checked against the regex on 2M random strings).
 */
function titleWordsBefore(s: string): string | null {
  let i = s.length;
  while (i > 0 && isSpaceCode(s.charCodeAt(i - 1))) i--;
  if (i === s.length || i === 0) return null;
  const wordsEnd = i;
  let best = -1;
  for (let word = 1; word <= 4; word++) {
    // Walk back over this run of letters and hyphens; the word may start at its first letter.
    let firstLetter = -1;
    let k = i;
    while (k > 0) {
      if (s.charCodeAt(k - 1) === 0x2d) {
        k--;
        continue;
      }
      const n = letterEndingAt(s, k);
      if (n === 0) break;
      k -= n;
      firstLetter = k;
    }
    if (firstLetter < 0) break;
    best = firstLetter;
    // An earlier word joins only when this whole run is a word and only spaces come between.
    if (firstLetter !== k || word === 4 || k === 0 || !isSpaceCode(s.charCodeAt(k - 1))) break;
    let w = k;
    while (w > 0 && isSpaceCode(s.charCodeAt(w - 1))) w--;
    if (w === 0) break;
    i = w;
  }
  return best < 0 ? null : s.slice(best, wordsEnd);
}

/**
 * Finds role links the article states outright: a title before a name
 * ("Prime Minister Keir Starmer"), and appositions either way ("Jane Roe, the
 * chief executive," / "the minister, Jane Roe,").
 */
function collectRoleLinks(state: ResolutionState): void {
  const text = state.doc.text;
  for (const n of state.names) {
    if (n.referent.kind === 'org') continue;
    // Title words inside a name run ("Health Minister Grace Wanjiru Otieno" with no entity stage).
    if (!n.referent.entityId) {
      const own = text.slice(n.start, n.end);
      const cutAt = own.lastIndexOf(n.referent.name.split(' ')[0]);
      if (cutAt > 0) {
        const title = own.slice(0, cutAt).trim().split(/\s+/).filter((w) => !GENDERED_HONORIFICS.has(w.toLowerCase().replace(/\.$/, ''))).join(' ');
        if (title) linkRole(state, title, n.referent); // linkRole keys the title and drops what is no role
      }
    }
    // Title words right before the name (capitalised, or the lower-case "prime minister Keir Starmer").
    const before = text.slice(Math.max(0, n.start - 60), n.start);
    const titleWords = titleWordsBefore(before);
    if (titleWords !== null) {
      const ws = words(titleWords);
      let i = ws.length;
      while (i > 0 && HONORIFICS.has(ws[i - 1].toLowerCase()) || (i > 0 && PERSON_ROLE_HEADS.has(ws[i - 1].toLowerCase()))) i--;
      const title = ws.slice(i).filter((w) => !GENDERED_HONORIFICS.has(w.toLowerCase())).join(' ');
      if (title) linkRole(state, title, n.referent); // linkRole keys the title and drops what is no role
    }
    // Apposition after the name: "Jane Roe, the chief executive,". Both appositions need a comma
    // next to the name, which most names lack: checked before the regexes scan their windows.
    if (text.charCodeAt(n.end) === 0x2c) {
      const after = text.slice(n.end, n.end + 80);
      const a = /^,\s+((?:the|a|an|its|his|her|their)\s+[\p{Ll}\p{Lu}][\p{L}\- ]{1,60}?)\s*[,.;]/u.exec(after);
      if (a && !/\b(?:said|says|told|who|which|and)\b/.test(a[1])) linkRole(state, a[1], n.referent);
    }
    // Apposition before the name: "the minister, Jane Roe,".
    if (commaThenSpaceBefore(text, n.start)) {
      const b = /((?:the|The|\p{Lu}[\p{L}\-]*['’]s)\s+[\p{Ll}][\p{L}\- ]{1,50}?),\s+$/u.exec(text.slice(Math.max(0, n.start - 70), n.start));
      if (b && !/\b(?:said|says|told|who|which|and)\b/.test(b[1])) linkRole(state, b[1], n.referent);
    }
  }
}

/** True when `text` has a comma and then only white space (at least one) right before `end`. */
function commaThenSpaceBefore(text: string, end: number): boolean {
  let i = end;
  while (i > 0 && isSpaceCode(text.charCodeAt(i - 1))) i--;
  return i < end && i > 0 && text.charCodeAt(i - 1) === 0x2c;
}

function pronounCompatible(state: ResolutionState, r: Referent, g: 'm' | 'f' | 'group' | 'self'): boolean {
  if (g === 'group') return r.kind === 'org' || r.kind === 'unknown';
  if (g === 'self') return true;
  if (r.kind === 'org') return false;
  const known = state.gender.get(r.name);
  return !known || known === g;
}

/**
 * The referent of a speaker pronoun at `at`: the most recent compatible
 * referent (speaker or name mention outside quotes) before it, gender-aware.
 */
function resolvePronoun(state: ResolutionState, pronoun: string, at: number): Referent | null {
  const g = SPEAKER_PRONOUNS.get(pronoun)!;
  if (g === 'group') {
    // "Mr Roe's family said … “…,” they said": the group that spoke last, even when it has no name.
    let ui = state.unnamed.length - 1;
    while (ui >= 0 && state.unnamed[ui] >= at) ui--;
    const u = ui >= 0 ? state.unnamed[ui] : -1;
    let ri = state.speakers.length - 1;
    while (ri >= 0 && state.speakers[ri].start >= at) ri--;
    const r = ri >= 0 ? state.speakers[ri] : undefined;
    if (u > (r?.start ?? -1)) return null;
  }
  // Walk back sentence by sentence; in each, the first compatible referent (the subject,
  // in news prose) wins: "Rose Field, who farms near Ledbury, said …" → Rose Field.
  const sentences = state.doc.sentences;
  let si = sentenceAt(state.doc, at)?.index ?? -1;
  for (let steps = 0; si >= 0 && steps < 8; si--, steps++) {
    const sent = sentences[si];
    const to = Math.min(sent.end, at);
    const pool: Occurrence[] = [];
    for (let i = lastBefore(state.names, to); i >= 0 && state.names[i].start >= sent.start; i--) {
      const occ = state.names[i];
      if (state.insideQuote(occ.start)) continue;
      if (g !== 'group' && occ.referent.kind === 'unknown') continue;
      pool.push(occ);
    }
    const spoke = new Set<Occurrence>();
    for (let j = lastBefore(state.speakers, to); j >= 0 && state.speakers[j].start >= sent.start; j--) {
      pool.push(state.speakers[j]);
      spoke.add(state.speakers[j]);
    }
    // Who spoke in that sentence comes before whoever else it names; then text order (subject first).
    for (const occ of spokeFirst(pool, spoke)) {
      if (!pronounCompatible(state, occ.referent, g)) continue;
      if ((g === 'm' || g === 'f') && !state.gender.has(occ.referent.name)) state.gender.set(occ.referent.name, g);
      return occ.referent;
    }
  }
  return null;
}


function lastBefore(list: readonly Occurrence[], at: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < at) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** The first of `names` whose referent is of `kind`. */
function firstOfKind(names: readonly Occurrence[], kind: Referent['kind']): Occurrence | undefined {
  for (const n of names) if (n.referent.kind === kind) return n;
  return undefined;
}

/** `pool` with the occurrences in `spoke` first, each part in text order (a stable sort on both keys). */
function spokeFirst(pool: readonly Occurrence[], spoke: ReadonlySet<Occurrence>): Occurrence[] {
  const first: Occurrence[] = [];
  const rest: Occurrence[] = [];
  for (const occ of pool) (spoke.has(occ) ? first : rest).push(occ);
  first.sort(byStart);
  rest.sort(byStart);
  for (const occ of rest) first.push(occ);
  return first;
}

/** The most recent organisation (speaker or name outside quotes) before `at` whose name fits `test`. */
function lastOrg(state: ResolutionState, at: number, test: (r: Referent) => boolean): Referent | null {
  for (let i = lastBefore(state.names, at); i >= 0 && at - state.names[i].start < 20000; i--) {
    const r = state.names[i].referent;
    if (r.kind === 'org' && test(r) && !state.insideQuote(state.names[i].start)) return r;
  }
  return null;
}

/**
 * Who a speaker mention refers to. Order: the pronoun's antecedent; an entity
 * (or name) inside the mention (an organisation after "spokesperson for");
 * a role the article linked to a name; an organisation noun to the last
 * fitting organisation; otherwise the mention's own proper-name words.
 */
export function resolveSpeaker(state: ResolutionState, mention: TextSpan): Referent | null {
  const text = mention.text;
  const lw = text.toLowerCase();
  if (SPEAKER_PRONOUNS.has(lw)) return resolvePronoun(state, lw, mention.start);

  const ws = words(text);
  const lws: string[] = [];
  for (const w of ws) lws.push(stripPossessive(w.toLowerCase()));
  const key = roleKey(text);
  let linkAt = -1;
  for (let i = 0; i < lws.length && linkAt < 0; i++) if (LINKS.has(lws[i])) linkAt = i;
  const core: string[] = [];
  for (let i = 0; i < lws.length && (linkAt < 0 || i < linkAt); i++) if (!DETERMINERS.has(lws[i])) core.push(lws[i]);
  const lastCore = ws[lws.indexOf(core[core.length - 1] ?? '')] ?? '';
  // "the prime minister", "Police" opening a sentence, "a Home Office spokesperson": a role, not a name.
  const headIsRole =
    key !== null &&
    (linkAt > 0 || !isCap(lastCore) || core.every((w) => PERSON_ROLE_HEADS.has(w) || ORG_ROLE_HEADS.has(w) || HONORIFICS.has(w)) && core.length <= 2 && !core.some((w) => HONORIFICS.has(w) && core.length === 1 && !PERSON_ROLE_HEADS.has(w)));

  // "Ofgem's chief executive", "Mr Roe's family": the possessor is not the speaker; the role's holder is.
  // Read only with a role key, and its lazy first group is retried at every split of the text.
  const possessive = key ? /^(.+?)['’]s?\s+((?:\p{Ll}[\p{L}\-]*\s*){1,3})$/u.exec(text) : null;
  if (possessive && key) {
    const roleWords = possessive[2].trim();
    if (/spokes|representative|statement|office|lawyers?|solicitors?/.test(roleWords)) {
      const owner = namesIn(state, mention.start, mention.start + possessive[1].length);
      if (owner.length > 0) return owner[0].referent;
      // "the prime minister's spokesperson": the role's holder, if the article names one.
      if (!/\p{Lu}/u.test(possessive[1].replace(/^The\b/, ''))) {
        const k = roleKey(possessive[1]);
        return k ? lookupRole(state, k) : null;
      }
      return { name: bareName(possessive[1], 'org'), entityId: null, kind: 'org' };
    }
    return lookupRole(state, roleKey(roleWords) ?? key);
  }

  // Entities inside the mention.
  const inside = namesIn(state, mention.start, mention.end);
  if (inside.length > 0) {
    if (headIsRole && linkAt > 0) {
      // "a spokesperson for the Home Office": the body after the link speaks.
      const linkOffset = mention.start + text.toLowerCase().indexOf(` ${lws[linkAt]} `);
      const after = inside.filter((n) => n.start > linkOffset);
      if (after.length > 0) return after[0].referent;
    }
    const person = firstOfKind(inside, 'person');
    if (person) return person.referent;
    const org = firstOfKind(inside, 'org');
    // "Little Harbour Children’s Hospice" whose entity stopped at the possessive: the mention's own name, same entity.
    if (org && !headIsRole && ws.every((w, i) => isCap(w) || (i > 0 && /^(?:of|for|and|the|&|de)$/.test(w)) || (i === 0 && DETERMINERS.has(w.toLowerCase())))) {
      const own = bareName(text, 'org');
      if (own.length > org.referent.name.length && own.includes(org.referent.name)) return { ...org.referent, name: own };
    }
    if (headIsRole && org && key && isPersonRole(key) && !/spokes|official|source/.test(key)) {
      // "the UK prime minister": a role qualified by a place; the role's holder speaks.
      const holder = lookupRole(state, key);
      if (holder) return holder;
    }
    return (org ?? inside[0]).referent;
  }

  if (headIsRole && key) {
    if (linkAt > 0) {
      // Organisation named after the link, without an entity.
      const body = ws.slice(linkAt + 1).filter((w, i) => i > 0 || !DETERMINERS.has(w.toLowerCase()));
      if (body.length > 0 && isCap(body[0])) return { name: body.join(' ').replace(/[,.]$/, ''), entityId: null, kind: 'org' };
    }
    // "Home Office spokesperson", "a Tesla spokesman": the capitalised words before the role.
    // The words naming the body, between any determiner and the role words ("a No 10 spokesperson").
    const caps = ws.filter((w, i) => (isCap(w) || (/^\d+$/.test(w) && i > 0 && isCap(ws[i - 1]))) && !(i === 0 && DETERMINERS.has(w.toLowerCase())) && !PERSON_ROLE_HEADS.has(w.toLowerCase()) && !ORG_ROLE_HEADS.has(w.toLowerCase()));
    const headWord = key.split(' ').pop()!;
    if (caps.length > 0 && /spokes|official|source|representative/.test(headWord)) {
      return expandName(state, caps.map(stripPossessive).join(' '), mention.start, 'org');
    }
    const linked = lookupRole(state, key);
    if (linked) return linked;
    if (ORG_ROLE_HEADS.has(headWord) && !isPersonRole(key)) {
      if (SELF_NAMING_ORG_NOUNS.has(headWord)) {
        const body = lastOrg(state, mention.start, (r) => r.name.toLowerCase().includes(headWord));
        return body ?? { name: headWord, entityId: null, kind: 'org' };
      }
      if (/company|firm|group|business|retailer|airline|carrier|bank|insurer|lender|maker|manufacturer|startup|operator|provider/.test(headWord)) {
        return lastOrg(state, mention.start, (r) => !/party|government|ministry|police/i.test(r.name));
      }
      if (headWord === 'party') return lastOrg(state, mention.start, (r) => ORG_NAME_WORDS.has(r.name.toLowerCase()) || /party/i.test(r.name));
      if (/government|administration|kremlin|opposition|coalition|statement/.test(headWord)) return null;
      // "the union", "the central bank", "the agency", "the forecaster": a body whose name holds
      // the word, else the organisation that spoke last nearby.
      const named = lastOrg(state, mention.start, (r) => r.name.toLowerCase().split(' ').includes(headWord));
      if (named) return named;
      for (let i = state.speakers.length - 1; i >= 0; i--) {
        const sp = state.speakers[i];
        if (sp.start >= mention.start) continue;
        if (mention.start - sp.start > 1500) break;
        if (sp.referent.kind === 'org') return sp.referent;
      }
      return null;
    }
    return null;
  }

  // A proper name without an entity: its own words, expanded to a fuller known name.
  // Every content word must be capitalised ("Critics on the right" is no name).
  const bare = bareName(text);
  if (!bare || !bare.split(' ').every((w, i) => isCap(w) || (i > 0 && /^(?:of|for|and|the|on|de|du|von|van|der|den|da|al|bin|&)$/.test(w)))) return null;
  return expandName(state, bare, mention.start, guessKind(text));
}

/** Remembers a speaker (resolved or not), for pronouns and floating quotes after it. */
export function noteSpeaker(state: ResolutionState, at: number, end: number, referent: Referent | null): void {
  // Kept in text order (binary searches read them); arrivals are nearly in order, so this is cheap.
  if (referent) {
    const list = state.speakers;
    let i = list.length;
    while (i > 0 && list[i - 1].start > at) i--;
    list.splice(i, 0, { start: at, end, referent });
  } else {
    const list = state.unnamed;
    let i = list.length;
    while (i > 0 && list[i - 1] > at) i--;
    list.splice(i, 0, at);
  }
}
