/**
 * Clustering mentions into the article's entities (gold conventions: "every
 * name mention of one referent is one entity"): identical names; a first name
 * or surname alone joins the full person name it belongs to ("Keir",
 * "Starmer" → "Keir Starmer"); a shorter name contained in a longer one of a
 * compatible type joins it and takes its type; an acronym joins the name it
 * abbreviates ("Organised Immigration Crime (OIC)").
 */
import type { Entity, EntityType } from '../../../schemas/record.ts';
import type { Doc } from '../../core/types.ts';
import { loadGazetteer, NO_CLASSES } from '../../ner/gazetteer.ts';
import { orderByKey, sortByKey } from '../../core/sort.ts';
import { ORG_HEADS } from './lexicon.ts';
import type { Mention } from './mentions.ts';

interface Cluster {
  /** Indexes of its mentions in the article's list. */
  members: number[];
  /** Words of the longest name (no honorifics). */
  words: string[];
  name: string;
  type: EntityType;
  votes: Map<EntityType, number>;
  /**
   * A surname typed PERSON joined a full name the tagger mistyped: the entity
   * is a person. Set on every cluster from the start: added only in that rare
   * case, it gave those clusters another hidden class, and clusterMentions'
   * optimised code was thrown away ("wrong map") and compiled again when the
   * first one appeared (--trace-deopt, scratch, 2026-12-08).
   */
  forcePerson: boolean;
}

const isPlaceClass = (c: string) => c === 'COUNTRY' || c === 'CITY' || c === 'REGION';

/** Whether the gazetteer knows `name` as a country, city or region. */
function isPlace(name: string): boolean {
  return (loadGazetteer().phrases.get(name) ?? NO_CLASSES).some(isPlaceClass);
}

/** Types a short form of an organisation's name may have been given by the tagger. */
const ORG_LIKE = new Set<EntityType>(['ORG', 'MISC', 'PERSON']);

const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'on', 'in', 'de', 'du', 'des', '&', '-']);

/** Initials of a multi-word name's capitalised words ("Organised Immigration Crime" → "OIC"). */
function initials(words: readonly string[]): string {
  return words
    .filter((w) => !CONNECTORS.has(w.toLowerCase()) && /^\p{Lu}/u.test(w))
    .map((w) => w.charAt(0))
    .join('');
}

function isAcronym(w: string): boolean {
  const bare = w.replace(/\./g, '');
  return /^\p{Lu}[\p{L}\d&]{1,7}$/u.test(bare) && (bare.match(/\p{Lu}/gu)?.length ?? 0) >= 2 || /^\p{Lu}\p{Ll}{2,5}$/u.test(bare);
}

/**
 * Whether `word` abbreviates a name with these initials: its capitals spell
 * them ("BoJ" → Bank of Japan) or, for a name of three or more words, the
 * whole word does ("Kuco" → Kenya Union of Clinical Officers).
 */
function abbreviates(word: string, initialsOfName: string): boolean {
  const bare = word.replace(/\./g, '');
  const capitals = bare.replace(/[^\p{Lu}]/gu, '');
  if (capitals.length >= 2 && capitals === initialsOfName) return true;
  return initialsOfName.length >= 3 && bare.toUpperCase() === initialsOfName;
}

function wordsOf(doc: Doc, m: Mention): string[] {
  if (m.chars) return [doc.text.slice(m.chars[0], m.chars[1])];
  const out: string[] = [];
  for (let k = m.start; k < m.end; k++) out.push(doc.tokens[k].text);
  return out;
}

/** Character span of a mention. */
function charsOf(doc: Doc, m: Mention): [number, number] {
  return m.chars ?? [doc.tokens[m.start].start, doc.tokens[m.end - 1].end];
}

/** Whether the short word list is the first or last word(s) of the long one. */
function isNamePart(short: readonly string[], long: readonly string[]): boolean {
  if (short.length >= long.length) return false;
  return wordsAt(short, long, 0) || wordsAt(short, long, long.length - short.length);
}

/** Whether `short` stands in `long` from word `off` on. (No closure: this runs for every pair of mentions.) */
function wordsAt(short: readonly string[], long: readonly string[], off: number): boolean {
  for (let i = 0; i < short.length; i++) if (long[off + i] !== short[i]) return false;
  return true;
}

/** Types a shorter name may share an entity with when it is part of a longer name. */
function compatible(short: EntityType, long: EntityType): boolean {
  // A surname that is also a place ("Washington") joins a full person name in the same article.
  if (long === 'PERSON') return short !== 'NORP';
  if (short === long) return true;
  // "Reform" (tagged as something else) inside "Reform UK" (ORG).
  return long === 'ORG' && (short === 'MISC' || short === 'PERSON');
}

/** Working state of one article's clustering (module-level helpers, not closures: README, Design). */
interface Clustering {
  mentions: readonly Mention[];
  texts: string[];
  words: string[][];
  clusterOf: Array<Cluster | null>;
  clusters: Cluster[];
}

function joinCluster(state: Clustering, i: number, c: Cluster): void {
  const { mentions, words, texts } = state;
  c.members.push(i);
  c.votes.set(mentions[i].type, (c.votes.get(mentions[i].type) ?? 0) + (words[i].length > 1 ? 2 : 1));
  if (words[i].length > c.words.length) {
    c.words = words[i];
    c.name = texts[i];
  }
  state.clusterOf[i] = c;
}

function openCluster(state: Clustering, i: number): void {
  const c: Cluster = { members: [], words: [], name: '', type: state.mentions[i].type, votes: new Map(), forcePerson: false };
  state.clusters.push(c);
  joinCluster(state, i, c);
}

