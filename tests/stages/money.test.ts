import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../src/core/doc.ts';
import { defaultDollar, extractMoney, homeDollar, yenSign } from '../../src/stages/money/index.ts';
import { extractNumbers } from '../../src/stages/numbers/index.ts';
import { stageTable } from '../helpers.ts';

interface X {
  upper?: number;
  qualifier?: string;
  per?: string;
  equivalentOf?: string;
}
/** [text, amount, currency, extras]; absent extras must be absent on the item. */
type E = [text: string, amount: number, currency: string, extra?: X];

function run(input: string) {
  const doc = buildDoc(input);
  const items = extractMoney(doc, extractNumbers(doc, () => {}), () => {});
  for (const m of items) expect(input.slice(m.start, m.end)).toBe(m.text);
  items.forEach((m, k) => expect(m.id).toBe(`m${k + 1}`));
  return items.map((m) => {
    const row: E = [m.text, m.amount, m.currency];
    const extra: X = {};
    if (m.upper !== undefined) extra.upper = m.upper;
    if (m.qualifier !== undefined) extra.qualifier = m.qualifier;
    if (m.per !== undefined) extra.per = m.per;
    if (m.equivalentOf !== undefined) extra.equivalentOf = m.equivalentOf;
    if (Object.keys(extra).length) row.push(extra);
    return row;
  });
}

const table = stageTable<E>(run);

table('symbols before the amount', [
  ['it cost $10', [['$10', 10, 'USD']]],
  ['it cost $ 10', [['$ 10', 10, 'USD']]],
  ['€5 each', [['€5', 5, 'EUR', { per: 'unit' }]]],
  ['£3.2bn', [['£3.2bn', 3200000000, 'GBP']]],
  ['¥500', [['¥500', 500, 'JPY']]],
  ['₹40 crore', [['₹40 crore', 400000000, 'INR']]],
  ['£7.7bn', [['£7.7bn', 7700000000, 'GBP']]],
  ['$1.15m', [['$1.15m', 1150000, 'USD']]],
  ['₩3 trillion', [['₩3 trillion', 3000000000000, 'KRW']]],
  ['a 10 € ticket', [['10 €', 10, 'EUR']]],
]);

table('prefixed dollars', [
  ['US$5', [['US$5', 5, 'USD']]],
  ['C$10', [['C$10', 10, 'CAD']]],
  ['A$3bn', [['A$3bn', 3000000000, 'AUD']]],
  ['NZ$4', [['NZ$4', 4, 'NZD']]],
  ['HK$100', [['HK$100', 100, 'HKD']]],
  ['S$2m', [['S$2m', 2000000, 'SGD']]],
  ['R$50', [['R$50', 50, 'BRL']]],
  ['U.S.$7', [['U.S.$7', 7, 'USD']]],
]);

table('ISO codes and abbreviations', [
  ['10 USD', [['10 USD', 10, 'USD']]],
  ['USD 10', [['USD 10', 10, 'USD']]],
  ['CHF 300', [['CHF 300', 300, 'CHF']]],
  ['usd 500', [['usd 500', 500, 'USD']]],
  ['Rs 40 lakh', [['Rs 40 lakh', 4000000, 'INR']]],
  ['Rs. 500 crore', [['Rs. 500 crore', 5000000000, 'INR']]],
  ['RMB 2bn', [['RMB 2bn', 2000000000, 'CNY']]],
  ['EUR 1.5m', [['EUR 1.5m', 1500000, 'EUR']]],
  ['all 500 seats', []],
]);

