/**
 * Finding the cue (reporting verb, "according to", or an introducing colon)
 * of a quote and the words that name its speaker, in the quote's own
 * sentence. The patterns are the ones newsroom quote extractors and style
 * guides list: `“…,” X said`, `“…,” said X`, `X said: “…”`, `X told Y: “…”`,
 * `according to X`, `X said the plan “…”` (partial), `…, X said.` at the end
 * of a sentence holding partial quotes, and a quote split around its cue.
 */
import type { TextSpan, Token } from '../../core/types.ts';
import { textSpan } from '../../core/span.ts';
import { isCapitalised, lower, startsUpper, type QuoteContext } from './context.ts';
import {
  AFTER_ONLY_LEMMAS,
  BETWEEN_SUBJECT_AND_VERB,
  HONORIFICS,
  NAMING_LEMMAS,
  NOT_NAME_STARTS,
  ORG_NAME_WORDS,
  ORG_ROLE_HEADS,
  PERSON_ROLE_HEADS,
  REPORTING_FORMS,
  SPEAKER_PRONOUNS,
  WEAK_LEMMAS,
} from './lexicon.ts';

export type CueSide = 'after' | 'before' | 'colon' | 'sentence-end' | 'previous-colon';

export interface Attribution {
  /** The reporting verb, "according to", or the colon. */
  readonly cue: TextSpan;
  /** Token index of the cue's first token. */
  readonly cueToken: number;
  /** The words naming the speaker, as they stand in the text; null when the cue has no subject. */
  readonly mention: TextSpan | null;
  /** An apposition that describes the speaker ("the chief executive" in "Jane Roe, the chief executive, said"). */
  readonly role: TextSpan | null;
  readonly side: CueSide;
}

const NOUN_PHRASE_DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'this', 'that', 'these', 'those', 'another', 'one', 'two', 'three', 'several', 'some', 'many']);
const NP_LINKS = new Set(['of', 'for', 'at', 'from', 'to', 'in', 'on', 'with']);
const AMBIGUOUS_NOUN_FORMS = new Set(['claims', 'notes', 'posts', 'tweets', 'remarks', 'states', 'comments', 'answers', 'replies', 'reports', 'calls', 'promises', 'pledges', 'vows', 'warns', 'cries', 'texts', 'labels', 'brands', 'protests', 'objects', 'demands', 'charges', 'estimates', 'forecasts', 'signals', 'points', 'messages', 'blogs', 'email', 'text', 'post', 'tweet', 'call', 'answer', 'reply', 'claim', 'note', 'comment', 'remark', 'state', 'report', 'promise', 'pledge', 'vow', 'demand', 'charge', 'estimate', 'forecast', 'signal', 'point', 'message', 'blog', 'label', 'brand', 'protest', 'object', 'joke', 'jokes', 'quip', 'quips', 'plea', 'welcome', 'concern', 'counter', 'continue', 'tell', 'ask', 'say', 'add', 'write', 'warn', 'argue', 'insist', 'urge', 'admit', 'explain', 'stress', 'respond', 'acknowledge', 'suggest', 'declare', 'announce', 'maintain', 'recall', 'complain', 'predict', 'conclude', 'caution', 'observe', 'concede']);

/**
 * For each (first letter, last letter) of the reporting forms, the lengths of
 * the forms with those ends, one bit per length. The forms are ASCII, and
 * lower-casing keeps the length and the ASCII ends of any word it can turn
 * into ASCII (only İ grows, into i + U+0307, which is not ASCII), so a token
 * whose ends and length fit no form is never one: most words ("the", "market")
 * are settled here without being lower-cased and looked up.
 */
const FORM_ENDS: Uint16Array | null = (() => {
  const table = new Uint16Array(128 * 128);
  for (const f of REPORTING_FORMS.keys()) {
    // A form outside this shape would void the argument above: then no token is ruled out.
    if (!/^[a-z]{1,15}$/.test(f)) return null;
    table[f.charCodeAt(0) * 128 + f.charCodeAt(f.length - 1)] |= 1 << f.length;
  }
  return table;
})();

const lowerAsciiCode = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

/** False when `w` lower-cased cannot be a reporting form (see FORM_ENDS). */
export function mayBeReportingForm(w: string): boolean {
  if (FORM_ENDS === null) return true;
  const n = w.length;
  if (n === 0 || n > 15) return false;
  const first = w.charCodeAt(0);
  const last = w.charCodeAt(n - 1);
  // A non-ASCII end (the Kelvin sign lower-cases to "k") is left to the lookup.
  if (first >= 0x80 || last >= 0x80) return true;
  return ((FORM_ENDS[lowerAsciiCode(first) * 128 + lowerAsciiCode(last)] >> n) & 1) === 1;
}

