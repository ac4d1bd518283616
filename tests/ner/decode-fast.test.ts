import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../src/core/doc.ts';
import { loadGazetteer } from '../../src/ner/gazetteer.ts';
import { decode, type Scorer } from '../../src/ner/model.ts';
import { nerModel } from '../../src/ner/tagger.ts';

// The committed model's fast path (cached per-word feature rows) must give the
// labels of the plain path (every key hashed and looked up per token): the
// two restate one feature set, and a change to one alone shows here.
const plain = (): Scorer => {
  const m = nerModel();
  return { nLabels: m.nLabels, add: (key, scores) => m.add(key, scores) };
};

describe('NerModel fast decode', () => {
  const texts: string[] = [
    'Sir Keir Starmer met Emmanuel Macron in Paris on Tuesday, the BBC reported.',
    'SHARES IN ACME CORP FELL 5% AFTER THE BANK OF ENGLAND RAISED RATES\nAcme said it would appeal.',
    '“We will not back down,” said Dr Amira Haddad of the Organised Immigration Crime (OIC) unit.',
    'Vietnam, Albania and Iraq signed; the pro-Russian Kędzierski left Łódź for Rwanda-style talks.',
    'nothing here is a name at all, just lower-case words and 42 numbers.',
  ];
  it.each(texts)('labels %j as the plain path does', (text) => {
    const doc = buildDoc(text);
    const gz = loadGazetteer();
    const fast = decode(doc.tokens, gz, nerModel());
    expect(fast).toEqual(decode(doc.tokens, gz, plain()));
  });
  it('finds names at all (the comparison is not between two empty taggings)', () => {
    const doc = buildDoc(texts[0]);
    expect(decode(doc.tokens, loadGazetteer(), nerModel()).some((l) => l !== 'O')).toBe(true);
  });
  it('tags a document the same the second time, from the warm word cache', () => {
    const doc = buildDoc(texts[2]);
    const gz = loadGazetteer();
    const first = decode(doc.tokens, gz, nerModel());
    expect(decode(buildDoc(texts[2]).tokens, gz, nerModel())).toEqual(first);
  });
});
