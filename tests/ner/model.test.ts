import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../src/core/doc.ts';
import { parseGazetteer, matchGazetteer } from '../../src/ner/gazetteer.ts';
import { key1, key2 } from '../../src/ner/hash.ts';
import { allowed, bilouSpans, decode, KeyTable, LABELS, NerModel, quantize } from '../../src/ner/model.ts';
import { trainNer } from '../../src/ner/train.ts';
import { shortShape, wordShape } from '../../src/ner/features.ts';
import { tempDir } from '../helpers.ts';

const MODEL_DIR = fileURLToPath(new URL('../../models/ner/', import.meta.url));

describe('features', () => {
  it.each([
    ['Starmer', 'Xxxxxxx', 'Xx'],
    ['UK', 'XX', 'X'],
    ['2024', 'dddd', 'd'],
    ['U.S.', 'X.X.', 'X.X.'],
    ['iPhone', 'xXxxxx', 'xXx'],
    ['Zürich', 'Xxxxxx', 'Xx'],
  ])('shape of %s', (word, shape, short) => {
    expect(wordShape(word)).toBe(shape);
    expect(shortShape(wordShape(word))).toBe(short);
  });
});

describe('hash keys', () => {
  it('are deterministic, distinct for different features, and exact integers', () => {
    expect(key1(1, 'Paris')).toBe(key1(1, 'Paris'));
    expect(key1(1, 'Paris')).not.toBe(key1(2, 'Paris'));
    expect(key2(3, 'a', 'bc')).not.toBe(key2(3, 'ab', 'c'));
    expect(Number.isSafeInteger(key1(7, 'x'))).toBe(true);
  });
  it('KeyTable finds every stored key and no other', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => key1(5, `w${i}`));
    const table = new KeyTable(keys);
    keys.forEach((k, i) => expect(table.get(k)).toBe(i));
    expect(table.get(key1(5, 'missing'))).toBe(-1);
  });
});

describe('BILOU decoding helpers', () => {
  it('allows only well-formed label sequences', () => {
    expect(allowed('<s>', 'B-PER')).toBe(true);
    expect(allowed('<s>', 'I-PER')).toBe(false);
    expect(allowed('B-PER', 'L-PER')).toBe(true);
    expect(allowed('B-PER', 'L-ORG')).toBe(false);
    expect(allowed('B-PER', 'O')).toBe(false);
    expect(allowed('U-LOC', 'U-LOC')).toBe(true);
  });
  it('reads spans, closing one left open at a sentence end', () => {
    const toks = ['a', 'b', 'c', 'd'].map((text, i) => ({ text, pos: 'X', sentence: i < 3 ? 0 : 1, spaceBefore: true }));
    expect(bilouSpans(['B-PER', 'L-PER', 'B-ORG', 'U-LOC'], toks)).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 2, end: 3, type: 'ORG' },
      { start: 3, end: 4, type: 'LOC' },
    ]);
    expect(bilouSpans(['O', 'O', 'O', 'O'], toks)).toEqual([]);
  });
});

describe('gazetteer', () => {
  const gz = parseGazetteer('# test\nNew York\tCITY\nYork\tCITY\nUK\tCOUNTRY\nReform UK\tPARTY\n');
  it('takes the longest match, and title-cases all-caps words', () => {
    const doc = buildDoc('NEW YORK and York voted for Reform UK, not the UK.');
    const hits = matchGazetteer(gz, doc.tokens).map((m) => [m.phrase, m.classes[0]]);
    expect(hits).toEqual([['New York', 'CITY'], ['York', 'CITY'], ['Reform UK', 'PARTY'], ['UK', 'COUNTRY']]);
  });
  it('finds nothing in text without names', () => {
    expect(matchGazetteer(gz, buildDoc('nothing here at all').tokens)).toEqual([]);
  });
  // (Tokens are ruled out by their first character: phrases starting lower
  // case or with a digit or a non-ASCII letter must still be found.)
  it.each([
    ['eBay\tCOMPANY', 'shares in eBay rose', 'eBay'],
    ['de Gaulle\tPERSON', 'said de Gaulle once', 'de Gaulle'],
    ['7-Eleven\tCOMPANY', 'a 7-Eleven store', '7-Eleven'],
    ['Åland Islands\tREGION', 'off the ÅLAND ISLANDS today', 'Åland Islands'],
    ['Åland Islands\tREGION', 'an island land', null],
  ])('with %j finds in %j the phrase %j', (line, text, phrase) => {
    const hits = matchGazetteer(parseGazetteer(line + '\n'), buildDoc(text).tokens).map((m) => m.phrase);
    expect(hits).toEqual(phrase ? [phrase] : []);
  });
});

