import { describe, expect, it } from 'vitest';
import { IsolatedWink, longRuns, parseWithWink } from '../../src/adapters/wink.ts';
import { extract } from '../../src/pipeline.ts';
import { rng } from '../../src/run/synthetic.ts';

const words = (text: string) => parseWithWink(text).tokens.filter((t) => t.kind !== 'space').map((t) => `${t.text}/${t.kind}/${t.pos}`);

// wink-nlp learns every new token into its lexicon and its tokenizer looks
// there first: a possessive before punctuation ("Quenby’s,") is kept whole
// and learned, after which the same possessive elsewhere stopped splitting.
// Made-up names, so no other test in this file teaches them first.
describe('parseWithWink', () => {
  it('tokenizes a text the same whatever texts came before it', () => {
    const text = 'The final was played at Quenby’s on Sunday.';
    const first = words(text);
    expect(first).toContain('Quenby/word/PROPN');
    words('A record crowd came to Quenby’s, the club said.');
    words('Tickets for Quenby’s. Sold out.');
    expect(words(text)).toEqual(first);
  });

  it('gives a record that depends only on its article', () => {
    const text = 'Tom Arlen said the match at Varnley’s on Sunday drew 9,000 fans.';
    const first = extract(text, { id: 'a' });
    extract('Fans packed Varnley’s, where Tom Arlen played.', { id: 'b' });
    expect(extract(text, { id: 'a' })).toEqual(first);
  });
});

describe('IsolatedWink', () => {
  const kinds = (w: IsolatedWink, text: string) =>
    w.read(text, (doc) => {
      const values = doc.tokens().out() as string[];
      const types = doc.tokens().out(w.nlp.its.type) as string[];
      return values.map((v, i) => `${v}/${types[i]}`);
    });

  it('does not reuse a word learned with another token type: "96" from "24.SEP.96" is a word, in "scored 96" a number', () => {
    const w = new IsolatedWink();
    expect(kinds(w, 'The bond was paid on 24.SEP.96 in full.')).toContain('96/word');
    expect(kinds(w, 'He scored 96 runs.')).toEqual(kinds(new IsolatedWink(), 'He scored 96 runs.'));
    expect(kinds(w, 'He scored 96 runs.')).toContain('96/number');
  });

  const read = (w: IsolatedWink, text: string) =>
    w.read(text, (doc) => JSON.stringify([doc.tokens().out(), doc.tokens().out(w.nlp.its.type), doc.tokens().out(w.nlp.its.pos), doc.sentences().out(w.nlp.its.span)]));

  it('reads a text after thousands of others, across renewals, as a fresh instance does', () => {
    const w = new IsolatedWink();
    const texts = [
      'Officials at Brackmoor’s said £3.5m was spent. “It’s over,” said Ms Ellery-Vance.',
      'Crowds filled Brackmoor’s, and J. R. Hollis told reporters the 2-1 win was “earned”.',
      'Prices rose 4.2% at Ellery-Vance’s shop (Brackmoor’s) — see www.example.org.',
    ];
    // Thousands of unseen tokens, so the instance renews itself several times.
    for (let i = 0; i < 300; i++) {
      const unseen = Array.from({ length: 400 }, (_, k) => `Zq${i}x${k}’s,`).join(' ');
      read(w, `${unseen} ${texts[i % texts.length]}`);
    }
    expect(w.learnedLexemes).toBeLessThan(60_000);
    for (const text of texts) expect(read(w, text)).toBe(read(new IsolatedWink(), text));
  });
});

describe('longRuns', () => {
  // The runs hidden from wink are exactly the regex's: testing only every
  // 1,000th character must miss none, split none and find none twice.
  const byRegex = (text: string) => [...text.matchAll(/\S{1001,}/g)].map((m) => [m.index, m.index + m[0].length]);
  const cases: Array<[string, string]> = [
    ['no text', ''],
    ['plain words', 'Ministers met in London on Monday.'],
    ['a run of exactly 1,000', 'a ' + 'x'.repeat(1000) + ' b'],
    ['a run of 1,001 at the start', 'x'.repeat(1001) + ' b'],
    ['a run of 1,001 at the end', 'b ' + 'x'.repeat(1001)],
    ['a run of 1,001 between two multiples of 1,000', ' ' + 'x'.repeat(1001) + ' '],
    ['a run across two multiples of 1,000', 'ab ' + 'y'.repeat(2500) + '\tc'],
    ['two runs one space apart', 'z'.repeat(1500) + '\u00a0' + 'z'.repeat(1200)],
    ['runs of 999 between spaces', ('q'.repeat(999) + ' ').repeat(5)],
    ['a text that is one run', 'x'.repeat(5000)],
  ];
  it.each(cases)('finds the runs in %s', (_name, text) => {
    expect(longRuns(text)).toEqual(byRegex(text));
  });

  it('finds the runs of random texts of long and short runs', () => {
    const next = rng(7);
    const random = (n: number) => Math.floor(next() * n);
    for (let k = 0; k < 300; k++) {
      let text = '';
      for (let r = random(6); r >= 0; r--) text += 'w'.repeat([random(40), 995 + random(12), 900 + random(2300)][random(3)]) + [' ', '\n', '\u2028', '\ufeff'][random(4)];
      expect(longRuns(text), text.length + ' characters').toEqual(byRegex(text));
    }
  });
});