/** The reporting lemma of token `k` when it is used as a verb there, else null. */
export function reportingLemma(ctx: QuoteContext, k: number): string | null {
  const t = ctx.doc.tokens[k];
  if (!t || ctx.quoteOfToken[k] >= 0) return null;
  if (!mayBeReportingForm(t.text)) return null;
  const w = t.text.toLowerCase();
  const lemma = REPORTING_FORMS.get(w);
  if (!lemma) return null;
  // Base and -s forms double as nouns ("his claims", "a tweet"); trust the tagger there.
  if (AMBIGUOUS_NOUN_FORMS.has(w) && t.pos !== 'VERB' && t.pos !== 'AUX') return null;
  if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ') {
    if (!/(ed|told|said|wrote)$/.test(w)) return null;
  }
  // "according to" is found separately; "point" reports only as "pointed out".
  if (lemma === 'point' && lower(ctx.doc.tokens[k + 1]) !== 'out') return null;
  return lemma;
}

function isAccordingTo(ctx: QuoteContext, k: number): boolean {
  return lower(ctx.doc.tokens[k]) === 'according' && lower(ctx.doc.tokens[k + 1]) === 'to' && ctx.quoteOfToken[k] < 0;
}

function span(ctx: QuoteContext, first: number, last: number): TextSpan {
  return textSpan(ctx.doc.text, ctx.doc.tokens[first].start, ctx.doc.tokens[last].end);
}

function sameParagraph(ctx: QuoteContext, a: number, b: number): boolean {
  const ta = ctx.doc.tokens[a];
  const tb = ctx.doc.tokens[b];
  return !!ta && !!tb && ctx.doc.sentences[ta.sentence].paragraph === ctx.doc.sentences[tb.sentence].paragraph;
}

/** A token that can be part of a speaker noun phrase. */
function isPhraseWord(ctx: QuoteContext, t: Token): boolean {
  if (startsUpper(t.text)) {
    // Capitalised sentence openers ("But", "Since", "Launching") are not names;
    // mid-sentence, a capital marks a name whatever the tagger says ("the Met").
    if (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'X' || NOUN_PHRASE_DETERMINERS.has(t.text.toLowerCase())) return true;
    if (t.pos === 'PRON' || t.pos === 'CCONJ' || t.pos === 'SCONJ' || t.pos === 'ADP' || t.pos === 'AUX') return false;
    // A sentence opener counts only when a name continues it ("Downing Street said"), not "Launching a …".
    if (ctx.doc.sentences[t.sentence]?.tokenStart === t.index) {
      const next = ctx.doc.tokens[t.index + 1];
      return !!next && startsUpper(next.text) && next.pos === 'PROPN';
    }
    return t.spaceBefore;
  }
  // Tested before lower-casing, as most words in a speaker phrase are tagged nouns.
  if (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'NUM') return true;
  const w = t.text.toLowerCase();
  if (NOUN_PHRASE_DETERMINERS.has(w)) return true;
  // The tagger sometimes calls "police" a verb; role nouns are nouns here.
  if (PERSON_ROLE_HEADS.has(w) || ORG_ROLE_HEADS.has(w)) return true;
  if (w === "'s" || w === '’s' || w === '-' || w === '&' || w === '.') return true;
  if (NP_LINKS.has(w)) return true;
  return false;
}

/** A token that can head a speaker phrase. */
function isNounish(t: Token): boolean {
  if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM' || startsUpper(t.text)) return true;
  const w = t.text.toLowerCase();
  return PERSON_ROLE_HEADS.has(w) || ORG_ROLE_HEADS.has(w);
}

/** True when a token in [first, last] can head a speaker phrase. */
function hasNounish(tokens: readonly Token[], first: number, last: number): boolean {
  for (let k = first; k <= last && k < tokens.length; k++) if (isNounish(tokens[k])) return true;
  return false;
}

const isPunct = (t: Token | undefined, p: string): boolean => !!t && t.text === p;

