/**
 * A small lexer of our own for the number and money stages. wink's tokens
 * split amounts in places that differ by context ("$10bn" → "$" "10" "bn",
 * "10:30" kept whole); here every digit run, letter run and other visible
 * character is its own token, and `gap` records whether whitespace came
 * before, so the grammar decides what joins ("6,000", "7.7bn", "two-day").
 * Lines are separate segments: nothing joins across a line break.
 */
export interface Tok {
  /** Exact text. */
  readonly s: string;
  /** Lower-cased text. */
  readonly lo: string;
  readonly start: number;
  readonly end: number;
  /** d: digits, w: letters, p: anything else (one character). */
  readonly t: 'd' | 'w' | 'p';
  /** Whitespace (or the segment start) comes right before. */
  readonly gap: boolean;
}

const TOKEN = /\d+|[\p{L}\p{M}]+|\S/gu;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Tokens of `text`, one array per line. */
export function lex(text: string): Tok[][] {
  const segments: Tok[][] = [];
  let seg: Tok[] = [];
  let prevEnd = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    const s = m[0];
    const gapText = start > prevEnd ? text.slice(prevEnd, start) : '';
    if (seg.length > 0 && LINE_BREAK.test(gapText)) {
      segments.push(seg);
      seg = [];
    }
    const c = s.charCodeAt(0);
    const t: Tok['t'] = c >= 48 && c <= 57 ? 'd' : /^[\p{L}\p{M}]/u.test(s) ? 'w' : 'p';
    seg.push({ s, lo: s.toLowerCase(), start, end: start + s.length, t, gap: seg.length === 0 || gapText.length > 0 });
    prevEnd = start + s.length;
  }
  if (seg.length > 0) segments.push(seg);
  return segments;
}
