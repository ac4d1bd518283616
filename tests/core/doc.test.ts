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

  it.each([
    ["It was Starmer's.", ['It', 'was', 'Starmer', "'s", '.']],
    ['It was Apple’s, not Google’s, said Cook.', ['It', 'was', 'Apple', '’s', ',', 'not', 'Google', '’s', ',', 'said', 'Cook', '.']],
    ["A win for Kędzierski's.", ['A', 'win', 'for', 'Kędzierski', "'s", '.']],
    ["THE BBC'S!", ['THE', 'BBC', "'S", '!']],
    // As before a space, where wink splits it itself.
    ["Starmer's plan.", ['Starmer', "'s", 'plan', '.']],
    // Not a possessive of a word: left as wink has it.
    ["It's.", ['It', "'s", '.']],
    ["The 1990s.", ['The', '1990s', '.']],
  ])('splits a possessive off its word before punctuation as before a space: %s', (text, tokens) => {
    const doc = expectAligned(text);
    expect(doc.tokens.map((t) => t.text)).toEqual(tokens);
    const s = doc.tokens.find((t) => /^['’][sS]$/.test(t.text));
    if (s && doc.tokens[s.index - 1].text !== 'It') expect(s).toMatchObject({ pos: 'PART', kind: 'word', spaceBefore: false });
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

describe('buildDoc with very long runs without a space', () => {
  // A base64 image pasted into a scraped article: wink's tokenizer regexes
  // took 8 s on 50,000 such characters; the adapter hides such runs from it.
  const blob = 'data:image/png;base64,' + 'iVBORw0KGgo'.repeat(6000);
  const url = 'https://example.org/track?id=' + 'a1b2'.repeat(500);
  const text = `Ministers met in London on Monday.\n${blob}\nThe report, at ${url} , says "costs rose".`;

  it('keeps each run as one token with exact offsets, in its own paragraph, quickly', () => {
    const t0 = performance.now();
    const doc = buildDoc(text);
    expect(performance.now() - t0).toBeLessThan(2000);
    for (const t of doc.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    const long = doc.tokens.filter((t) => t.text.length > 1000);
    expect(long.map((t) => [t.kind, t.start, t.end])).toEqual([
      ['other', text.indexOf(blob), text.indexOf(blob) + blob.length],
      ['url', text.indexOf(url), text.indexOf(url) + url.length],
    ]);
    expect(doc.sentences[long[0].sentence].paragraph).toBe(1);
    expect(doc.sentences[long[1].sentence].paragraph).toBe(2);
    // The words around the runs are tokenized as before.
    expect(doc.tokens.map((t) => t.text)).toEqual(expect.arrayContaining(['London', 'report', 'costs', 'rose']));
  });

  it('handles a text that is only one long run', () => {
    const only = 'x'.repeat(5000);
    const doc = buildDoc(only);
    expect(doc.tokens.map((t) => [t.text.length, t.start, t.end, t.sentence])).toEqual([[5000, 0, 5000, 0]]);
    expect(doc.sentences).toHaveLength(1);
  });
});

describe('buildDoc with white space that wink trims but does not split on', () => {
  // A byte-order mark left mid-text by concatenated files, vertical tabs from
  // CMS exports, line separators from JSON-sourced text: wink drops them from
  // its tokens without counting them as spaces. Every token after such a
  // stretch used to come out empty, so the rest of the article had no words.
  it.each([
    ['a byte-order mark after spaces', 'Prices rose.     \ufeff\nThe minister, Jane Doe, said so.'],
    ['vertical tabs', 'Prices rose.\u000b\u000b\u000b\u000b\u000b\u000b The minister, Jane Doe, said so.'],
    ['line separators', 'Prices rose.\u2028\u2028\u2028\u2028\u2028 The minister, Jane Doe, said so.'],
  ])('keeps every word after %s', (_name, text) => {
    const doc = expectAligned(text);
    expect(doc.tokens.map((t) => t.text)).toEqual(['Prices', 'rose', '.', 'The', 'minister', ',', 'Jane', 'Doe', ',', 'said', 'so', '.']);
  });
});

describe('buildDoc on random mixes of words and white space', () => {
  // Seeded, so every run builds the same 500 texts.
  const pieces = [
    'Kędzierski', 'Łódź', 'café', 'Москва', 'e\u0301', 'Mr.', 'U.K.', "don't", "'s", '“', '”', ',', '.', '(', ')', '£5', '$3.2bn', '5,000',
    '\ud83d\udc4d', 'http://a.b/c', ' ', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2009', '\u202f', '\f', '\v', '\ufeff', '\u200b', '\u2028', '\u3000',
  ];
  let seed = 12345;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const texts = Array.from({ length: 500 }, () => Array.from({ length: 1 + next(40) }, () => pieces[next(pieces.length)]).join(''));

  it('puts every character that is not white space into a token, at its offsets', () => {
    for (const text of texts.filter((t) => t.trim() !== '')) {
      const doc = expectAligned(text);
      // (wink does not split on a form feed or vertical tab between letters.)
      const covered = doc.tokens.reduce((n, t) => n + t.text.replace(/\s/g, '').length, 0);
      expect(covered, JSON.stringify(text)).toBe(text.replace(/\s/g, '').length);
    }
  });
});

describe('buildDoc after a gap of more than 65,534 spaces', () => {
  it('finds the tokens after it at their offsets (wink counts at most 65,534 preceding spaces)', () => {
    const text = 'Alpha said it.' + ' '.repeat(70_000) + 'Beta said "no".';
    const doc = buildDoc(text);
    expect(doc.tokens.map((t) => t.text)).toEqual(['Alpha', 'said', 'it', '.', 'Beta', 'said', '"', 'no', '"', '.']);
    for (const t of doc.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(doc.tokens[4].start).toBe(14 + 70_000);
  });
});

describe('Token.vocabId', () => {
  const ids = (text: string) => Object.fromEntries(buildDoc(text).tokens.map((t) => [t.text, t.vocabId]));

  it('gives a word the same number wherever it stands, and other words other numbers', () => {
    const doc = buildDoc('The minister said the plan would work. The plan, she said, was said to be late.');
    const byText = new Map<string, Set<number>>();
    for (const t of doc.tokens) byText.set(t.text, (byText.get(t.text) ?? new Set()).add(t.vocabId));
    for (const [text, set] of byText) expect(set.size, text).toBe(1);
    const numbers = [...byText.values()].map((set) => [...set][0]).filter((id) => id >= 0);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(byText.get('said')).toEqual(new Set([ids('They said so.').said]));
    expect(ids('The plan.').The).toBeGreaterThanOrEqual(0);
  });

  it('is case-sensitive, as the text is', () => {
    const { The, the } = ids('The cat and the dog.');
    expect(The).not.toBe(the);
  });

  it('is -1 for words the lexicon does not hold and for tokens the adapter changed', () => {
    const table: Array<[string, string]> = [
      ['Kwabenaxq said so.', 'Kwabenaxq'], // not in the lexicon (learned)
      ['Visiting Łódź today.', 'Łódź'], // pieces wink split, joined by the adapter
      ['It was Apple’s, not ours.', 'Apple'], // possessive split off before punctuation
      ['It was Apple’s, not ours.', '’s'],
    ];
    for (const [text, word] of table) expect(ids(text)[word], `${word} in ${text}`).toBe(-1);
  });

  it('is the same in a second parse after other texts', () => {
    const first = ids('Officials said the bridge would reopen on Monday.');
    buildDoc('Kwabenaxq and Zorblatt spoke to reporters about the bridge.');
    expect(ids('Officials said the bridge would reopen on Monday.')).toEqual(first);
  });
});