/** Trims linking words and stray punctuation off both ends of a token range. */
function trimPhrase(ctx: QuoteContext, first: number, last: number): [number, number] | null {
  const tk = ctx.doc.tokens;
  while (first <= last && (NP_LINKS.has(lower(tk[first])) || /^[\-.&'’]/.test(tk[first].text) && tk[first].text.length <= 2)) first++;
  while (last >= first && (NP_LINKS.has(lower(tk[last])) || NOUN_PHRASE_DETERMINERS.has(lower(tk[last])) || tk[last].text === '-' || tk[last].text === '&')) last--;
  return first <= last ? [first, last] : null;
}

/** A run of capitalised words ending at `last` (a name, honorifics included), or null. */
function nameRunEndingAt(ctx: QuoteContext, last: number, floor: number): [number, number] | null {
  const tk = ctx.doc.tokens;
  let i = last;
  while (
    i >= floor && ctx.quoteOfToken[i] < 0 && last - i < 7 &&
    (isCapitalised(tk[i]) ||
      (tk[i].text === '.' && i > floor && HONORIFICS.has(lower(tk[i - 1]))) ||
      // "Little Harbour Children’s Hospice", "Department of Health": inner possessives and links.
      ((/^['’]s$/.test(tk[i].text) || /^(?:of|for|and|&)$/.test(lower(tk[i]))) && i > floor && isCapitalised(tk[i - 1]) && i < last))
  ) i--;
  const first = i + 1;
  if (first > last || !isCapitalised(tk[first]) || NOT_NAME_STARTS.has(lower(tk[first]))) return null;
  return [first, last];
}

interface Subject {
  mention: TextSpan;
  role: TextSpan | null;
  first: number;
}

/** Index of the token before a parenthesis that ends at `k` ("(CCW)"), or `k` itself. */
function skipParenthesisBack(ctx: QuoteContext, k: number, floor: number): number {
  const tk = ctx.doc.tokens;
  if (!isPunct(tk[k], ')')) return k;
  for (let j = k - 1; j >= floor && k - j < 12; j--) if (isPunct(tk[j], '(')) return j - 1;
  return k;
}

/** Index of the token after a parenthesis that starts at `k`, or `k` itself. */
function skipParenthesisForward(ctx: QuoteContext, k: number, ceil: number): number {
  const tk = ctx.doc.tokens;
  if (!isPunct(tk[k], '(')) return k;
  for (let j = k + 1; j < ceil && j - k < 12; j++) if (isPunct(tk[j], ')')) return j + 1;
  return k;
}

const PASSIVE_AUX = new Set(['was', 'were', 'is', 'are', 'been', 'be', 'being', 'get', 'got']);
const RELATIVES = new Set(['who', 'which', 'whose', 'whom', 'that']);

/** True when tokens [first, last] are a person's or body's name (capitalised words, honorifics, initials). */
function isNameRun(ctx: QuoteContext, first: number, last: number): boolean {
  const tk = ctx.doc.tokens;
  if (first > last || last - first > 7) return false;
  let proper = false;
  for (let k = first; k <= last; k++) {
    const t = tk[k];
    if (ctx.quoteOfToken[k] >= 0) return false;
    if (startsUpper(t.text)) {
      if (t.pos === 'PROPN' || !NOUN_PHRASE_DETERMINERS.has(t.text.toLowerCase())) proper = true;
      continue;
    }
    if (t.text === '.' || t.text === '-' || /^(?:van|von|de|der|den|da|di|du|la|le|al|bin|ibn)$/.test(t.text)) continue;
    return false;
  }
  return proper && startsUpper(tk[first].text) && !NOT_NAME_STARTS.has(lower(tk[first]));
}

/**
 * The subject of the reporting verb at `v`, read leftwards: a pronoun, a
 * name, a role phrase ("the prime minister", "a spokesperson for the Home
 * Office"), a name with an apposition either side ("Jane Roe, the chief
 * executive," / "the regulator's chief executive, Jane Roe,"), an age
 * ("Jane Roe, 45,") or a relative clause ("Jane Roe, who chairs the board,").
 */
export function subjectBefore(ctx: QuoteContext, v: number, floor: number): Subject | null {
  const tk = ctx.doc.tokens;
  let i = v - 1;
  let skipped = 0;
  // "Residents were told to …", "he was asked": a passive subject is the listener, not the speaker.
  if (PASSIVE_AUX.has(lower(tk[i])) || (PASSIVE_AUX.has(lower(tk[i - 1])) && /ly$/.test(lower(tk[i])))) {
    if (/(?:ed|told|asked|quoted|described|called|written|said)$/.test(lower(tk[v]))) return null;
  }
  while (i >= floor && skipped < 4 && BETWEEN_SUBJECT_AND_VERB.has(lower(tk[i])) && ctx.quoteOfToken[i] < 0 && !(tk[i].pos === 'PRON')) {
    i--;
    skipped++;
  }
  i = skipParenthesisBack(ctx, i, floor);
  if (i < floor || ctx.quoteOfToken[i] >= 0 || !sameParagraph(ctx, i, v)) return null;
  const w = lower(tk[i]);
  if (SPEAKER_PRONOUNS.has(w)) return { mention: span(ctx, i, i), role: null, first: i };
  if (w === 'who' || w === 'which') {
    // "the man who said": the relative's antecedent speaks.
    let j = i - 1;
    if (isPunct(tk[j], ',')) j--;
    if (j < floor) return null;
    return phraseEndingAt(ctx, j, floor);
  }
  // An inserted phrase between commas or dashes ("Smith – who denies it – said").
  if (isPunct(tk[i], ',') || isPunct(tk[i], '–') || isPunct(tk[i], '—')) return appositionSubject(ctx, i, floor);
  return phraseEndingAt(ctx, i, floor);
}

/** The subject when a comma stands right before the verb: `X , Y , said`. */
function appositionSubject(ctx: QuoteContext, comma: number, floor: number): Subject | null {
  const tk = ctx.doc.tokens;
  // Find the comma that opens the inserted phrase.
  let j = comma - 1;
  // The inserted phrase may hold a quoted title ("MacLeod Reyes, whose debut “Low Tide” won a prize, described").
  const mark = tk[comma].text;
  while (j >= floor && !isPunct(tk[j], mark) && comma - j < 30 && !STOP_AFTER.has(tk[j].text)) j--;
  if (j < floor || !isPunct(tk[j], mark) || j === comma - 1) return null;
  const innerFirst = j + 1;
  const innerLast = comma - 1;
  // "the regulator's chief executive, Dame Helen Ashworth-Price, said": the name inside speaks.
  if (isNameRun(ctx, innerFirst, innerLast)) {
    const role = phraseEndingAt(ctx, skipParenthesisBack(ctx, j - 1, floor), floor);
    if (role && roleLike(ctx, role)) {
      return { mention: span(ctx, innerFirst, innerLast), role: role.mention, first: role.first };
    }
    if (!role) return { mention: span(ctx, innerFirst, innerLast), role: null, first: innerFirst };
  }
  // "Jane Roe, who chairs the board, said" / "Jane Roe, 45, said" / "Jane Roe, the chief executive, said".
  const relative = RELATIVES.has(lower(tk[innerFirst])) || /ing$/.test(lower(tk[innerFirst])) && tk[innerFirst].pos === 'VERB' || (tk[innerFirst].pos === 'ADP' && !NP_LINKS.has(lower(tk[innerFirst]))) || ['in', 'on', 'at'].includes(lower(tk[innerFirst]));
  const age = innerFirst === innerLast && tk[innerFirst].pos === 'NUM';
  const appositive = NOUN_PHRASE_DETERMINERS.has(lower(tk[innerFirst])) || /['’]s$/.test(tk[innerFirst + 1]?.text ?? '') || innerLast - innerFirst < 8;
  if (!relative && !age && !appositive) return null;
  let before = skipParenthesisBack(ctx, j - 1, floor);
  // "Greg Hall, 64, who left …, said": an age before the relative clause.
  if (before - 1 >= floor && tk[before]?.pos === 'NUM' && isPunct(tk[before - 1], ',')) before -= 2;
  if (before < floor) return null;
  const name = nameRunEndingAt(ctx, before, floor);
  if (name) {
    return { mention: span(ctx, name[0], name[1]), role: relative || age ? null : span(ctx, innerFirst, innerLast), first: name[0] };
  }
  if (relative || age) return phraseEndingAt(ctx, before, floor);
  return null;
}

/** True when a phrase names a role ("the chief executive", "Ofgem's head of research", "his mother"). */
function roleLike(ctx: QuoteContext, subj: Subject): boolean {
  const ws = subj.mention.text.toLowerCase().split(/\s+/);
  return ws.some((w) => {
    const bare = lettersAndHyphens(w);
    return PERSON_ROLE_HEADS.has(bare) || ORG_ROLE_HEADS.has(bare) || HONORIFICS.has(w);
  }) || /^(?:the|a|an|his|her|their|its)$/.test(ws[0]) || /['’]s$/.test(ws[0]);
}

/** `w.replace(/[^\p{L}-]/gu, '')`, skipping the regex for a word of ASCII letters and hyphens (nearly all). */
function lettersAndHyphens(w: string): string {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2d)) return w.replace(/[^\p{L}-]/gu, '');
  }
  return w;
}

function phraseEndingAt(ctx: QuoteContext, last: number, floor: number): Subject | null {
  const tk = ctx.doc.tokens;
  if (last < floor || !isPhraseWord(ctx, tk[last]) || NP_LINKS.has(lower(tk[last]))) return null;
  let i = last;
  while (i >= floor && ctx.quoteOfToken[i] < 0 && last - i < 16) {
    if (isPhraseWord(ctx, tk[i])) {
      // A common noun right before a name ends the phrase ("a line Rhodes says"), unless it is a title ("union president Jane Roe").
      if (i < last && startsUpper(tk[i + 1].text) && tk[i].pos === 'NOUN' && !startsUpper(tk[i].text) && !PERSON_ROLE_HEADS.has(lower(tk[i])) && !HONORIFICS.has(lower(tk[i]))) break;
      i--;
      continue;
    }
    // "Department of Health and Social Care": "and" between capitalised words stays in the name.
    if ((lower(tk[i]) === 'and' || tk[i].text === ',') && i > floor && startsUpper(tk[i + 1]?.text ?? '') && startsUpper(tk[i - 1].text) && lower(tk[i]) === 'and') {
      i--;
      continue;
    }
    if (isPunct(tk[i], ')')) {
      const b = skipParenthesisBack(ctx, i, floor);
      if (b !== i) {
        i = b;
        continue;
      }
    }
    break;
  }
  const trimmed = trimPhrase(ctx, i + 1, last);
  if (!trimmed) return null;
  let [first] = trimmed;
  // A determiner inside the run starts a new phrase ("exploited the policing" never reaches here, but "gave the minister" might).
  for (let k = last; k > first; k--) {
    if (NOUN_PHRASE_DETERMINERS.has(lower(tk[k])) && !NP_LINKS.has(lower(tk[k - 1])) && tk[k - 1].pos !== 'ADP' && lower(tk[k - 1]) !== 'and') {
      first = k;
      break;
    }
  }
  if (!hasNounish(tk, first, last)) return null;
  return { mention: span(ctx, first, last), role: null, first };
}

/**
 * The speaker phrase after an inverted reporting verb: "said Jane Roe, the
 * chief executive", "said the union's state secretary, Craig Dunleavy".
 */
export function subjectAfter(ctx: QuoteContext, v: number, ceil: number): Subject | null {
  const tk = ctx.doc.tokens;
  const i = v + 1;
  if (i >= ceil || ctx.quoteOfToken[i] >= 0) return null;
  const w = lower(tk[i]);
  if (SPEAKER_PRONOUNS.has(w) && w !== 'it') return { mention: span(ctx, i, i), role: null, first: i };
  let j = i;
  while (j < ceil && ctx.quoteOfToken[j] < 0 && j - i < 16) {
    if (isPunct(tk[j], '(')) {
      const f = skipParenthesisForward(ctx, j, ceil);
      if (f !== j) {
        j = f;
        continue;
      }
    }
    if (!isPhraseWord(ctx, tk[j]) || (tk[j].text === '.' && !HONORIFICS.has(lower(tk[j - 1])))) {
      if (lower(tk[j]) === 'and' && startsUpper(tk[j - 1]?.text ?? '') && startsUpper(tk[j + 1]?.text ?? '')) {
        j++;
        continue;
      }
      break;
    }
    j++;
  }
  const trimmed = trimPhrase(ctx, i, j - 1);
  if (!trimmed) return null;
  const [first, last] = trimmed;
  if (!hasNounish(tk, first, last)) return null;
  // Drop trailing adverbial phrases: "said Smith in a statement".
  let end = last;
  for (let k = first + 1; k <= last; k++) {
    const lw = lower(tk[k]);
    // "said Smith in a statement", "wrote Smith on Facebook"; but "of the Council", "at Harvard" stay.
    const bodyBefore = ORG_NAME_WORDS.has(lower(tk[k - 1]));
    if (((lw === 'in' || lw === 'on') && !bodyBefore) || ((lw === 'at' || lw === 'to') && !startsUpper(tk[k + 1]?.text ?? ''))) {
      end = k - 1;
      break;
    }
  }
  const head: Subject = { mention: span(ctx, first, end), role: null, first };
  if (!isPunct(tk[j], ',') || j + 1 >= ceil) return head;
  // After a comma: a name after a role ("said Ofgem's chief executive, Rachel Dunmore"), or an apposition after a name.
  let r = j + 1;
  while (r < ceil && ctx.quoteOfToken[r] < 0 && r - j < 12 && (isPhraseWord(ctx, tk[r]) || tk[r].pos === 'ADP') && !(tk[r].text === '.' && !HONORIFICS.has(lower(tk[r - 1])))) r++;
  if (r === j + 1) return head;
  if (roleLike(ctx, head) && !isNameRun(ctx, first, end) && isNameRun(ctx, j + 1, r - 1)) {
    return { mention: span(ctx, j + 1, r - 1), role: head.mention, first };
  }
  if (NOUN_PHRASE_DETERMINERS.has(lower(tk[j + 1])) || /['’]s$/.test(tk[j + 2]?.text ?? '')) return { ...head, role: span(ctx, j + 1, r - 1) };
  return head;
}

/** The phrase after "according to". */
function accordingSubject(ctx: QuoteContext, k: number, ceil: number): Subject | null {
  return subjectAfter(ctx, k + 1, ceil);
}

/** Token range of the unit holding token `k`. */
function unitBounds(ctx: QuoteContext, k: number): readonly [number, number] {
  return ctx.units[ctx.unitOfToken[k]];
}

const STOP_AFTER = new Set(['.', '!', '?', ';']);

/**
 * A cue right after the quote's closing mark: `“…,” she said`, `“…,” said
 * the minister`, `“…”, Sir Keir said.`, `“…,” according to police`.
 */
export function cueAfter(ctx: QuoteContext, q: number): Attribution | null {
  const tk = ctx.doc.tokens;
  let j = ctx.quoteTokens[q][1];
  const [, unitEnd] = tk[j] ? unitBounds(ctx, j) : [0, 0];
  const paraEnd = ctx.doc.paragraphs[ctx.doc.sentences[tk[j - 1]?.sentence ?? 0]?.paragraph ?? 0]?.end ?? 0;
  const ceil = Math.min(tk.length, Math.max(unitEnd, j));
  let skipped = 0;
  // ", she said", "— she said", and a headline's "“…”: PM vows …".
  // Stray marks too: a closing mark the pairing took for an apostrophe ("the fans’,’ she said").
  while (j < ceil && (/^[,–—\-:’'”"]$/.test(tk[j].text)) && skipped < 3) {
    j++;
    skipped++;
  }
  if (j >= tk.length || tk[j].start >= paraEnd || ctx.quoteOfToken[j] >= 0) return null;
  const limit = Math.min(tk.length, j + 16);
  // A quote closed by a full stop has ended its sentence: only a real speech verb attributes it
  // from behind ("“We lost.” Smith said." in loose copy), never "Temperatures are expected".
  const inner = ctx.doc.text.slice(ctx.quotes[q].start, ctx.quotes[q].end).trimEnd();
  const usable = (l: string) => !NAMING_LEMMAS.has(l) && !(WEAK_LEMMAS.has(l) && /[.…]$/.test(inner));
  const lemma = reportingLemma(ctx, j);
  if (lemma && usable(lemma) && !introducesNext(ctx, j)) {
    const subj = subjectAfter(ctx, j, sentenceEndFrom(ctx, j, limit));
    return { cue: span(ctx, j, j), cueToken: j, mention: subj?.mention ?? null, role: subj?.role ?? null, side: 'after' };
  }
  if (isAccordingTo(ctx, j)) {
    const subj = accordingSubject(ctx, j, sentenceEndFrom(ctx, j, limit));
    return { cue: span(ctx, j, j + 1), cueToken: j, mention: subj?.mention ?? null, role: null, side: 'after' };
  }
  // Subject first: scan to the first reporting verb of this clause.
  for (let k = j; k < limit + 12 && k < tk.length && tk[k].start < paraEnd; k++) {
    if (ctx.quoteOfToken[k] >= 0 || STOP_AFTER.has(tk[k].text)) break;
    // "one resident, who did not want to be named, said": step over the relative clause.
    if (tk[k].text === ',' && RELATIVES.has(lower(tk[k + 1]))) {
      let r = k + 2;
      while (r < tk.length && r - k < 20 && tk[r].text !== ',' && !STOP_AFTER.has(tk[r].text) && ctx.quoteOfToken[r] < 0) r++;
      if (tk[r]?.text === ',') {
        k = r;
        continue;
      }
    }
    const lk = reportingLemma(ctx, k);
    if (lk && usable(lk)) {
      const subj = subjectBefore(ctx, k, j);
      // "“We are ready.” The mayor added: “Come visit.”": that cue introduces the next quote.
      if (introducesNext(ctx, k)) break;
      if (subj && subj.first === j) {
        return { cue: span(ctx, k, k), cueToken: k, mention: subj.mention, role: subj.role, side: 'after' };
      }
      break;
    }
    // Another verb before any reporting verb: the clause is about something else.
    if (tk[k].pos === 'VERB' && !BETWEEN_SUBJECT_AND_VERB.has(lower(tk[k])) && k > j && !isCapitalised(tk[k])) {
      // "the minister, who was visiting, said" is too rare to chase past a verb.
      break;
    }
  }
  return null;
}

/** True when the clause of the verb at `k` ends in a colon (it introduces what follows). */
function introducesNext(ctx: QuoteContext, k: number): boolean {
  const tk = ctx.doc.tokens;
  for (let r = k + 1; r < tk.length && r - k <= 6; r++) {
    if (tk[r].text === ':') return true;
    if (ctx.quoteOfToken[r] >= 0 || STOP_AFTER.has(tk[r].text) || tk[r].text === ',') return false;
  }
  return false;
}

function sentenceEndFrom(ctx: QuoteContext, j: number, limit: number): number {
  const tk = ctx.doc.tokens;
  let k = j;
  while (k < limit && !STOP_AFTER.has(tk[k].text) && ctx.quoteOfToken[k] < 0 && sameParagraph(ctx, j, k)) k++;
  return k;
}

/**
 * A cue before the quote in its own sentence: the colon that introduces it
 * (`Sir Keir told attendees: “…”`) or the nearest reporting verb whose clause
 * holds it (`the Conservatives said the conference “will make no difference”`).
 */
export function cueBefore(ctx: QuoteContext, q: number): Attribution | null {
  const tk = ctx.doc.tokens;
  const first = ctx.quoteTokens[q][0];
  if (first >= tk.length) return null;
  const [unitStart] = unitBounds(ctx, first);
  const prev = first - 1;
  if (prev >= unitStart && tk[prev].text === ':' && ctx.quoteOfToken[prev] < 0) {
    return colonCue(ctx, prev, unitStart, 'colon');
  }
  // The nearest reporting verb before the quote, skipping earlier quotes.
  for (let k = prev, seen = 0; k >= unitStart && seen < 60; k--, seen++) {
    if (ctx.quoteOfToken[k] >= 0) continue;
    if (isAccordingTo(ctx, k)) {
      const subj = accordingSubject(ctx, k, first);
      if (subj) return { cue: span(ctx, k, k + 1), cueToken: k, mention: subj.mention, role: null, side: 'before' };
      continue;
    }
    const lemma = reportingLemma(ctx, k);
    if (!lemma || AFTER_ONLY_LEMMAS.has(lemma)) continue;
    // "a man described as “armed”": a participle with no object is a description, not a speaker's verb.
    if (NAMING_LEMMAS.has(lemma) && lower(tk[k + 1]) === 'as' && /ed$/.test(lower(tk[k])) && !SPEAKER_PRONOUNS.has(lower(tk[k - 1]))) {
      const p = tk[k - 1];
      if (p && (p.pos === 'NOUN' || (p.pos === 'PROPN' && !isCapitalised(p)))) continue;
    }
    const distance = first - k;
    if (NAMING_LEMMAS.has(lemma) ? distance > 8 : WEAK_LEMMAS.has(lemma) && distance > 6) continue;
    // "The newspaper quoted him as saying …": the object of "quoted" speaks.
    if (lower(tk[k]) === 'saying' && lower(tk[k - 1]) === 'as') {
      for (let qd = k - 2; qd >= unitStart && k - qd <= 8; qd--) {
        if (lower(tk[qd]) !== 'quoted') continue;
        const obj = trimPhrase(ctx, qd + 1, k - 2);
        if (obj) return { cue: span(ctx, k, k), cueToken: k, mention: span(ctx, obj[0], obj[1]), role: null, side: 'before' };
      }
    }
    // "“We will,” said Jane Roe, “act now.”": an inverted verb right after a quote.
    const inverted = k > 0 && ctx.quoteOfToken[k - 1] >= 0 || (isPunct(tk[k - 1], ',') && ctx.quoteOfToken[k - 2] >= 0);
    const subj = subjectBefore(ctx, k, unitStart) ?? subjectOfParticiple(ctx, k, unitStart) ?? (inverted ? subjectAfter(ctx, k, first) : null);
    if (!subj) continue;
    return { cue: span(ctx, k, k), cueToken: k, mention: subj.mention, role: subj.role, side: 'before' };
  }
  return null;
}

/**
 * "Smith wrote on X, saying “…”": a participle's subject is the subject of
 * the clause it hangs on.
 */
function subjectOfParticiple(ctx: QuoteContext, k: number, unitStart: number): Subject | null {
  const tk = ctx.doc.tokens;
  const participle = /ing$/.test(lower(tk[k])) && isPunct(tk[k - 1], ',');
  // "Murkowski called the package “vital” and said …": a coordinated verb shares the first one's subject.
  const coordinated = lower(tk[k - 1]) === 'and' || (lower(tk[k - 2]) === 'and' && BETWEEN_SUBJECT_AND_VERB.has(lower(tk[k - 1])));
  if (!participle && !coordinated) return null;
  // The main clause's subject: the first verb of the sentence that has one
  // ("The CTA said it had offered …, and called …" → the CTA, not "it").
  for (let v = Math.max(unitStart, k - 40); v < k - 1; v++) {
    if (ctx.quoteOfToken[v] >= 0) continue;
    if ((tk[v].pos === 'VERB' && !isCapitalised(tk[v])) || reportingLemma(ctx, v)) {
      const subj = subjectBefore(ctx, v, unitStart);
      if (subj) return subj;
    }
  }
  return null;
}

/** The attribution of a clause that ends in a colon introducing a quote. */
function colonCue(ctx: QuoteContext, colon: number, floor: number, side: CueSide): Attribution | null {
  const tk = ctx.doc.tokens;
  // The clause runs back to the sentence start, over any quoted title in it ("told the BBC's “Newsnight”:").
  let clauseStart = colon - 1;
  while (clauseStart >= floor && colon - clauseStart < 40 && !STOP_AFTER.has(tk[clauseStart].text)) clauseStart--;
  clauseStart++;
  for (let k = colon - 1; k >= clauseStart; k--) {
    const lemma = reportingLemma(ctx, k);
    if (!lemma) continue;
    const subj = subjectBefore(ctx, k, clauseStart) ?? subjectOfParticiple(ctx, k, clauseStart);
    if (subj) return { cue: span(ctx, k, k), cueToken: k, mention: subj.mention, role: subj.role, side };
  }
  // No verb ("Smith, in a statement: “…”"): a name or pronoun opening the clause still speaks.
  const w = lower(tk[clauseStart]);
  let mention: TextSpan | null = null;
  if (SPEAKER_PRONOUNS.has(w) && w !== 'it') mention = span(ctx, clauseStart, clauseStart);
  else if (isCapitalised(tk[clauseStart]) && !NOT_NAME_STARTS.has(w)) {
    let e = clauseStart;
    while (e + 1 < colon && isCapitalised(tk[e + 1])) e++;
    if (tk.slice(clauseStart, e + 1).some((t) => t.pos === 'PROPN')) mention = span(ctx, clauseStart, e);
  }
  if (!mention) return null;
  return { cue: span(ctx, colon, colon), cueToken: colon, mention, role: null, side };
}

/**
 * A quote opening its own unit right after a unit that ends in a colon
 * ("Speaking at the summit, Sir Keir said:" ⏎ "“…”").
 */
export function cueInPreviousColon(ctx: QuoteContext, q: number): Attribution | null {
  const tk = ctx.doc.tokens;
  const first = ctx.quoteTokens[q][0];
  if (first === 0 || first >= tk.length) return null;
  const [unitStart] = unitBounds(ctx, first);
  if (unitStart !== first) return null;
  const colon = first - 1;
  if (tk[colon].text !== ':' || ctx.quoteOfToken[colon] >= 0) return null;
  const [prevStart] = unitBounds(ctx, colon);
  return colonCue(ctx, colon, prevStart, 'previous-colon');
}

/**
 * A sentence-final attribution after the quote (`Illegal migration was
 * “…” which “…”, Sir Keir said.`; `… “fragmented” policing …, the prime
 * minister has said.`): a reporting verb with its subject after a comma, in
 * the last few words of the unit, with no quote after it.
 */
export function cueAtSentenceEnd(ctx: QuoteContext, q: number): Attribution | null {
  const tk = ctx.doc.tokens;
  const after = ctx.quoteTokens[q][1];
  if (after === 0) return null;
  const u = ctx.unitOfToken[after - 1];
  if (u < 0) return null;
  let found = sentenceEndCache.get(ctx)?.get(u);
  if (found === undefined) {
    found = sentenceEndAttribution(ctx, u);
    if (!sentenceEndCache.has(ctx)) sentenceEndCache.set(ctx, new Map());
    sentenceEndCache.get(ctx)!.set(u, found);
  }
  if (!found || found.mention === null) return null;
  // The attribution must come after this quote.
  return found.mention.start >= (tk[after - 1]?.end ?? 0) ? found : null;
}

const sentenceEndCache = new WeakMap<QuoteContext, Map<number, Attribution | null>>();

function sentenceEndAttribution(ctx: QuoteContext, u: number): Attribution | null {
  const tk = ctx.doc.tokens;
  const [unitStart, unitEnd] = ctx.units[u];
  let words = 0;
  for (let k = unitEnd - 1; k >= unitStart && words <= 12; k--) {
    if (ctx.quoteOfToken[k] >= 0) return null;
    if (!/^[.!?,;:)]$/.test(tk[k].text)) words++;
    const isAcc = isAccordingTo(ctx, k);
    const lemma = isAcc ? 'according' : reportingLemma(ctx, k);
    if (!lemma || WEAK_LEMMAS.has(lemma) || NAMING_LEMMAS.has(lemma)) continue;
    if (isAcc) {
      const subj = accordingSubject(ctx, k, unitEnd);
      if (subj && isPunct(tk[k - 1], ',')) return { cue: span(ctx, k, k + 1), cueToken: k, mention: subj.mention, role: null, side: 'sentence-end' };
      return null;
    }
    // Words after the verb: "said in a statement on Tuesday." is fine; a whole clause is not.
    let rest = 0;
    for (let r = k + 1; r < unitEnd; r++) if (!/^[.!?,;:)]$/.test(tk[r].text)) rest++;
    if (rest > 8) return null;
    const subj = subjectBefore(ctx, k, unitStart);
    if (subj && isPunct(tk[subj.first - 1], ',')) {
      return { cue: span(ctx, k, k), cueToken: k, mention: subj.mention, role: subj.role, side: 'sentence-end' };
    }
    if (isPunct(tk[k - 1], ',')) {
      const inv = subjectAfter(ctx, k, unitEnd);
      if (inv) return { cue: span(ctx, k, k), cueToken: k, mention: inv.mention, role: inv.role, side: 'sentence-end' };
    }
    return null;
  }
  return null;
}

/**
 * Reported speech without quote marks ("Jane Roe said the plan was
 * working."): who speaks there is the likely speaker of a quote that follows
 * with no cue of its own. Returns the first such event whose cue is at token
 * `from` or later, or null: callers read events in text order only as far as
 * their last quote, so the rest of the article is never scanned.
 */
export function nextReportedSpeech(ctx: QuoteContext, from: number): Attribution | null {
  const tk = ctx.doc.tokens;
  for (let k = from; k < tk.length; k++) {
    const q = ctx.quoteOfToken[k];
    if (q >= 0) {
      // Step over the rest of the quote at once: its tokens are one run.
      k = ctx.quoteTokens[q][1] - 1;
      continue;
    }
    const lemma = reportingLemma(ctx, k);
    if (!lemma || WEAK_LEMMAS.has(lemma) || NAMING_LEMMAS.has(lemma)) continue;
    const [unitStart] = unitBounds(ctx, k);
    const subj = subjectBefore(ctx, k, unitStart);
    if (subj) return { cue: span(ctx, k, k), cueToken: k, mention: subj.mention, role: subj.role, side: 'before' };
  }
  return null;
}
