/**
 * Finding quoted passages: pairs of quote marks, outermost only.
 *
 * One left-to-right pass over the text with a stack of open marks, so the
 * cost is linear in the text whatever the marks (10,000 stray marks included).
 * Each mark is first judged from its neighbours alone (an apostrophe between
 * letters, a curly opener, a straight mark that opens after a space…), then
 * paired. Mismatched or unclosed marks degrade to a best guess and a warning;
 * nothing here throws.
 */
import type { Paragraph } from '../../core/types.ts';
import type { Warn } from '../types.ts';

export type MarkFamily = 'double' | 'single';

export interface QuoteSpan {
  /** Offset of the opening mark. */
  readonly open: number;
  /** First character inside the marks. */
  readonly start: number;
  /** Just past the last character inside the marks. */
  readonly end: number;
  /** Just past the closing mark (equals `end` when the quote was never closed). */
  readonly close: number;
  readonly family: MarkFamily;
  /** True when the closing mark was missing and the end is a guess (paragraph end). */
  readonly unclosed: boolean;
  /** Number of paragraphs the quote runs over (2+ for a continued quote). */
  readonly paragraphs: number;
}

type Role = 'open' | 'close' | 'either' | 'none';

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /[\s\u00a0]/.test(c);
const OPEN_CONTEXT = /[\s([{\u2014\u2013\-/:“‘"']/;
const CLOSE_PUNCT = /[.,!?;:)\]}\u2014\u2013\-…/”’"']/;

/** Elisions written with a leading apostrophe ('em, 'til, 'cause, 'tis, 'n'). */
const ELISION_AFTER = /^(?:n['’]|(?:em|til|cause|cos|tis|twas|bout)\b)/i;

/** False for every character familyOf() rejects below « (U+00AB) but the straight marks: a cheap first test per character. */
const mayBeMark = (code: number): boolean => code >= 0xab || code === 0x22 || code === 0x27;

function familyOf(c: string): MarkFamily | null {
  if (c === '“' || c === '”' || c === '"' || c === '„' || c === '«' || c === '»') return 'double';
  if (c === '‘' || c === '’' || c === "'" || c === '‚') return 'single';
  return null;
}

/**
 * What a mark can do judged from its neighbours: open, close, either (a
 * straight mark with no telling context), or nothing (an apostrophe).
 */
function roleOf(text: string, i: number): Role {
  const c = text[i];
  const prev = i > 0 ? text[i - 1] : undefined;
  const next = i + 1 < text.length ? text[i + 1] : undefined;
  const leftOpen = prev === undefined || OPEN_CONTEXT.test(prev);
  const rightClosed = next === undefined || isSpace(next) || CLOSE_PUNCT.test(next);
  if (familyOf(c) === 'single') {
    // don't, it’s, o'clock, rock'n'roll: a mark between letters is an apostrophe.
    if (isWordChar(prev) && isWordChar(next)) return 'none';
    // ’90s, '90s: an elided century before a number.
    if (!isWordChar(prev) && next !== undefined && /[0-9]/.test(next)) return 'none';
    // rock 'n' roll, 'em, 'til: a leading elision.
    if (!isWordChar(prev) && ELISION_AFTER.test(text.slice(i + 1, i + 7))) return 'none';
    // the n in rock 'n' roll: closing side of the elision.
    if (prev === 'n' && i >= 2 && (text[i - 2] === "'" || text[i - 2] === '‘' || text[i - 2] === '’')) return 'none';
    if (c === '‘' || c === '‚') return isWordChar(prev) ? 'none' : 'open';
    if (leftOpen && !isSpace(next)) return 'open';
    if (!leftOpen || rightClosed) return 'close';
    return 'none';
  }
  if (c === '“' || c === '„' || c === '«') {
    // “ used as a closer in careless copy: after a word, before a space.
    if (!leftOpen && rightClosed && (isWordChar(prev) || CLOSE_PUNCT.test(prev ?? ''))) return 'close';
    return 'open';
  }
  if (c === '”' || c === '»') {
    if (leftOpen && isSpace(prev) && isWordChar(next)) return 'open';
    return 'close';
  }
  // Straight double quote: decided by which side touches text.
  if (leftOpen && !isSpace(next)) return 'open';
  if (!leftOpen && rightClosed) return 'close';
  return 'either';
}

interface OpenMark {
  pos: number;
  family: MarkFamily;
  straight: boolean;
}

/**
 * The outermost quoted passages of `text`, in order. A paragraph that ends
 * inside a quote and whose next paragraph opens with a mark of the same
 * family continues that quote (one span over both, the paragraph break and
 * the re-opening mark included), the usual convention in English prose.
 */
export function findQuoteSpans(text: string, paragraphs: readonly Paragraph[], warn: Warn): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  for (let p = 0; p < paragraphs.length; p++) {
    let stack: OpenMark[] = [];
    const count = { double: 0, single: 0 };
    let paraCount = 1;
    let q = p;
    // Scan this paragraph, and the following ones while a quote runs on.
    for (;;) {
      const para = paragraphs[q];
      // Needed only at a single closing mark while a single quote is open (few paragraphs have one), so found on first use.
      let lastSingleClose: number | undefined;
      let skipReopen = paraCount > 1;
      for (let i = para.start; i < para.end; i++) {
        if (!mayBeMark(text.charCodeAt(i))) continue;
        const c = text[i];
        const family = familyOf(c);
        if (!family) continue;
        if (skipReopen) {
          skipReopen = false;
          if (i === para.start) continue;
        }
        let role = roleOf(text, i);
        if (role === 'none') continue;
        const straight = c === '"' || c === "'";
        if (role === 'either') role = count[family] > 0 ? 'close' : 'open';
        if (role === 'close' && family === 'single' && count.single === 0) continue; // possessive: Jones’
        // "the fans’,’ she said": a possessive right before the real closing mark.
        if (role === 'close' && family === 'single' && /^[,.;:!?]['’]/.test(text.slice(i + 1, i + 3))) continue;
        if (role === 'close' && family === 'single' && (lastSingleClose ??= lastSingleCloser(text, para.start, para.end)) > i && isPluralPossessive(text, i)) {
          // "the players’ union": a plural possessive while a later mark can still close.
          continue;
        }
        if (role === 'open') {
          // A straight mark that could close an open quote of its family does so.
          if (straight && count[family] > 0 && stack[stack.length - 1]?.family === family && !isSpace(text[i - 1])) {
            role = 'close';
          } else if (family === 'double' && stack.length === 1 && stack[0].family === 'double') {
            // English never nests double marks in double marks: a second
            // opener means the first quote's closing mark is missing. Best
            // guess: it ended before this one.
            const prevOpen = stack.pop()!;
            count.double--;
            let end = i;
            while (end > prevOpen.pos + 1 && isSpace(text[end - 1])) end--;
            warn('unclosed-quote', `quote opened at ${prevOpen.pos} is not closed before the next opening mark`, { start: prevOpen.pos, end });
            if (end > prevOpen.pos + 1) {
              out.push({ open: prevOpen.pos, start: prevOpen.pos + 1, end, close: end, family, unclosed: true, paragraphs: paraCount });
            }
            paraCount = 1;
            stack.push({ pos: i, family, straight });
            count[family]++;
            continue;
          } else {
            stack.push({ pos: i, family, straight });
            count[family]++;
            continue;
          }
        }
        // role === 'close'
        if (count[family] === 0) {
          warn('unmatched-close-quote', `closing quote mark at ${i} has no opening mark`, { start: i, end: i + 1 });
          continue;
        }
        let top = stack.pop()!;
        count[top.family]--;
        while (top.family !== family) {
          top = stack.pop()!;
          count[top.family]--;
        }
        if (stack.length === 0) {
          if (i > top.pos + 1) {
            out.push({ open: top.pos, start: top.pos + 1, end: i, close: i + 1, family, unclosed: false, paragraphs: paraCount });
          }
          paraCount = 1;
        }
      }
      if (stack.length === 0) break;
      const outer = stack[0];
      const nextPara = paragraphs[q + 1];
      const reopens =
        nextPara !== undefined && familyOf(text[nextPara.start]) === outer.family && roleOf(text, nextPara.start) !== 'close';
      if (reopens) {
        stack = [outer];
        count.double = outer.family === 'double' ? 1 : 0;
        count.single = outer.family === 'single' ? 1 : 0;
        paraCount++;
        q++;
        continue;
      }
      // Unclosed: a double mark (or a single one that plainly opens speech)
      // runs to the end of its paragraph, the best guess a reader would make.
      const plainOpen = outer.family === 'double' || outer.pos === paragraphs[q - paraCount + 1].start || /[:,]\s*$/.test(text.slice(Math.max(0, outer.pos - 3), outer.pos));
      if (plainOpen && para.end > outer.pos + 1) {
        warn('unclosed-quote', `quote opened at ${outer.pos} is not closed by the end of its paragraph`, { start: outer.pos, end: para.end });
        out.push({ open: outer.pos, start: outer.pos + 1, end: para.end, close: para.end, family: outer.family, unclosed: true, paragraphs: paraCount });
      }
      break;
    }
    p = q;
  }
  return out;
}

/** Words after which a mark ending a word closes a quote rather than marking a possessive. */
const FUNCTION_WORDS = new Set(['in', 'on', 'at', 'for', 'and', 'but', 'or', 'to', 'of', 'the', 'a', 'an', 'with', 'from', 'by', 'as', 'that', 'which', 'who', 'he', 'she', 'they', 'it', 'we', 'i', 'you', 'said', 'says', 'is', 'was', 'were', 'are', 'had', 'has', 'have', 'after', 'before', 'when', 'while', 'because', 'if', 'than', 'then', 'so', 'over', 'into', 'about', 'since', 'until', 'during', 'told', 'added', 'according']);

/**
 * A mark right after a word ending in "s" and before a content word is a
 * plural possessive ("the players’ union", "Jones’ car"); before a function
 * word ("too cautious’ in the middle") or after "-ous"/"-ss" it closes a quote.
 */
function isPluralPossessive(text: string, i: number): boolean {
  const before = /([\p{L}]+)$/u.exec(text.slice(Math.max(0, i - 30), i))?.[1] ?? '';
  if (!/s$/i.test(before) || /(?:ous|ss|is|us)$/i.test(before)) return false;
  const after = /^\s+([\p{L}]+)/u.exec(text.slice(i + 1, i + 30))?.[1];
  if (!after) return false;
  return !FUNCTION_WORDS.has(after.toLowerCase());
}

/** Offset of the last single mark in `[start, end)` that could close a quote, or -1. */
function lastSingleCloser(text: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) {
    const code = text.charCodeAt(i);
    if ((code === 0x2019 || code === 0x27) && roleOf(text, i) === 'close') return i;
  }
  return -1;
}