table('currency names', [
  ['5 euros', [['5 euros', 5, 'EUR']]],
  ['5 pounds sterling', [['5 pounds sterling', 5, 'GBP']]],
  ['75 million dollars', [['75 million dollars', 75000000, 'USD']]],
  ['10,000 yen', [['10,000 yen', 10000, 'JPY']]],
  ['500 yuan', [['500 yuan', 500, 'CNY']]],
  ['800 renminbi', [['800 renminbi', 800, 'CNY']]],
  ['300 rupees', [['300 rupees', 300, 'INR']]],
  ['500 Swiss francs', [['500 Swiss francs', 500, 'CHF']]],
  ['20 francs', [['20 francs', 20, 'CHF']]],
  ['10 Australian dollars', [['10 Australian dollars', 10, 'AUD']]],
  ['1,000 Hong Kong dollars', [['1,000 Hong Kong dollars', 1000, 'HKD']]],
  ['50 US dollars', [['50 US dollars', 50, 'USD']]],
  ['3 trillion won', [['3 trillion won', 3000000000000, 'KRW']]],
  ['5 bucks', [['5 bucks', 5, 'USD']]],
  ['900 Egyptian pounds', [['900 Egyptian pounds', 900, 'EGP']]],
  ['in London they paid 50 pounds', [['50 pounds', 50, 'GBP']]],
  ['it costs 5 pounds', [['5 pounds', 5, 'GBP']]],
  ['a 10-pound bag of rice', []],
  ['20 pounds of rice', []],
  ['5 million pounds of public money', [['5 million pounds', 5000000, 'GBP']]],
  ['a 5-pound note from the Bank of England', [['5-pound', 5, 'GBP']]],
  ['in London he lost 20 pounds at cards', [['20 pounds', 20, 'GBP']]],
  ['he lost 20 pounds in a month', []],
  ['5 million pounds', [['5 million pounds', 5000000, 'GBP']]],
  ['a 5 pound note in the UK', [['5 pound', 5, 'GBP']]],
]);

table('minor units', [
  ['50p', [['50p', 0.5, 'GBP']]],
  ['99 cents', [['99 cents', 0.99, 'USD']]],
  ['50 pence', [['50 pence', 0.5, 'GBP']]],
  ['20 euro cents', [['20 euro cents', 0.2, 'EUR']]],
  ['3 dollars and 50 cents', [['3 dollars and 50 cents', 3.5, 'USD']]],
  ['a 99c coffee', [['99c', 0.99, 'USD']]],
  ['a 10-cent rise', [['10-cent', 0.1, 'USD']]],
  ['a 20-dollar bill', [['20-dollar', 20, 'USD']]],
  ['a $10-million grant', [['$10-million', 10000000, 'USD']]],
  ['a 1.5-billion-euro deal', [['1.5-billion-euro', 1500000000, 'EUR']]],
]);

table('written-out amounts', [
  ['ten million dollars', [['ten million dollars', 10000000, 'USD']]],
  ['a billion euros', [['a billion euros', 1000000000, 'EUR']]],
  ['half a million pounds', [['half a million pounds', 500000, 'GBP']]],
  ['twenty dollars', [['twenty dollars', 20, 'USD']]],
  ['thirty-five euros', [['thirty-five euros', 35, 'EUR']]],
  ['one hundred dollars', [['one hundred dollars', 100, 'USD']]],
  ['a dollar a day', [['a dollar', 1, 'USD', { per: 'day' }]]],
  ['$ 75 million', [['$ 75 million', 75000000, 'USD']]],
  ['$1.5 billion', [['$1.5 billion', 1500000000, 'USD']]],
]);

table('ranges', [
  ['$3m-$5m', [['$3m-$5m', 3000000, 'USD', { upper: 5000000 }]]],
  ['$3m to $5m', [['$3m to $5m', 3000000, 'USD', { upper: 5000000 }]]],
  ['between £2bn and £3bn', [['between £2bn and £3bn', 2000000000, 'GBP', { upper: 3000000000 }]]],
  ['$3-5m', [['$3-5m', 3000000, 'USD', { upper: 5000000 }]]],
  ['£2bn-3bn', [['£2bn-3bn', 2000000000, 'GBP', { upper: 3000000000 }]]],
  ['$3 to $5 million', [['$3 to $5 million', 3000000, 'USD', { upper: 5000000 }]]],
  ['$500 to $5 million', [['$500 to $5 million', 500, 'USD', { upper: 5000000 }]]],
  ['3 to 5 million dollars', [['3 to 5 million dollars', 3000000, 'USD', { upper: 5000000 }]]],
  ['cut the bill by £129 to £1,720', [['£129', 129, 'GBP'], ['£1,720', 1720, 'GBP']]],
  ['shares rose 5p to 120p', [['5p', 0.05, 'GBP'], ['120p', 1.2, 'GBP']]],
  ['prices of 5p to 120p', [['5p to 120p', 0.05, 'GBP', { upper: 1.2 }]]],
  ['rose from $3m to $5m', [['$3m', 3000000, 'USD'], ['$5m', 5000000, 'USD']]],
]);

