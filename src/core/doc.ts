import { parseWithWink, type RawToken } from '../adapters/wink.ts';
import type { Doc, Paragraph, Sentence, Span } from './types.ts';

/**
 * Finds the paragraphs of `text`: each line that holds something other than
 * whitespace, with the span trimmed to its first and last visible character.
 */
export function findParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const line = /[^\r\n]+/g;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const lead = m[0].search(/\S/);
    if (lead < 0) continue;
    const trimmed = m[0].trimEnd();
    out.push({ start: m.index + lead, end: m.index + trimmed.length });
  }
  return out;
}

/**
 * Builds the Doc for one article: tokens with offsets, sentences that never
 * cross a paragraph, and paragraphs. The text is kept exactly as given.
 */
export function buildDoc(text: string): Doc {
  const paraSpans = findParagraphs(text);
  const raw = parseWithWink(text);

  // Drop whitespace tokens; remember where each raw token went. The raw
  // tokens are this parse's own objects in the Token shape: kept, not copied.
  const tokens: RawToken[] = [];
  const keptIndex = new Int32Array(raw.tokens.length).fill(-1);
  const paraOf = new Int32Array(raw.tokens.length).fill(-1);
  let p = 0;
  for (let i = 0; i < raw.tokens.length; i++) {
    const t = raw.tokens[i];
    if (t.kind === 'space' || t.start === t.end) continue;
    while (p < paraSpans.length && paraSpans[p].end <= t.start) p++;
    keptIndex[i] = tokens.length;
    paraOf[i] = Math.min(p, paraSpans.length - 1);
    t.index = tokens.length;
    tokens.push(t);
  }

  // Sentences: wink's splits, cut again wherever a paragraph changes.
  const sentences: Sentence[] = [];
  const closeSentence = (first: number, last: number, para: number) => {
    const index = sentences.length;
    for (let k = first; k <= last; k++) tokens[k].sentence = index;
    sentences.push({
      index,
      paragraph: para,
      start: tokens[first].start,
      end: tokens[last].end,
      tokenStart: first,
      tokenEnd: last + 1,
    });
  };
  const rawCount = raw.tokens.length;
  for (const [a, b] of raw.sentences) {
    let first = -1;
    let para = -1;
    let last = -1;
    for (let i = a; i < b && i < rawCount; i++) {
      const k = keptIndex[i];
      if (k < 0) continue;
      if (first >= 0 && paraOf[i] !== para) {
        closeSentence(first, last, para);
        first = -1;
      }
      if (first < 0) {
        first = k;
        para = paraOf[i];
      }
      last = k;
    }
    if (first >= 0) closeSentence(first, last, para);
  }
  // Sentences come in text order, so each paragraph's sentences are one run.
  const paragraphs: Paragraph[] = [];
  let next = 0;
  for (let index = 0; index < paraSpans.length; index++) {
    const sentenceStart = next;
    while (next < sentences.length && sentences[next].paragraph === index) next++;
    paragraphs.push({ start: paraSpans[index].start, end: paraSpans[index].end, index, sentenceStart, sentenceEnd: next });
  }
  return { text, paragraphs, sentences, tokens };
}

/** Index of the first token whose end is after `offset` (binary search). */
export function tokenAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The sentence that contains `offset`, or the nearest one before it. */
export function sentenceAt(doc: Doc, offset: number): Sentence | undefined {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  let best: Sentence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (doc.sentences[mid].start <= offset) {
      best = doc.sentences[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
