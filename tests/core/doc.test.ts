import { describe, expect, it } from 'vitest';
import { buildDoc, findParagraphs, sentenceAt, tokenAt } from '../../src/core/doc.ts';

function expectAligned(text: string) {
  const doc = buildDoc(text);
  for (const t of doc.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  for (const s of doc.sentences) {
    const p = doc.paragraphs[s.paragraph];
    expect(s.start).toBeGreaterThanOrEqual(p.start);
    expect(s.end).toBeLessThanOrEqual(p.end);
    for (let i = s.tokenStart; i < s.tokenEnd; i++) expect(doc.tokens[i].sentence).toBe(s.index);
  }
  return doc;
}

describe('buildDoc', () => {
  it.each([
    ['leading line break', '\nSir Keir Starmer said it.', 'Keir', 5],
    ['CRLF paragraphs', 'First line here.\r\nSecond “line” here.', 'Second', 18],
    ['astral emoji before a word', 'Fans 😀 cheered Smith.', 'Smith', 16],
    ['contraction', "He can't go, Jones' dog said.", 'Jones', 13],
    ['currency and magnitude', 'It cost $10bn (£7.7bn) a year.', '7.7', 16],
  ])('keeps offsets on the original text: %s', (_name, text, word, start) => {
    const doc = expectAligned(text);
    const tok = doc.tokens.find((t) => t.text === word);
    expect(tok?.start).toBe(start);
  });

  it('never lets a sentence cross a line break, even without a full stop', () => {
    const doc = expectAligned('A headline without a stop\nThe body starts here. It goes on.\n\n\nLast one');
    expect(doc.paragraphs).toHaveLength(3);
    expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toEqual([
      'A headline without a stop',
      'The body starts here.',
      'It goes on.',
      'Last one',
    ]);
    expect(doc.paragraphs[1]).toMatchObject({ sentenceStart: 1, sentenceEnd: 3 });
  });

  it('finds paragraphs as non-blank lines, trimmed', () => {
    expect(findParagraphs('\n  One. \n\n \t\nTwo')).toEqual([
      { start: 3, end: 7 },
      { start: 13, end: 16 },
    ]);
  });

  it.each([
    ['Bartosz Kędzierski said so.', 'Kędzierski'],
    ['They met in Łódź on Friday.', 'Łódź'],
    ['Ştefan Dumitrescu spoke.', 'Ştefan'],
  ])('keeps a word with letters the tokenizer does not know as one token: %s', (text, word) => {
    const doc = expectAligned(text);
    const tok = doc.tokens.find((t) => t.text === word);
    expect(tok).toMatchObject({ kind: 'word', start: text.indexOf(word), end: text.indexOf(word) + word.length });
    expect(doc.sentences).toHaveLength(1);
  });

  it("does not join a contraction's pieces", () => {
    expect(buildDoc("They can't.").tokens.map((t) => t.text)).toEqual(['They', 'ca', "n't", '.']);
  });

  it('drops whitespace tokens and keeps punctuation', () => {
    const doc = buildDoc('  “Yes,” she said.  ');
    expect(doc.tokens.map((t) => t.text)).toEqual(['“', 'Yes', ',', '”', 'she', 'said', '.']);
    expect(doc.tokens.every((t, i) => t.index === i)).toBe(true);
  });

  it('looks up tokens and sentences by offset', () => {
    const doc = buildDoc('One two. Three four.');
    expect(doc.tokens[tokenAt(doc, 4)].text).toBe('two');
    expect(doc.tokens[tokenAt(doc, 3)].text).toBe('two');
    expect(sentenceAt(doc, 12)?.index).toBe(1);
  });
});