table('rates', [
  ['$10bn a year', [['$10bn', 10000000000, 'USD', { per: 'year' }]]],
  ['$15 an hour', [['$15', 15, 'USD', { per: 'hour' }]]],
  ['£100 per person', [['£100', 100, 'GBP', { per: 'person' }]]],
  ['£20 a head', [['£20', 20, 'GBP', { per: 'person' }]]],
  ['$20/month', [['$20', 20, 'USD', { per: 'month' }]]],
  ['€300 per week', [['€300', 300, 'EUR', { per: 'week' }]]],
  ['$90 a barrel', [['$90', 90, 'USD', { per: 'unit' }]]],
  ['£40,000 annually', [['£40,000', 40000, 'GBP', { per: 'year' }]]],
  ['NOK 90,000 per hectare', [['NOK 90,000', 90000, 'NOK', { per: 'unit' }]]],
  ['25.73p per kilowatt hour', [['25.73p', 0.2573, 'GBP', { per: 'unit' }]]],
  ['£1,720 a month, up from £1,500.', [['£1,720', 1720, 'GBP', { per: 'month' }], ['£1,500', 1500, 'GBP', { per: 'month' }]]],
  ['$2bn per annum', [['$2bn', 2000000000, 'USD', { per: 'year' }]]],
]);

table('qualifiers', [
  ['an estimated $10bn', [['an estimated $10bn', 10000000000, 'USD', { qualifier: 'estimated' }]]],
  ['about $5m', [['about $5m', 5000000, 'USD', { qualifier: 'about' }]]],
  ['nearly €3bn', [['nearly €3bn', 3000000000, 'EUR', { qualifier: 'nearly' }]]],
  ['more than £1m', [['more than £1m', 1000000, 'GBP', { qualifier: 'more_than' }]]],
  ['up to $500', [['up to $500', 500, 'USD', { qualifier: 'at_most' }]]],
  ['less than £5', [['less than £5', 5, 'GBP', { qualifier: 'less_than' }]]],
  ['at least €200m', [['at least €200m', 200000000, 'EUR', { qualifier: 'at_least' }]]],
  ['$10m or more', [['$10m or more', 10000000, 'USD', { qualifier: 'at_least' }]]],
  ['£5,000-plus', [['£5,000-plus', 5000, 'GBP', { qualifier: 'at_least' }]]],
]);

table('conversions', [
  ['a trade worth an estimated $10bn (£7.7bn) a year', [
    ['an estimated $10bn', 10000000000, 'USD', { qualifier: 'estimated', per: 'year' }],
    ['£7.7bn', 7700000000, 'GBP', { per: 'year', equivalentOf: 'm1' }],
  ]],
  ['£5m, or $6.5m', [['£5m', 5000000, 'GBP'], ['$6.5m', 6500000, 'USD', { equivalentOf: 'm1' }]]],
  ['it cost $5, or about £4.', [['$5', 5, 'USD'], ['about £4', 4, 'GBP', { qualifier: 'about', equivalentOf: 'm1' }]]],
  ['$100 (€90, £80)', [['$100', 100, 'USD'], ['€90', 90, 'EUR', { equivalentOf: 'm1' }], ['£80', 80, 'GBP', { equivalentOf: 'm1' }]]],
  ['€2bn ($2.2bn)', [['€2bn', 2000000000, 'EUR'], ['$2.2bn', 2200000000, 'USD', { equivalentOf: 'm1' }]]],
  ['$5m and $6m', [['$5m', 5000000, 'USD'], ['$6m', 6000000, 'USD']]],
  ['$5m ($4m last year)', [['$5m', 5000000, 'USD'], ['$4m', 4000000, 'USD']]],
]);

table('the article decides what a bare dollar is', [
  ['BHP earned $13bn and paid A$2bn in tax.', [['$13bn', 13000000000, 'USD'], ['A$2bn', 2000000000, 'AUD']]],
  ['Canada said, Canada added, Canadian firms paid $5m.', [['$5m', 5000000, 'CAD']]],
  ['Australia, Australia and Australian firms paid $5m, or US$3.2m.', [['$5m', 5000000, 'AUD'], ['US$3.2m', 3200000, 'USD', { equivalentOf: 'm1' }]]],
  ['In Canada, a $5m deal with US firms in America and the US.', [['$5m', 5000000, 'USD']]],
  ['Fined A$2.8m. \u2018Less than three million dollars is nothing.\u2019', [['A$2.8m', 2800000, 'AUD'], ['Less than three million dollars', 3000000, 'AUD', { qualifier: 'less_than' }]]],
  ['Fined A$2.8m and $5m. Five million dollars', [['A$2.8m', 2800000, 'AUD'], ['$5m', 5000000, 'USD'], ['Five million dollars', 5000000, 'AUD']]],
  ['¥500 for a Chinese yuan deal', [['¥500', 500, 'CNY']]],
  ['¥500 in Tokyo', [['¥500', 500, 'JPY']]],
]);

