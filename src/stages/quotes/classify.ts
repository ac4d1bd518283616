/**
 * Deciding what a quoted passage is: a title or a nickname (never a quote),
 * a direct quote (an utterance standing as its own clause) or a partial one
 * (a fragment inside reported speech).
 */
import { hasAtMostWords, isCapitalised, lower, startsUpper, type QuoteContext } from './context.ts';
import type { Attribution } from './cue.ts';
import { NAMING_PARTICIPLES, REPORTING_FORMS, TITLE_CUES } from './lexicon.ts';

/** Small words that stay lower-case in a title ("The Lord of the Rings"). */
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'de', 'la', 'le', 'von', 'van']);

const TITLE_CUE_MAX_LENGTH = Math.max(0, ...[...TITLE_CUES].map((c) => c.length));

/** The outside token right before the quote's opening mark, skipping nothing; -1 at a unit start. */
function tokenBefore(ctx: QuoteContext, q: number): number {
  const first = ctx.quoteTokens[q][0];
  return first - 1;
}

/**
 * True for a quoted title of a work, a name or a word cited as a word: after
 * "book", "song", "titled", "so-called", "the term"…; after "called"/"dubbed"
 * right behind a noun ("a group called “X”"); a nickname between a first name
 * and a surname (Dwayne “The Rock” Johnson); a Title Case phrase mid-sentence
 * after a possessive (Adele’s “Hello”).
 */
