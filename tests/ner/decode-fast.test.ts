import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../src/core/doc.ts';
import { loadGazetteer, matchGazetteer } from '../../src/ner/gazetteer.ts';
import { decode, type Scorer } from '../../src/ner/model.ts';
import { nerModel } from '../../src/ner/tagger.ts';

// The committed model's fast path (cached per-word feature rows) must give the
// labels of the plain path (every key hashed and looked up per token): the
// two restate one feature set, and a change to one alone shows here.
const plain = (): Scorer => {
  const m = nerModel();
  return { nLabels: m.nLabels, add: (key, scores) => m.add(key, scores) };
};

const texts: string[] = [
  'Sir Keir Starmer met Emmanuel Macron in Paris on Tuesday, the BBC reported.',
  'SHARES IN ACME CORP FELL 5% AFTER THE BANK OF ENGLAND RAISED RATES\nAcme said it would appeal.',
  '“We will not back down,” said Dr Amira Haddad of the Organised Immigration Crime (OIC) unit.',
  'Vietnam, Albania and Iraq signed; the pro-Russian Kędzierski left Łódź for Rwanda-style talks.',
  'nothing here is a name at all, just lower-case words and 42 numbers.',
  'The court seized assets under the Proceeds of Crime Act from the al-Aqsa group and de Silva.',
];

describe('NerModel fast decode', () => {
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
  it.each(texts)('labels %j the same with the tokens found by vocabId and by text', (text) => {
    const doc = buildDoc(text);
    expect(doc.tokens.some((t) => t.vocabId >= 0)).toBe(true);
    const gz = loadGazetteer();
    const byText = doc.tokens.map((t) => ({ ...t, vocabId: -1 }));
    expect(decode(doc.tokens, gz, nerModel())).toEqual(decode(byText, gz, nerModel()));
  });
  it('tags a document the same the second time, from the warm word cache', () => {
    const doc = buildDoc(texts[2]);
    const gz = loadGazetteer();
    const first = decode(doc.tokens, gz, nerModel());
    expect(decode(buildDoc(texts[2]).tokens, gz, nerModel())).toEqual(first);
  });
  it('labels as the plain path after the word cache was dropped and refilled', () => {
    const gz = loadGazetteer();
    // Each filler has more distinct words than the cache keeps (features.ts,
    // MAX_CACHED_WORDS), so the cache is dropped with its arenas when the next
    // document begins, and the second filler's words take the arenas' rows the
    // texts' words had. The second has more words than the pair caches number
    // (pairKey), so its last pairs are resolved uncached.
    for (const [tag, length] of [['Qx', 16_000], ['Zq', 34_000]] as const) {
      const filler = buildDoc(Array.from({ length }, (_, i) => `${tag}${i.toString(36)}${i % 3 ? '' : ','}`).join(' '));
      const labels = decode(filler.tokens, gz, nerModel());
      if (tag === 'Zq') expect(labels).toEqual(decode(filler.tokens, gz, plain()));
    }
    for (const text of texts) {
      const doc = buildDoc(text);
      expect(decode(doc.tokens, gz, nerModel())).toEqual(decode(doc.tokens, gz, plain()));
    }
  });
});

// The skip rule (model.ts, DecodeOptions): plain words outside an entity are
// labelled O unscored, on both paths alike.
describe('skip rule', () => {
  it.each(texts)('labels %j with the rule as the plain path with the rule does', (text) => {
    const doc = buildDoc(text);
    const gz = loadGazetteer();
    const fastSkipped = new Uint8Array(doc.tokens.length);
    const plainSkipped = new Uint8Array(doc.tokens.length);
    expect(decode(doc.tokens, gz, nerModel(), { skipPlain: true, skipped: fastSkipped })).toEqual(decode(doc.tokens, gz, plain(), { skipPlain: true, skipped: plainSkipped }));
    expect([...fastSkipped]).toEqual([...plainSkipped]);
  });

  it.each(texts)('skips in %j exactly the tokens the rule names', (text) => {
    const tk = buildDoc(text).tokens;
    const gz = loadGazetteer();
    const skipped = new Uint8Array(tk.length);
    const labels = decode(tk, gz, nerModel(), { skipPlain: true, skipped });
    const inMatch = new Set<number>();
    for (const m of matchGazetteer(gz, tk)) for (let k = m.start; k < m.end; k++) inMatch.add(k);
    const noUpper = (w: string) => w === w.toLowerCase();
    const named = tk.map((t, i) => {
      const sentenceStart = i === 0 || tk[i - 1].sentence !== t.sentence;
      if (!sentenceStart && /^[BI]-/.test(labels[i - 1])) return 0;
      if (!noUpper(t.text) || /\d/.test(t.text) || inMatch.has(i)) return 0;
      let k = i + 1;
      if (k < tk.length && tk[k].text === '-' && !tk[k].spaceBefore) k++;
      return k < tk.length && tk[k].sentence === t.sentence && !noUpper(tk[k].text) ? 0 : 1;
    });
    expect([...skipped]).toEqual(named);
    expect(labels.filter((_, i) => skipped[i]).every((l) => l === 'O')).toBe(true);
  });

  it('skips most tokens of plain prose, yet none of a name or the word before one', () => {
    const tk = buildDoc(texts[5]).tokens;
    const skipped = new Uint8Array(tk.length);
    decode(tk, loadGazetteer(), nerModel(), { skipPlain: true, skipped });
    expect(skipped.reduce((a, b) => a + b, 0)).toBeGreaterThan(tk.length / 3);
    for (const w of ['of', 'al', 'de', 'Crime', 'Aqsa', 'Silva']) expect(skipped[tk.findIndex((t) => t.text === w)]).toBe(0);
  });

  it.each(texts)('changes labels of %j only where the full decode gives a skipped token a name label', (text) => {
    const tk = buildDoc(text).tokens;
    const gz = loadGazetteer();
    const skipped = new Uint8Array(tk.length);
    const withRule = decode(tk, gz, nerModel(), { skipPlain: true, skipped });
    const full = decode(tk, gz, nerModel());
    if (full.every((l, i) => !skipped[i] || l === 'O')) expect(withRule).toEqual(full);
    else expect(withRule).not.toEqual(full);
  });

  it('is off by default (decode() as training uses it scores every token)', () => {
    const tk = buildDoc(texts[4]).tokens;
    const skipped = new Uint8Array(tk.length);
    decode(tk, loadGazetteer(), nerModel(), { skipped });
    expect(skipped.every((s) => s === 0)).toBe(true);
  });
});
