import { describe, expect, it } from 'vitest';
import { compareToBaseline, figuresFile, FiguresFileSchema, serializeFiguresFile } from '../../src/eval/baseline.ts';

const base = {
  'test.articles': 12,
  'test.quotes.strict.f1': 0.8,
  'test.quotes.strict.tp': 40,
  'test.entities.clusters.mixed.rate': 0.1,
  'test.numbers.value.rate': 0.95,
};

// [what changed, current figures, tolerance, expected drop keys, expected changed rate keys]
const cases: Array<[string, Record<string, number>, number, string[], string[]]> = [
  ['nothing', { ...base }, 0.005, [], []],
  ['a rise', { ...base, 'test.quotes.strict.f1': 0.85 }, 0.005, [], ['test.quotes.strict.f1']],
  ['a drop within tolerance', { ...base, 'test.quotes.strict.f1': 0.797 }, 0.005, [], ['test.quotes.strict.f1']],
  ['a drop of exactly the tolerance', { ...base, 'test.quotes.strict.f1': 0.795 }, 0.005, [], ['test.quotes.strict.f1']],
  ['a drop beyond tolerance', { ...base, 'test.quotes.strict.f1': 0.7949 }, 0.005, ['test.quotes.strict.f1'], ['test.quotes.strict.f1']],
  ['a rise of a lower-is-better figure', { ...base, 'test.entities.clusters.mixed.rate': 0.2 }, 0.005, ['test.entities.clusters.mixed.rate'], ['test.entities.clusters.mixed.rate']],
  ['a fall of a lower-is-better figure', { ...base, 'test.entities.clusters.mixed.rate': 0 }, 0.005, [], ['test.entities.clusters.mixed.rate']],
  ['counts moving never gate', { ...base, 'test.quotes.strict.tp': 10, 'test.articles': 3 }, 0.005, [], []],
  ['zero tolerance catches any drop', { ...base, 'test.numbers.value.rate': 0.9499 }, 0, ['test.numbers.value.rate'], ['test.numbers.value.rate']],
];

describe('compareToBaseline', () => {
  it.each(cases)('%s', (_what, current, tolerance, drops, changed) => {
    const cmp = compareToBaseline(current, base, tolerance);
    expect(cmp.drops.map((d) => d.key)).toEqual(drops);
    expect(cmp.changes.map((d) => d.key)).toEqual(changed);
  });

  it('reports added and removed figures without failing on them', () => {
    const { 'test.numbers.value.rate': _gone, ...rest } = base;
    const cmp = compareToBaseline({ ...rest, 'test.money.amount_currency.rate': 1 }, base, 0.005);
    expect(cmp.removed).toEqual(['test.numbers.value.rate']);
    expect(cmp.added).toEqual(['test.money.amount_currency.rate']);
    expect(cmp.drops).toEqual([]);
  });

  it('gives the delta rounded to 4 decimals', () => {
    const cmp = compareToBaseline({ ...base, 'test.quotes.strict.f1': 0.7 }, base, 0.005);
    expect(cmp.drops[0]).toEqual({ key: 'test.quotes.strict.f1', before: 0.8, after: 0.7, delta: -0.1, worse: true });
  });
});

describe('figures file', () => {
  it('is sorted, valid, and serialises identically for equal figures in any key order', () => {
    const a = serializeFiguresFile(figuresFile({ b: 1, a: 0.5 }, { dev: ['y', 'x'], test: [] }));
    const b = serializeFiguresFile(figuresFile({ a: 0.5, b: 1 }, { dev: ['x', 'y'], test: [] }));
    expect(a).toBe(b);
    const parsed = FiguresFileSchema.parse(JSON.parse(a));
    expect(Object.keys(parsed.figures)).toEqual(['a', 'b']);
    expect(parsed.articles.dev).toEqual(['x', 'y']);
    expect(a.split('\n')).toContain('    "a": 0.5,');
  });
});
