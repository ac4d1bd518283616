import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStageOrder, extract, extractBatch, recordSpans, sha256Hex, STAGES, validateRecord } from '../src/pipeline.ts';
import { corpusTexts, syntheticArticles } from '../src/run/synthetic.ts';
import type { Stage } from '../src/stages/types.ts';
import { ROOT } from './helpers.ts';

const corpus = join(ROOT, 'corpus');
const articles = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort();
const SEED = readFileSync(join(corpus, '000_6d8a06d22f37ec03.txt'), 'utf8');

describe('extract', () => {
  it('fills the record envelope', () => {
    const r = extract(SEED, { id: 'seed', source: { path: 'corpus/seed.txt', title: 'T' } });
    expect(r).toMatchObject({
      schemaVersion: 1,
      id: 'seed',
      offsets: 'utf16',
      source: { path: 'corpus/seed.txt', title: 'T', sha256: sha256Hex(SEED) },
      extractor: { name: 'quarry', version: '0.1.0' },
      stats: { characters: 2765, paragraphs: 17 },
    });
    // SHA-256 of the UTF-8 bytes of the untouched text (the seed starts with a line break).
    expect(SEED.startsWith('\n')).toBe(true);
  });

  it('gives byte-identical records for the same input', () => {
    expect(JSON.stringify(extract(SEED, { id: 'a' }))).toBe(JSON.stringify(extract(SEED, { id: 'a' })));
  });

  it('refuses empty text with a clear error', () => {
    expect(() => extract('  \n ')).toThrow(/empty or whitespace/);
  });

  it.each(articles)('every span of %s is the slice of its original text', (file) => {
    const text = readFileSync(join(corpus, file), 'utf8');
    const r = extract(text, { id: file });
    let spans = 0;
    for (const [, span] of recordSpans(r)) {
      expect(text.slice(span.start, span.end)).toBe(span.text);
      spans++;
    }
    expect(spans).toBeGreaterThan(0);
  });
});

describe('extractBatch', () => {
  it("gives each article extract()'s record, in batches of any size", () => {
    const articles = [...syntheticArticles(corpusTexts(), 120, 3)];
    const one = articles.map((a) => JSON.stringify(extract(a.text, { id: a.id })));
    for (const size of [8, 16]) {
      const batched: string[] = [];
      for (let i = 0; i < articles.length; i += size) {
        for (const r of extractBatch(articles.slice(i, i + size).map((a) => ({ text: a.text, options: { id: a.id } })))) {
          if (!r.ok) throw r.error;
          batched.push(JSON.stringify(r.record));
        }
      }
      expect(batched).toEqual(one);
    }
  });

  it('fails only the article that throws, with the error extract() gives it', () => {
    const results = extractBatch([{ text: 'Ms Lee said: "Fine."' }, { text: '  ' }, { text: 'It cost £7.7bn.' }]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(!results[1].ok && results[1].error.message).toBe('article text is empty or whitespace only');
    expect(results[2].ok && results[2].record.money[0].amount).toBe(7_700_000_000);
  });

  it('names the article it is about to work on before every step, stage by stage', () => {
    const calls: number[] = [];
    extractBatch([{ text: 'One.' }, { text: 'Two.' }], (i) => calls.push(i));
    // doc, each stage in order, then validation: every step goes over both articles.
    expect(calls).toEqual(Array.from({ length: STAGES.length + 2 }, () => [0, 1]).flat());
  });
});

describe('validateRecord', () => {
  const good = extract('Mary Jones said the plan would cost more than 6,000 jobs in 2025.', { id: 'v' });
  const text = 'Mary Jones said the plan would cost more than 6,000 jobs in 2025.';

  it('accepts a consistent record', () => {
    expect(validateRecord(good, text)).toEqual(good);
  });

  it('rejects a span whose text is not the slice', () => {
    const bad = structuredClone(good);
    bad.numbers.push({ id: `n${bad.numbers.length + 1}`, text: 'six', start: 60, end: 63, value: 6, kind: 'cardinal' });
    expect(() => validateRecord(bad, text)).toThrow(/is not the text "six"/);
  });

  it('rejects ids out of sequence and dangling references', () => {
    const bad = structuredClone(good);
    bad.money.push({ id: 'm7', text: 'Mary', start: 0, end: 4, amount: 1, currency: 'USD', equivalentOf: 'm9' });
    expect(() => validateRecord(bad, text)).toThrow(/should be m1.*unknown m9/);
  });

  it('rejects what the schema forbids', () => {
    expect(() => validateRecord({ ...good, offsets: 'bytes' }, text)).toThrow(/schema/);
  });
});

describe('stage order', () => {
  it('is declared: entities, numbers, money, quotes', () => {
    expect(STAGES.map((s) => s.name)).toEqual(['entities', 'numbers', 'money', 'quotes']);
  });
  it('fails when a stage needs one that runs later', () => {
    const reordered: Stage[] = [STAGES[3], STAGES[0]];
    expect(() => checkStageOrder(reordered)).toThrow(/\[Q001\] stage "quotes" requires "entities"/);
  });
});
