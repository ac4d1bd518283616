/**
 * The quotes stage: quoted passages with who says them.
 *
 * Order of work, each step in its own module:
 *   marks.ts    pairs quote marks into outermost passages (apostrophes, nesting,
 *               multi-paragraph quotes, unclosed marks → warning + best guess);
 *   classify.ts drops titles, nicknames and named things, and tells direct
 *               from partial quotes;
 *   cue.ts      finds the cue (reporting verb, "according to", colon) and the
 *               words naming the speaker in the quote's own sentence;
 *   resolve.ts  turns those words into a name and entity id (pronouns, roles,
 *               surnames, organisations), with or without the entity stage.
 * A quote with no cue of its own that stands as a sentence continues the last
 * speaker (a floating quote); one that does not (a scare quote) is dropped.
 */
import type { Entity, Quote } from '../../../schemas/record.ts';
import { sentenceAt } from '../../core/doc.ts';
import { textSpan } from '../../core/span.ts';
import type { Doc, TextSpan } from '../../core/types.ts';
import type { Warn } from '../types.ts';
import { isTitleOrName, quoteKind, standsAlone, wordCount } from './classify.ts';
import { buildContext, type QuoteContext } from './context.ts';
import { cueAfter, cueAtSentenceEnd, cueBefore, cueInPreviousColon, nextReportedSpeech, type Attribution } from './cue.ts';
import { findQuoteSpans, type QuoteSpan } from './marks.ts';
import {
  buildResolutionState,
  linkRole,
  noteSpeaker,
  resolveSpeaker,
  roleKey,
  isPersonRoleKey,
  type Referent,
  type ResolutionState,
} from './resolve.ts';

export { findQuoteSpans } from './marks.ts';
export { resolveSpeaker } from './resolve.ts';

interface Candidate {
  q: number;
  attribution: Attribution | null;
  floating: boolean;
  kind: 'direct' | 'partial';
  continues: Candidate | null;
  referent: Referent | null;
}

/** Direct and partial quotes with their speakers resolved against `entities` (ids q1… by start). */
export function extractQuotes(doc: Doc, entities: Entity[], warn: Warn): Quote[] {
  const spans = findQuoteSpans(doc.text, doc.paragraphs, warn);
  if (spans.length === 0 || doc.tokens.length === 0) return [];
  const ctx = buildContext(doc, spans);
  const candidates = attributeAll(ctx);
  const state = buildResolutionState(doc, entities, insideQuoteTest(spans));
  linkAppositions(state, candidates);
  linkLeadRole(ctx, state, candidates);
  resolveInOrder(ctx, state, candidates);
  const kept: Candidate[] = [];
  const ids = new Map<Candidate, string>();
  for (const c of candidates) {
    if (c.attribution === null && !c.floating) continue;
    kept.push(c);
    ids.set(c, `q${kept.length}`);
  }
  const out: Quote[] = [];
  for (const c of kept) out.push(toQuote(ctx, c, ids));
  return out;
}

/** Finds each quote's cue and speaker mention, and drops titles, nicknames and scare quotes. */
function attributeAll(ctx: QuoteContext): Candidate[] {
  const out: Candidate[] = [];
  for (let q = 0; q < ctx.quotes.length; q++) {
    if (ctx.quoteTokens[q][0] >= ctx.doc.tokens.length) continue;
    if (isTitleOrName(ctx, q)) continue;
    const after = cueAfter(ctx, q);
    const before = cueBefore(ctx, q);
    // A second half opening in lower case right after its cue (", said X, “and …”") belongs to that cue.
    const continuation = before !== null && /^\s*\p{Ll}/u.test(ctx.doc.text.slice(ctx.quotes[q].start, ctx.quotes[q].start + 3)) && ctx.quoteTokens[q][0] - before.cueToken <= 12;
    // A quote introduced by a colon has its cue there, whatever follows it.
    const colon = before !== null && before.side === 'colon';
    let attribution: Attribution | null;
    if (continuation || colon) attribution = speaks(before) ? before : speaks(after) ? after : null;
    else {
      attribution = speaks(after) ? after : speaks(before) ? before : null;
      // The cues further away are looked for only when the near ones name no speaker.
      attribution ??= speakingOrNull(cueInPreviousColon(ctx, q));
      attribution ??= speakingOrNull(cueAtSentenceEnd(ctx, q));
    }
    const kind = quoteKind(ctx, q, attribution);
    out.push({ q, attribution, floating: false, kind, continues: null, referent: null });
  }
  // A quote split around its cue: the second half takes the cue that sits between them.
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1];
    const b = out[i];
    if (!a.attribution || !b.attribution) continue;
    if (a.attribution.cueToken !== b.attribution.cueToken || a.attribution.side !== 'after') continue;
    if (b.attribution.cueToken > ctx.quoteTokens[b.q][0]) continue;
    b.continues = a;
    b.kind = a.kind;
  }
  return out;
}

