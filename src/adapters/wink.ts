/**
 * The one place wink-nlp is called. wink reports token indexes and the
 * whitespace before each token; this module turns them into character offsets
 * of the original text, so no stage ever sees a wink index.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { TokenKind } from '../core/types.ts';

// Only the annotators quarry reads: sentence boundaries and POS tags. wink's
// default pipe also runs negation, sentiment and its own NER, which cost about
// half of readDoc's time and feed nothing here (POS runs before them, so its
// tags are the same either way).
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

/**
 * A token as the adapter found it, already in the core Token's shape (index
 * and sentence are -1 until buildDoc numbers the kept tokens): buildDoc keeps
 * these objects rather than copying ~500 of them per article.
 */
export interface RawToken {
  text: string;
  start: number;
  end: number;
  index: number;
  kind: TokenKind;
  pos: string;
  sentence: number;
  spaceBefore: boolean;
}

export interface RawParse {
  tokens: RawToken[];
  /** Inclusive-exclusive token index ranges, as wink split the sentences (whitespace tokens included). */
  sentences: Array<[number, number]>;
}

const KIND: Record<string, TokenKind> = {
  word: 'word',
  number: 'number',
  punctuation: 'punctuation',
  symbol: 'symbol',
  currency: 'currency',
  tabCRLF: 'space',
  email: 'email',
  url: 'url',
  emoji: 'emoji',
  emoticon: 'emoji',
  hashtag: 'word',
  mention: 'word',
  ordinal: 'number',
  time: 'number',
  shortForm: 'word',
};

/**
 * Tokenizes, sentence-splits and POS-tags `text`.
 *
 * Offsets come from walking the text: each token's value is looked up from the
 * running cursor, so the result stays aligned even if the tokenizer ever
 * normalises a value (a token whose value is not found verbatim is given the
 * gap up to the next whitespace instead of breaking alignment).
 */
export function parseWithWink(text: string): RawParse {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const types = tokens.out(its.type) as string[];
  const pos = tokens.out(its.pos) as string[];
  const out: RawToken[] = new Array(values.length);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const gapLength = spaces[i]?.length ?? 0;
    let start = cursor + gapLength;
    // The common case keeps wink's own value string: it is the text's slice.
    let tokenText = value;
    if (text.startsWith(value, start)) {
      cursor = start + value.length;
    } else {
      const found = text.indexOf(value, cursor);
      if (found >= 0 && found - cursor <= gapLength + 4) {
        start = found;
        cursor = found + value.length;
      } else {
        // Value not verbatim in the text: take the characters up to the next space.
        const m = /\S+/y;
        m.lastIndex = start;
        const mm = m.exec(text);
        cursor = mm ? start + mm[0].length : start;
        tokenText = text.slice(start, cursor);
      }
    }
    const kind = KIND[types[i]] ?? (/^\s+$/.test(value) ? 'space' : 'other');
    out[i] = {
      text: tokenText,
      start,
      end: cursor,
      index: -1,
      kind,
      pos: pos[i] ?? 'X',
      sentence: -1,
      spaceBefore: start === 0 || isSpaceCode(text.charCodeAt(start - 1)),
    };
  }
  const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
  return mergeSplitWords(out, spans);
}

/**
 * Exactly the characters of the regex class `\s` (ECMAScript WhiteSpace and
 * LineTerminator), tested by code instead of a regex per token; a lone
 * surrogate half or NaN (no character) is not a space, as with `/\s/`.
 */
function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

const LETTERS = /^[\p{L}\p{M}]+$/u;

/**
 * LETTERS.test(s), with ASCII answered by char codes: most adjacent token
 * pairs ("word" + ",") fail on an ASCII character, and this test runs for
 * every such pair.
 */
function isLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return LETTERS.test(s);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return s.length > 0;
}

/**
 * wink's tokenizer knows only part of the Latin alphabet: it cuts
 * "Kędzierski" into "K" "ę" "dzierski" and "Łódź" into four pieces. Pieces
 * of letters with nothing between them are one word in the text, so they are
 * joined here (POS from the most name-like piece) and sentence ranges are
 * re-indexed to match.
 */
function mergeSplitWords(tokens: RawToken[], winkSentences: Array<[number, number]>): RawParse {
  const merged: RawToken[] = [];
  const newIndex = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = merged[merged.length - 1];
    if (prev && prev.end === t.start && isLetters(prev.text) && isLetters(t.text)) {
      prev.text += t.text;
      prev.end = t.end;
      prev.kind = 'word';
      if (prev.pos === 'X' || (t.pos === 'PROPN' && prev.pos !== 'PROPN')) prev.pos = t.pos;
    } else merged.push(t); // tokens are this module's own objects: no copy needed
    newIndex[i] = merged.length - 1;
  }
  newIndex[tokens.length] = merged.length;
  const sentences: Array<[number, number]> = [];
  for (const [a, b] of winkSentences) {
    const start = newIndex[a];
    const end = newIndex[b] + 1;
    const last = sentences[sentences.length - 1];
    // A word joined across a sentence cut puts both pieces in the earlier sentence.
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else sentences.push([start, end]);
  }
  return { tokens: merged, sentences };
}