export function isTitleOrName(ctx: QuoteContext, q: number): boolean {
  const tk = ctx.doc.tokens;
  const quote = ctx.quotes[q];
  const inner = ctx.doc.text.slice(quote.start, quote.end);
  const b = tokenBefore(ctx, q);
  const before = tk[b];
  const w1 = lower(before);
  const w2 = lower(tk[b - 1]);
  // Split only when a rule below asks (quotes run to hundreds of words; most are settled earlier).
  let wordsMemo: string[] | undefined;
  const words = () => (wordsMemo ??= inner.trim().split(/\s+/).filter(Boolean));
  // “The Salt Road”, a drama about …: a title in apposition to a work noun.
  const a1 = tk[ctx.quoteTokens[q][1]];
  const a2 = tk[ctx.quoteTokens[q][1] + 1];
  const a3 = tk[ctx.quoteTokens[q][1] + 2];
  const a4 = tk[ctx.quoteTokens[q][1] + 3];
  if (a1?.text === ',' && /^(?:a|an|the|his|her|their|its)$/i.test(a2?.text ?? '') && (TITLE_CUES.has(lower(a3)) || (TITLE_CUES.has(lower(a4)) && a3?.pos === 'ADJ'))) return true;
  // A quoted "so-called" is itself a scare quote.
  // Lower-casing never takes a character below one code unit, so a quote over twice the longest
  // cue's length cannot be one (and is not lower-cased whole).
  const trimmed = inner.trim();
  if (trimmed.length <= 2 * TITLE_CUE_MAX_LENGTH && TITLE_CUES.has(trimmed.toLowerCase())) return true;
  if (!before || ctx.quoteOfToken[b] >= 0) return false;
  const isTitleCue = (w: string, k: number) =>
    TITLE_CUES.has(w) && (!REPORTING_FORMS.has(w) || tk[k]?.pos === 'NOUN' || tk[k]?.pos === 'ADJ' || /titled|entitled|named|so-called/.test(w));
  if (isTitleCue(w1, b)) return true;
  if (w1 === 'called' && (w2 === '-' || w2 === 'so') ) return true; // so-called split by the tokenizer
  if ((w1 === ',' || w1 === 'the' || w1 === 'a' || w1 === 'his' || w1 === 'her' || w1 === 'their' || w1 === 'its' || w1 === 'new' || w1 === 'latest' || w1 === 'hit') && isTitleCue(w2, b - 1)) return true;
  if (w1 === 'as') {
    // "known (to regulars) as “the Gaffer”", "billed as", "referred to as".
    for (let k = b - 1; k >= Math.max(0, b - 5); k--) {
      const w = lower(tk[k]);
      if (w === 'known' || w === 'billed' || w === 'referred' || w === 'nicknamed' || w === 'dubbed') return true;
      if (ctx.quoteOfToken[k] >= 0 || /^[.,;:]$/.test(tk[k].text)) break;
    }
  }
  if (/^(?:the|a|an)$/.test(w1) && NAMING_PARTICIPLES.has(w2) && (tk[b - 2]?.text === ',' || tk[b - 2]?.pos === 'NOUN' || tk[b - 2]?.pos === 'PROPN')) return true;
  if (NAMING_PARTICIPLES.has(w1)) {
    // "a group called “X”": the participle hangs on a noun, so “X” is a name.
    const p = tk[b - 1];
    if (p && (p.pos === 'NOUN' || p.pos === 'PROPN' || p.text === ',') && !isPronounSubject(w2)) return true;
  }
  // Nickname: a capitalised word right before and right after, a short quote.
  const after = tk[ctx.quoteTokens[q][1]];
  if (
    hasAtMostWords(inner, 4) &&
    isCapitalised(before) && before.pos === 'PROPN' &&
    after && isCapitalised(after) && after.pos === 'PROPN' &&
    ctx.doc.text.slice(quote.close, after.start).trim() === ''
  ) return true;
  // A Title Case phrase after a possessive or inside a list of works.
  if ((w1 === "'s" || w1 === '’s') && looksLikeTitle(words())) return true;
  // A short Title Case phrase inside a sentence names something (“America First”, the “Pro” range):
  // speech would start a clause or carry lower-case words.
  const clauseStart = /^[:(—–\-]$/.test(before.text) || ctx.unitOfToken[b] !== ctx.unitOfToken[ctx.quoteTokens[q][0]] || REPORTING_FORMS.has(w1) || w1 === ',';
  if (!clauseStart && hasAtMostWords(inner, 5) && looksLikeTitle(words()) && !/^(?:I|I'm|I’m|OK|No|Yes)$/.test(words()[0])) return true;
  return false;
}

const isPronounSubject = (w: string) => ['he', 'she', 'they', 'we', 'i', 'who'].includes(w);

function looksLikeTitle(words: string[]): boolean {
  if (words.length === 0 || /[.!?,]$/.test(words[words.length - 1])) return false;
  return words.every((w, i) => startsUpper(w) || (i > 0 && TITLE_SMALL_WORDS.has(w.toLowerCase())) || /^\p{N}/u.test(w));
}

/** True when nothing but punctuation shares the quote's unit (a quoted sentence on its own). */
export function standsAlone(ctx: QuoteContext, q: number): boolean {
  const [first] = ctx.quoteTokens[q];
  if (first >= ctx.doc.tokens.length) return false;
  const u = ctx.unitOfToken[first];
  let memo = aloneCache.get(ctx);
  if (!memo) aloneCache.set(ctx, (memo = new Map()));
  let alone = memo.get(u);
  if (alone === undefined) {
    const tk = ctx.doc.tokens;
    const [uStart, uEnd] = ctx.units[u];
    let quotes = 0;
    let lastQuote = -1;
    alone = true;
    for (let k = uStart; k < uEnd && alone; k++) {
      const inQ = ctx.quoteOfToken[k];
      if (inQ >= 0) {
        if (inQ !== lastQuote) quotes++;
        lastQuote = inQ;
        if (quotes > 1) alone = false;
      } else if (!/^[\p{P}\p{S}]+$/u.test(tk[k].text)) alone = false;
    }
    memo.set(u, alone);
  }
  return alone;
}

const aloneCache = new WeakMap<QuoteContext, Map<number, boolean>>();

/** Number of words inside the quote. */
export function wordCount(ctx: QuoteContext, q: number): number {
  const quote = ctx.quotes[q];
  return ctx.doc.text.slice(quote.start, quote.end).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * direct: the quote opens its clause (unit start, after a colon, after "said,"
 * or a cue verb with a capitalised quote) and closes it (ends in punctuation or
 * is followed by punctuation or its cue); partial otherwise.
 */
export function quoteKind(ctx: QuoteContext, q: number, attribution: Attribution | null): 'direct' | 'partial' {
  const tk = ctx.doc.tokens;
  const quote = ctx.quotes[q];
  const inner = ctx.doc.text.slice(quote.start, quote.end);
  const [first, after] = ctx.quoteTokens[q];
  if (quote.paragraphs > 1) return 'direct';
  const unitStart = first < tk.length ? ctx.units[ctx.unitOfToken[first]][0] : first;
  const b = first - 1;
  const prev = tk[b];
  const opensWithCapital = /^\s*[\p{Lu}\p{N}“‘"']/u.test(inner);
  let opens = b < unitStart || prev.text === ':' || /^[\-–—(]$/.test(prev.text);
  if (!opens && prev.text === ',' && opensWithCapital && attribution && attribution.cueToken < first && attribution.side !== 'sentence-end') {
    // "she said, “We …”"; a lower-case second half of a split quote takes its first half's kind later.
    opens = first - attribution.cueToken <= 6 || ctx.quoteOfToken[b - 1] < 0;
  }
  if (!opens && attribution && attribution.cueToken === b && opensWithCapital) opens = true;
  if (!opens) return 'partial';
  const next = tk[after];
  const closes =
    /[.,!?…:;\-–—]\s*$/.test(inner) ||
    !next ||
    /^[.,!?;:)\-–—]$/.test(next.text) ||
    (attribution !== null && attribution.cueToken >= after && attribution.side === 'after') ||
    ctx.unitOfToken[after] !== ctx.unitOfToken[Math.max(0, after - 1)];
  return closes ? 'direct' : 'partial';
}