export function clusterMentions(doc: Doc, mentions: readonly Mention[]): Entity[] {
  const n = mentions.length;
  const texts: string[] = new Array(n);
  const words: string[][] = new Array(n);
  const starts: number[] = new Array(n);
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const [a, b] = charsOf(doc, mentions[i]);
    starts[i] = a;
    texts[i] = doc.text.slice(a, b);
    words[i] = wordsOf(doc, mentions[i]);
    longest = Math.max(longest, words[i].length);
  }
  const clusterOf = new Array<Cluster | null>(n).fill(null);
  const clusters: Cluster[] = [];
  const state: Clustering = { mentions, texts, words, clusterOf, clusters };

  // Longest names first, so every shorter name finds the full name it belongs to, wherever it stands.
  const fewerWords: number[] = new Array(n);
  for (let i = 0; i < n; i++) fewerWords[i] = longest - words[i].length;
  const order = orderByKey(fewerWords);
  const byText = new Map<string, Cluster>();
  // Whether any key of byText is all caps: only then can a mention's
  // upper-cased text find one, and upper-casing every mention is skipped.
  let allCapsKeys = false;
  for (const i of order) {
    const key = texts[i];
    const same = byText.get(key) ?? (!allCapsKeys || key === key.toUpperCase() ? undefined : byText.get(key.toUpperCase()));
    if (same && (same.type === mentions[i].type || words[i].length > 1 || compatible(mentions[i].type, same.type))) {
      joinCluster(state, i, same);
      continue;
    }
    // Part of a longer name: the nearest earlier full name, else the nearest later one.
    let best: Cluster | null = null;
    let bestDistance = Infinity;
    for (let j = 0; j < mentions.length; j++) {
      const c = clusterOf[j];
      if (!c || words[j].length <= words[i].length) continue;
      if (!isNamePart(words[i], words[j])) continue;
      // A place does not join an organisation or building named after it ("Leeds", "Leeds Crown Court").
      if (c.type !== 'PERSON' && words[i].length === 1 && isPlace(texts[i])) continue;
      const lastWord = words[i].length === 1 && words[j][words[j].length - 1] === words[i][0];
      // A person's surname the tagger got right while it mistyped the full name ("Dr Amira Haddad" as ORG).
      const surnameOfMistyped = lastWord && mentions[i].type === 'PERSON' && c.type !== 'PERSON' && words[j].length <= 3 && !ORG_HEADS.has(words[j][words[j].length - 1]);
      // The first word of an organisation's full name ("SkyLark" for "SkyLark Airlines").
      const shortOrg = c.type === 'ORG' && ORG_LIKE.has(mentions[i].type) && words[i][0] === words[j][0] && ORG_HEADS.has(words[j][words[j].length - 1]);
      if (!surnameOfMistyped && !shortOrg) {
        if (!compatible(mentions[i].type, c.type)) continue;
        if (c.type !== 'PERSON' && words[i].length === 1 && mentions[i].type !== c.type && mentions[i].type !== 'MISC') continue;
      }
      if (surnameOfMistyped) c.forcePerson = true;
      const d = mentions[j].start < mentions[i].start ? mentions[i].start - mentions[j].start : 1e6 + mentions[j].start;
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    // An acronym of a longer name in the text.
    if (!best && words[i].length === 1 && isAcronym(texts[i])) {
      for (let j = 0; j < mentions.length; j++) {
        const c = clusterOf[j];
        if (c && words[j].length > 1 && (c.type === mentions[i].type || ORG_LIKE.has(mentions[i].type)) && abbreviates(texts[i], initials(words[j]))) {
          best = c;
          break;
        }
      }
    }
    // A clipped first word of an organisation ("Met" for "Metropolitan Police").
    if (!best && words[i].length === 1 && /^\p{Lu}\p{Ll}{2,}$/u.test(texts[i])) {
      for (let j = 0; j < mentions.length; j++) {
        const c = clusterOf[j];
        if (c && c.type === 'ORG' && ORG_LIKE.has(mentions[i].type) && words[j].length > 1 && words[j][0].length > texts[i].length && words[j][0].startsWith(texts[i])) {
          best = c;
          break;
        }
      }
    }
    if (best) joinCluster(state, i, best);
    else {
      openCluster(state, i);
      byText.set(key, clusterOf[i]!);
      if (!allCapsKeys && key === key.toUpperCase()) allCapsKeys = true;
    }
  }

  for (const c of clusters) {
    // The longest mention's type decides, unless shorter ones outvote it.
    let top: EntityType = c.type;
    let topVotes = -1;
    for (const [t, v] of c.votes) {
      if (v > topVotes) {
        top = t;
        topVotes = v;
      }
    }
    c.type = c.type === 'PERSON' || c.forcePerson ? 'PERSON' : top;
    c.members = sortByKey(c.members, starts);
  }
  // Entities in the order of their first mentions.
  const firstStarts: number[] = new Array(clusters.length);
  for (let c = 0; c < clusters.length; c++) firstStarts[c] = starts[clusters[c].members[0]];
  const entities: Entity[] = [];
  for (const c of orderByKey(firstStarts)) {
    const { type, name, members } = clusters[c];
    const spans: Entity['mentions'] = [];
    for (const i of members) {
      const [start, end] = charsOf(doc, mentions[i]);
      spans.push({ text: doc.text.slice(start, end), start, end });
    }
    entities.push({ id: `e${entities.length + 1}`, type, name, mentions: spans });
  }
  return entities;
}