// The stage only tries starts a few tokens before a digit or amount word (REACH in index.ts): these are the longest lead-ins.
table('long lead-ins before the first value token', [
  ['The fund raised no more than U.S.$ 5 million last year.', [['no more than U.S.$ 5 million', 5000000, 'USD', { qualifier: 'at_most' }]]],
  ['Prices rose by an estimated US$.5bn over the year.', [['an estimated US$.5bn', 500000000, 'USD', { qualifier: 'estimated' }]]],
  ['no more than U.S.$ -.5 each', [['no more than U.S.$ -.5', -0.5, 'USD', { qualifier: 'at_most', per: 'unit' }]]],
  ['no more than between U.S.$ 5 and 10', [['no more than between U.S.$ 5 and 10', 5, 'USD', { upper: 10, qualifier: 'at_most' }]]],
  ['He paid no more than a dollar.', [['no more than a dollar', 1, 'USD', { qualifier: 'at_most' }]]],
]);

// Lines without a token that may name a currency are skipped whole (mayHoldCurrency): the rarer currency tokens.
table('currencies read from rarer tokens', [
  ['It cost zł 100 in the end.', [['zł 100', 100, 'PLN']]],
  ['They paid Kč 500 for it.', [['Kč 500', 500, 'CZK']]],
  ['a 10¢ stamp', [['10¢', 0.1, 'USD']]],
  ['paid 20 BTC last week', [['20 BTC', 20, 'BTC']]],
  ['It sold for ￥500 yesterday.', [['￥500', 500, 'JPY']]],
]);

table('yields nothing', [
  ['', []],
  ['the dollar rose', []],
  ['a pound of flesh', []],
  ['he won 3 games', []],
  ['millions of pounds', []],
  ['the 500 best firms', []],
  ['the Airbus A380', []],
  ['50 percent', []],
]);

describe('bare-dollar and yen rules', () => {
  it.each([
    ['No clue at all $5', 'USD'],
    ['US$5 and A$6 and $7', 'USD'],
    ['A$6 and $5', 'USD'],
    ['C$6 and $5 in Canada, Canada, Canada', 'USD'],
    ['US$5 and $6 in Australia, Australia, Australia', 'AUD'],
    ['Some New Zealand dollars in New Zealand for New Zealanders', 'NZD'],
    ['Canada Canada Canada vs America America: $5', 'USD'],
    ['Canada Canada Canada vs America: $5', 'CAD'],
  ])('%s → %s', (text, code) => {
    expect(defaultDollar(text)).toBe(code);
  });
  it.each([
    ['A$5 and three million dollars', 'AUD'],
    ['A$5, US$4 and three million dollars', 'USD'],
    ['A$5, C$4 and three million dollars', 'USD'],
    ['three million dollars', 'USD'],
  ])('the word dollars: %s → %s', (text, code) => {
    expect(homeDollar(text)).toBe(code);
  });
  it.each([
    ['Tokyo prices', 'JPY'],
    ['500 yuan', 'CNY'],
    ['China and Chinese firms', 'CNY'],
    ['China, Japan and Japanese firms', 'JPY'],
  ])('%s → %s', (text, code) => {
    expect(yenSign(text)).toBe(code);
  });
});

describe('money spans cover their digits, so the pipeline can drop the overlapping numbers', () => {
  it.each(['an estimated $10bn (£7.7bn) a year', 'Rs 40 lakh', '50p', '$3-5m', 'ten million dollars'])('%s', (text) => {
    const doc = buildDoc(text);
    const numbers = extractNumbers(doc, () => {});
    const money = extractMoney(doc, numbers, () => {});
    const left = numbers.filter((n) => !money.some((m) => m.start < n.end && n.start < m.end));
    expect(left).toEqual([]);
  });
});