const speaks = (a: Attribution | null): a is Attribution => a !== null && a.mention !== null;
const speakingOrNull = (a: Attribution | null): Attribution | null => (speaks(a) ? a : null);

function insideQuoteTest(spans: readonly QuoteSpan[]): (offset: number) => boolean {
  return insideQuote.bind(null, spans);
}

/** Whether `offset` falls inside one of `spans` (sorted, disjoint). */
function insideQuote(spans: readonly QuoteSpan[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].close <= offset) lo = mid + 1;
    else if (spans[mid].open > offset) hi = mid - 1;
    else return true;
  }
  return false;
}

/** "Jane Roe, the chief executive, said": the role now names Jane Roe. */
function linkAppositions(state: ResolutionState, candidates: Candidate[]): void {
  for (const c of candidates) {
    const a = c.attribution;
    if (!a?.role || !a.mention) continue;
    const r = resolveSpeaker(state, a.mention);
    if (r) linkRole(state, a.role.text, r);
  }
}

/**
 * News-style lead: the first sentence names a role ("…, the prime minister
 * has said.") and the next attributed statement names its holder ("Sir Keir
 * Starmer said …"). Only in the opening paragraphs, where the style holds.
 */
function linkLeadRole(ctx: QuoteContext, state: ResolutionState, candidates: Candidate[]): void {
  // The lead is the opening paragraph (a dateline or standfirst line before it is allowed for).
  const leadParagraphs = 2;
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i].attribution;
    if (!a?.mention || paragraphOfToken(ctx, a.cueToken) >= leadParagraphs) break;
    const key = roleKey(a.mention.text);
    if (!key || state.roles.has(key) || !isPersonRoleKey(key)) continue;
    if (/^(?:a|an)\b/i.test(a.mention.text)) continue; // "a spokesperson" is someone, not the role's holder
    for (let j = i + 1; j < candidates.length; j++) {
      const b = candidates[j].attribution;
      if (!b?.mention || b.cueToken === a.cueToken) continue;
      if (paragraphOfToken(ctx, b.cueToken) - paragraphOfToken(ctx, a.cueToken) > 1) break;
      if (roleKey(b.mention.text) || /^(?:he|she|they|we|i|it)$/i.test(b.mention.text)) break;
      const r = resolveSpeaker(state, b.mention);
      if (r && r.kind !== 'org') linkRole(state, a.mention.text, r);
      break;
    }
    break;
  }
}

/** The next reported speech from token `from` on whose cue is none of the quotes' own. */
function nextEvent(ctx: QuoteContext, own: ReadonlySet<number>, from: number): Attribution | null {
  let ev = nextReportedSpeech(ctx, from);
  while (ev && own.has(ev.cueToken)) ev = nextReportedSpeech(ctx, ev.cueToken + 1);
  return ev;
}

function paragraphOfToken(ctx: QuoteContext, k: number): number {
  return ctx.doc.sentences[ctx.doc.tokens[k].sentence].paragraph;
}

