/**
 * Folding speaker names before comparing them: gold says "Keir Starmer", a
 * prediction "Sir Keir Starmer" or "the Conservatives" vs "Conservatives";
 * these are the same speaker (issue 3: "after folding case, spaces and
 * honorifics"). Only a leading run of titles is dropped, so a title word
 * inside a name ("Attorney General") is kept.
 */

/** Titles that precede a name (gold conventions list Sir, Mr, Mrs, Ms, Dr, President, Prime Minister, Lord, Dame, Rev, Gen). */
const TITLES = new Set([
  'the', 'sir', 'dame', 'lord', 'lady', 'baroness', 'baron',
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor',
  'president', 'chancellor', 'premier', 'king', 'queen', 'prince', 'princess',
  'rev', 'reverend', 'fr', 'father', 'rabbi', 'imam', 'bishop', 'archbishop', 'pope',
  'gen', 'general', 'col', 'colonel', 'maj', 'major', 'capt', 'captain', 'lt', 'sgt', 'adm', 'admiral',
  'sen', 'senator', 'rep', 'representative', 'gov', 'governor', 'mayor', 'judge', 'justice',
  'hon', 'rt', 'cllr', 'councillor', 'mp', 'minister', 'secretary', 'ambassador', 'commissioner',
  'chief', 'inspector', 'detective', 'superintendent', 'constable', 'officer',
]);

/** Words that are titles only together with the next one ("prime minister", "home secretary"). */
const TITLE_HEADS = new Set(['prime', 'deputy', 'foreign', 'home', 'first', 'vice', 'chief', 'health', 'defence', 'defense', 'interior', 'finance', 'shadow', 'attorney']);

/** Post-nominal honours and offices after a name ("Sarah Lindqvist KC", "Jane Doe MP"). */
const POST_NOMINALS = new Set(['kc', 'qc', 'sc', 'mp', 'mep', 'msp', 'obe', 'mbe', 'cbe', 'kbe', 'dbe', 'frs', 'phd']);

/**
 * Lower-case, accent-free, punctuation-free form of a speaker name with
 * leading titles, "the" and trailing post-nominals removed; null stays null (an unknown speaker).
 */
export function foldSpeakerName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // Possessive 's and apostrophes inside names (O'Brien → obrien) fold away.
    .replace(/['’‘`]s\b/gu, '')
    .replace(/['’‘`]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  // Keep at least one word, so a speaker named only by a title ("the President") still compares.
  while (words.length > 1) {
    if (TITLES.has(words[0])) words.shift();
    else if (TITLE_HEADS.has(words[0]) && words.length > 2 && TITLES.has(words[1])) words.splice(0, 2);
    else break;
  }
  while (words.length > 1 && POST_NOMINALS.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** True when two speaker names are the same after folding (both unknown counts as the same). */
export function sameSpeaker(gold: string | null | undefined, predicted: string | null | undefined): boolean {
  return foldSpeakerName(gold) === foldSpeakerName(predicted);
}
