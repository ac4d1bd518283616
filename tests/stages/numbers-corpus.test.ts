import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../src/core/doc.ts';
import { extractMoney } from '../../src/stages/money/index.ts';
import { extractNumbers } from '../../src/stages/numbers/index.ts';
import { ROOT } from '../helpers.ts';

const CORPUS = join(ROOT, 'corpus');
const articles = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();

function run(text: string) {
  const doc = buildDoc(text);
  const numbers = extractNumbers(doc, () => {});
  const money = extractMoney(doc, numbers, () => {});
  return { numbers, money };
}

describe('numbers and money on every corpus article', () => {
  it.each(articles)('%s: spans are exact, sorted and numbered, values finite', (file) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const { numbers, money } = run(text);
    for (const [list, letter] of [[numbers, 'n'], [money, 'm']] as const) {
      list.forEach((item, k) => {
        expect(item.id).toBe(`${letter}${k + 1}`);
        expect(text.slice(item.start, item.end)).toBe(item.text);
        if (k > 0) expect(item.start).toBeGreaterThanOrEqual(list[k - 1].start);
        const v = 'value' in item ? item.value : item.amount;
        expect(Number.isFinite(v)).toBe(true);
        if (item.upper !== undefined) expect(item.upper).toBeGreaterThan(v);
      });
    }
    for (const m of money) {
      if (m.equivalentOf) expect(money.some((o) => o.id === m.equivalentOf && o.start < m.start)).toBe(true);
    }
  });
});

describe('the seed article (issue 5 acceptance)', () => {
  const text = readFileSync(join(CORPUS, '000_6d8a06d22f37ec03.txt'), 'utf8');
  const { numbers, money } = run(text);
  const left = numbers.filter((n) => !money.some((m) => m.start < n.end && n.start < m.end));

  it('money: an estimated $10bn a year, and £7.7bn as its equivalent', () => {
    expect(money.map(({ id, text, amount, currency, qualifier, per, equivalentOf }) => ({ id, text, amount, currency, qualifier, per, equivalentOf }))).toEqual([
      { id: 'm1', text: 'an estimated $10bn', amount: 10000000000, currency: 'USD', qualifier: 'estimated', per: 'year', equivalentOf: undefined },
      { id: 'm2', text: '£7.7bn', amount: 7700000000, currency: 'GBP', qualifier: undefined, per: 'year', equivalentOf: 'm1' },
    ]);
  });

  it('numbers once the amounts inside money are dropped', () => {
    expect(left.map((n) => [n.text, n.value, n.kind, n.qualifier ?? null])).toEqual([
      ['thousands', 1000, 'approximate', null],
      ['first', 1, 'ordinal', null],
      ['more than 40', 40, 'cardinal', 'more_than'],
      ['2024', 2024, 'year', null],
      ['more than 6,000', 6000, 'cardinal', 'more_than'],
      ['2025', 2025, 'year', null],
      ['more than 24,000', 24000, 'cardinal', 'more_than'],
      ['two', 2, 'cardinal', null],
    ]);
  });
});