describe('committed model', () => {
  it('is small and loads well under half a second', () => {
    for (const f of ['keys.bin', 'weights.bin', 'labels.txt']) expect(statSync(join(MODEL_DIR, f)).size).toBeLessThan(5 * 1024 * 1024);
    const t0 = performance.now();
    const model = NerModel.load(MODEL_DIR);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(model.nLabels).toBe(LABELS.length);
  });
});

describe('quantised weights', () => {
  it('put the largest weight at ±32767 units and every weight within half a unit', () => {
    const weights = Float32Array.from([0.5, -1.25, 0.0001, 0, 1e-9, -0.75]);
    const { scale, units } = quantize(weights);
    expect(units[1]).toBe(-32767);
    weights.forEach((w, i) => expect(Math.abs(units[i] * scale - w)).toBeLessThanOrEqual(scale / 2));
  });

  it('give the committed model exact integer scores, whatever order features come in', () => {
    const model = NerModel.load(MODEL_DIR);
    // Templates 2 and 3 (features.ts): the word and its lower case.
    const keys = ['Starmer', 'London', 'the', 'said', 'Reuters'].flatMap((w) => [key1(2, w), key1(3, w.toLowerCase())]);
    const forward = new Float32Array(model.nLabels);
    const backward = new Float32Array(model.nLabels);
    for (const k of keys) model.add(k, forward);
    for (const k of [...keys].reverse()) model.add(k, backward);
    expect(forward.some((s) => s !== 0)).toBe(true);
    expect(forward.every(Number.isInteger)).toBe(true);
    expect(backward).toEqual(forward);
  });

  it('are what a model built in memory scores with, as save() and load() would', () => {
    const keys = [key1(2, 'Alice'), key1(2, 'Lisbon')];
    const weights = new Float32Array(keys.length * LABELS.length);
    weights[LABELS.indexOf('U-PER')] = 0.3;
    weights[LABELS.length + LABELS.indexOf('U-LOC')] = 0.7;
    const dir = tempDir();
    NerModel.save(dir, keys, weights);
    const saved = NerModel.load(dir);
    const inMemory = NerModel.quantized(keys, weights);
    for (const k of keys) {
      const a = new Float32Array(LABELS.length);
      const b = new Float32Array(LABELS.length);
      saved.add(k, a);
      inMemory.add(k, b);
      expect(b).toEqual(a);
    }
  });
});

describe('trainNer', () => {
  // A tiny made-up training set: enough for the perceptron to fit it.
  const sentences = [
    ['Alice Walker', 'PER', 'visited', 'Lisbon', 'LOC'],
    ['Bruno Costa', 'PER', 'visited', 'Madrid', 'LOC'],
    ['Carla Mendes', 'PER', 'joined', 'Acme Corp', 'ORG'],
    ['Daniel Rocha', 'PER', 'joined', 'Globex Ltd', 'ORG'],
  ];
  const conll = ['-DOCSTART- -X- -X- O', ''];
  for (let r = 0; r < 5; r++) {
    for (const [who, t1, verb, where, t2] of sentences) {
      who.split(' ').forEach((w, i) => conll.push(`${w} NNP B-NP ${i ? 'I' : 'B'}-${t1}`));
      conll.push(`${verb} VBD B-VP O`);
      where.split(' ').forEach((w, i) => conll.push(`${w} NNP B-NP ${i ? 'I' : 'B'}-${t2}`));
      conll.push('. . O O', '');
    }
  }

  it('trains, writes a model that loads, and the model fits its training data', async () => {
    const dir = tempDir();
    const data = join(dir, 'tiny.conll');
    writeFileSync(data, conll.join('\n'));
    const out = join(dir, 'model');
    const lines: string[] = [];
    await trainNer({ conll: data, out, epochs: 5, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^training on 1 documents/);
    expect(readFileSync(join(out, 'labels.txt'), 'utf8').split('\n').slice(1, 18)).toEqual([...LABELS]);
    const model = NerModel.load(out);
    const doc = buildDoc('Alice Walker visited Lisbon .');
    const gz = parseGazetteer('');
    expect(decode(doc.tokens, gz, model)).toEqual(['B-PER', 'L-PER', 'O', 'U-LOC', 'O']);
  });
});