/** Resolves speakers in text order, so pronouns and floating quotes see who spoke before. */
function resolveInOrder(ctx: QuoteContext, state: ResolutionState, candidates: Candidate[]): void {
  const own = new Set<number>();
  for (const c of candidates) own.add(c.attribution?.cueToken ?? -1);
  // Reported speech is found event by event, only as far as the last quote needs.
  let ev = candidates.length > 0 ? nextEvent(ctx, own, 0) : null;
  let last: { referent: Referent | null; paragraph: number; end: number } | null = null;
  for (const c of candidates) {
    const quote = ctx.quotes[c.q];
    // Reported speech before this quote: its speaker is who spoke last.
    for (; ev !== null && ev.mention!.start < quote.open; ev = nextEvent(ctx, own, ev.cueToken + 1)) {
      const r = resolveSpeaker(state, ev.mention!);
      noteSpeaker(state, ev.mention!.start, ev.mention!.end, r);
      last = { referent: r, paragraph: paragraphOfToken(ctx, ev.cueToken), end: ev.cue.end };
    }
    const paragraph = paragraphOfToken(ctx, ctx.quoteTokens[c.q][0]);
    if (c.attribution?.mention) {
      c.referent = resolveSpeaker(state, c.attribution.mention);
      noteSpeaker(state, c.attribution.mention.start, c.attribution.mention.end, c.referent);
      // Names in the rest of the attributing sentence ("…, said Marcus Feld, an analyst at Harlan
      // Brothers.") describe this speaker; they are not someone new.
      const unit = ctx.units[ctx.unitOfToken[c.attribution.cueToken]];
      const unitEnd = unit ? ctx.doc.tokens[unit[1] - 1].end : c.attribution.cue.end;
      last = { referent: c.referent, paragraph, end: Math.max(quote.close, c.attribution.cue.end, unitEnd) };
      continue;
    }
    c.attribution = null;
    // A quote with no cue of its own that stands as its own sentence continues the last speaker.
    if (!standsAlone(ctx, c.q)) continue;
    const paraStart = ctx.doc.paragraphs[paragraph].start;
    const recent = last !== null && paragraph - last.paragraph <= 2;
    const newcomer = recent
      ? last!.referent ? personNamedBetween(state, last!.end, quote.open, last!.referent) : null
      : personNamedBetween(state, ctx.doc.paragraphs[Math.max(0, paragraph - 1)].start, quote.open, null);
    if (newcomer) {
      c.floating = true;
      c.referent = newcomer;
      c.kind = 'direct';
      last = { referent: newcomer, paragraph, end: quote.close };
    } else if (recent) {
      c.floating = true;
      c.referent = last!.referent;
      c.kind = 'direct';
      last = { ...last!, paragraph, end: quote.close };
    } else if (quote.open <= paraStart + 1 && wordCount(ctx, c.q) >= 4) {
      // A quoted statement on its own line: speech, though the text does not say whose.
      c.floating = true;
      c.kind = 'direct';
    }
  }
}

/**
 * The person who is the subject of the latest sentence between two offsets
 * (named within its first words, outside quotes) and is not `previous`: the
 * text names someone new ("Mr John Smith was less sure. “It will not work.”").
 */
function personNamedBetween(state: ResolutionState, from: number, to: number, previous: Referent | null): Referent | null {
  let found: Referent | null = null;
  let seenSentence = -1;
  for (let i = firstAtOrAfter(state.names, from); i < state.names.length; i++) {
    const n = state.names[i];
    if (n.start >= to) break;
    if (state.insideQuote(n.start)) continue;
    // The sentence holding the name (the first, for a name before any sentence).
    const s = sentenceAt(state.doc, n.start)?.index ?? 0;
    if (s === seenSentence) continue;
    seenSentence = s;
    const sentence = state.doc.sentences[s];
    // The sentence's subject: named at its start ("Her neighbour Hope Mercer, 67, grows pears").
    if (n.referent.kind !== 'person' || n.start - sentence.start > 30) continue;
    // No verb before it: "The plan was backed by Mr Smith" names an object, not a subject.
    let verbBefore = false;
    for (let k = sentence.tokenStart; k < state.doc.tokens.length && state.doc.tokens[k].end <= n.start; k++) {
      const pos = state.doc.tokens[k].pos;
      if (pos === 'VERB' || pos === 'AUX' || pos === 'ADP') verbBefore = true;
    }
    if (verbBefore) continue;
    found = previous && n.referent.name === previous.name ? null : n.referent;
  }
  return found;
}

/** Index of the first item starting at or after `offset` (binary search over a sorted list). */
function firstAtOrAfter(list: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function toQuote(ctx: QuoteContext, c: Candidate, ids: Map<Candidate, string>): Quote {
  const quote = ctx.quotes[c.q];
  const t = textSpan(ctx.doc.text, quote.start, quote.end);
  const a = c.attribution;
  const mention: TextSpan | null = a?.mention ?? null;
  const speaker =
    mention || c.referent
      ? { name: c.referent?.name ?? null, entityId: c.referent?.entityId ?? null, mention: mention ? { text: mention.text, start: mention.start, end: mention.end } : null }
      : null;
  const out: Quote = {
    id: ids.get(c)!,
    text: t.text,
    start: t.start,
    end: t.end,
    kind: c.kind,
    speaker,
    cue: a ? { text: a.cue.text, start: a.cue.start, end: a.cue.end } : null,
  };
  const earlier = c.continues ? ids.get(c.continues) : undefined;
  if (earlier) out.continues = earlier;
  return out;
}
