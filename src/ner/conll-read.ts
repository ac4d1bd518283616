/**
 * Reading CoNLL-2003-style files (`token POS chunk NER` columns, IOB1 or IOB2
 * tags, `-DOCSTART-` between documents, a blank line between sentences) and
 * laying each document out as text the pipeline can read: the tokens of a
 * sentence joined by single spaces, one sentence a line.
 */
import { readFileSync } from 'node:fs';

export interface ConllSentence {
  tokens: string[];
  /** IOB2 tags (B-PER, I-PER, O, …), converted from IOB1 where needed. */
  tags: string[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

/** A gold or predicted entity as a half-open token range of one sentence. */
export interface ConllSpan {
  sentence: number;
  start: number;
  end: number;
  type: string;
}

/** A CoNLL document as pipeline text, with each token's character offsets. */
export interface ConllText {
  text: string;
  /** For sentence s, token t: [start, end) in `text`. */
  offsets: Array<Array<[number, number]>>;
}

/** Parses CoNLL text; the NER tag is the last column. */
export function parseConll(source: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let sent: ConllSentence = { tokens: [], tags: [] };
  const closeSentence = () => {
    if (sent.tokens.length) {
      if (!doc) docs.push((doc = { sentences: [] }));
      sent.tags = toIob2(sent.tags);
      doc.sentences.push(sent);
    }
    sent = { tokens: [], tags: [] };
  };
  for (const raw of source.split('\n')) {
    const line = raw.trimEnd();
    if (!line) {
      closeSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      closeSentence();
      docs.push((doc = { sentences: [] }));
      continue;
    }
    sent.tokens.push(cols[0]);
    sent.tags.push(cols.length > 1 ? cols[cols.length - 1] : 'O');
  }
  closeSentence();
  return docs.filter((d) => d.sentences.length > 0);
}

export function readConll(path: string): ConllDocument[] {
  return parseConll(readFileSync(path, 'utf8'));
}

/** IOB1 (I- may start an entity) → IOB2 (every entity starts with B-). */
function toIob2(tags: string[]): string[] {
  return tags.map((tag, i) => {
    if (!tag.startsWith('I-')) return tag;
    const prev = i > 0 ? tags[i - 1] : 'O';
    return prev === 'O' || prev.slice(2) !== tag.slice(2) ? `B-${tag.slice(2)}` : tag;
  });
}

/** Entity spans of one sentence's IOB2 tags. */
export function spansOf(tags: string[], sentence: number): ConllSpan[] {
  const out: ConllSpan[] = [];
  let cur: ConllSpan | null = null;
  tags.forEach((tag, i) => {
    if (cur && !(tag.startsWith('I-') && tag.slice(2) === cur.type)) {
      out.push(cur);
      cur = null;
    }
    if (tag.startsWith('B-') || (tag.startsWith('I-') && !cur)) cur = { sentence, start: i, end: i + 1, type: tag.slice(2) };
    else if (cur) cur.end = i + 1;
  });
  if (cur) out.push(cur);
  return out;
}

export function conllText(doc: ConllDocument): ConllText {
  let text = '';
  const offsets: Array<Array<[number, number]>> = [];
  doc.sentences.forEach((s, si) => {
    if (si > 0) text += '\n';
    const row: Array<[number, number]> = [];
    s.tokens.forEach((tok, ti) => {
      if (ti > 0) text += ' ';
      row.push([text.length, text.length + tok.length]);
      text += tok;
    });
    offsets.push(row);
  });
  return { text, offsets };
}
