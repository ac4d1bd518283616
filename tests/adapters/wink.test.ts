import { describe, expect, it } from 'vitest';
import { IsolatedWink, parseWithWink } from '../../src/adapters/wink.ts';
import { extract } from '../../src/pipeline.ts';

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
