import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../src/core/doc.ts';
import { extractNumbers } from '../../src/stages/numbers/index.ts';
import { lexDoc } from '../../src/stages/numbers/lex.ts';
import { stageTable } from '../helpers.ts';

/** What a row expects of one number; `upper`/`qualifier` absent means the item must not have them. */
type E = [text: string, value: number, kind: string, extra?: { upper?: number; qualifier?: string }];

function run(input: string) {
  const doc = buildDoc(input);
  const warnings: string[] = [];
  const items = extractNumbers(doc, (code) => warnings.push(code));
  for (const n of items) expect(input.slice(n.start, n.end)).toBe(n.text);
  items.forEach((n, k) => expect(n.id).toBe(`n${k + 1}`));
  for (let k = 1; k < items.length; k++) expect(items[k].start).toBeGreaterThanOrEqual(items[k - 1].start);
  return items.map((n) => {
    const row: E = [n.text, n.value, n.kind];
    const extra: { upper?: number; qualifier?: string } = {};
    if (n.upper !== undefined) extra.upper = n.upper;
    if (n.qualifier !== undefined) extra.qualifier = n.qualifier;
    if (Object.keys(extra).length) row.push(extra);
    return row;
  });
}

const table = stageTable<E>(run);

table('digits and separators', [
  ['About 6,000 people came.', [['About 6,000', 6000, 'cardinal', { qualifier: 'about' }]]],
  ['a crowd of 6 000 fans', [['6 000', 6000, 'cardinal']]],
  ['It weighed 1.5 tonnes.', [['1.5', 1.5, 'cardinal']]],
  ['1,234,567', [['1,234,567', 1234567, 'cardinal']]],
  ['1 234 567', [['1 234 567', 1234567, 'cardinal']]],
  ['.5', [['.5', 0.5, 'cardinal']]],
  ['1,000,000.25', [['1,000,000.25', 1000000.25, 'cardinal']]],
  ['10, 20 and 30', [['10', 10, 'cardinal'], ['20', 20, 'cardinal'], ['30', 30, 'cardinal']]],
  ['1e10', [['1e10', 10000000000, 'cardinal']]],
  ['0.1 of it', [['0.1', 0.1, 'cardinal']]],
  ['6 . 2 per cent', [['6 . 2 per cent', 6.2, 'percent']]],
]);

table('number words', [
  ['two', [['two', 2, 'cardinal']]],
  ['twenty-one', [['twenty-one', 21, 'cardinal']]],
  ['a hundred', [['a hundred', 100, 'cardinal']]],
  ['one hundred and twenty three', [['one hundred and twenty three', 123, 'cardinal']]],
  ['three and a half', [['three and a half', 3.5, 'cardinal']]],
  ['2 and a half', [['2 and a half', 2.5, 'cardinal']]],
  ['a dozen eggs', [['a dozen', 12, 'cardinal']]],
  ['half a million', [['half a million', 500000, 'cardinal']]],
  ['half a dozen', [['half a dozen', 6, 'cardinal']]],
  ['two thousand and five', [['two thousand and five', 2005, 'cardinal']]],
  ['nine hundred ninety nine', [['nine hundred ninety nine', 999, 'cardinal']]],
  ['twelve point five', [['twelve point five', 12.5, 'cardinal']]],
  ['a couple of weeks', [['a couple', 2, 'cardinal']]],
  ['zero', [['zero', 0, 'cardinal']]],
  ['two dozen', [['two dozen', 24, 'cardinal']]],
  ['five hundred thousand', [['five hundred thousand', 500000, 'cardinal']]],
]);

table('mixed digits and magnitudes', [
  ['1.5 million', [['1.5 million', 1500000, 'cardinal']]],
  ['3 hundred', [['3 hundred', 300, 'cardinal']]],
  ['7.7bn', [['7.7bn', 7700000000, 'cardinal']]],
  ['1.15m people', [['1.15m', 1150000, 'cardinal']]],
  ['1.5k', [['1.5k', 1500, 'cardinal']]],
  ['2 and a half million', [['2 and a half million', 2500000, 'cardinal']]],
  ['one point five billion', [['one point five billion', 1500000000, 'cardinal']]],
  ['three and a half million', [['three and a half million', 3500000, 'cardinal']]],
  ['40 lakh', [['40 lakh', 4000000, 'cardinal']]],
  ['0.1 million', [['0.1 million', 100000, 'cardinal']]],
  ['the 100m sprint', [['100', 100, 'cardinal']]],
  ['ran the 100m in 9.83 seconds', [['100', 100, 'cardinal'], ['9.83', 9.83, 'cardinal']]],
  ['the 5m people who voted', [['5m', 5000000, 'cardinal']]],
]);

table('ordinals', [
  ['the first time', [['first', 1, 'ordinal']]],
  ['the 21st century', [['21st', 21, 'ordinal']]],
  ['twenty-first', [['twenty-first', 21, 'ordinal']]],
  ['the hundredth anniversary', [['hundredth', 100, 'ordinal']]],
  ['one hundredth of a second', [['one hundredth', 0.01, 'fraction']]],
  ['a second referendum', [['second', 2, 'ordinal']]],
  ['finished 3rd', [['3rd', 3, 'ordinal']]],
  ['the 1,000th visitor', [['1,000th', 1000, 'ordinal']]],
  ['the thirtieth anniversary', [['thirtieth', 30, 'ordinal']]],
  ['one hundred and first', [['one hundred and first', 101, 'ordinal']]],
]);

const THIRD = 1 / 3;
table('fractions', [
  ['a third of voters', [['a third', THIRD, 'fraction']]],
  ['two-thirds of them', [['two-thirds', 2 / 3, 'fraction']]],
  ['¾ of the way', [['¾', 0.75, 'fraction']]],
  ['three quarters', [['three quarters', 0.75, 'fraction']]],
  ['2 1/2', [['2 1/2', 2.5, 'fraction']]],
  ['3/4 of staff', [['3/4', 0.75, 'fraction']]],
  ['a quarter of', [['a quarter', 0.25, 'fraction']]],
  ['cases rose by a third last week', [['a third', 1 / 3, 'fraction']]],
  ['half of all adults', [['half', 0.5, 'fraction']]],
  ['2½ hours', [['2½', 2.5, 'fraction']]],
  ['one hundred and three and two thirds', [['one hundred and three and two thirds', 103 + 2 / 3, 'cardinal']]],
  ['prices were about a fifth below', [['about a fifth', 0.2, 'fraction', { qualifier: 'about' }]]],
]);

table('negatives and signed changes', [
  ['fell to -3.2 in May', [['-3.2', -3.2, 'cardinal']]],
  ['minus 5', [['minus 5', -5, 'cardinal']]],
  ['minus five', [['minus five', -5, 'cardinal']]],
  ['-5', [['-5', -5, 'cardinal']]],
  ['a change of +5%', [['+5%', 5, 'percent']]],
  ['−12 degrees', [['−12', -12, 'cardinal']]],
  ['plus or minus 3 percentage points', [['3 percentage points', 3, 'percentage_points']]],
]);

table('percentages', [
  ['a 12% rise', [['12%', 12, 'percent']]],
  ['12 per cent', [['12 per cent', 12, 'percent']]],
  ['12 percent', [['12 percent', 12, 'percent']]],
  ['twelve per cent', [['twelve per cent', 12, 'percent']]],
  ['2 percentage points', [['2 percentage points', 2, 'percentage_points']]],
  ['0.25 percentage point', [['0.25 percentage point', 0.25, 'percentage_points']]],
  ['12 %', [['12 %', 12, 'percent']]],
  ['up 1.5pc', [['1.5pc', 1.5, 'percent']]],
  ['a lead of 9 points', [['9', 9, 'cardinal']]],
  ['down 2 percentage points, from 9 points', [['2 percentage points', 2, 'percentage_points'], ['9 points', 9, 'percentage_points']]],
]);

table('ranges', [
  ['10-12 people', [['10-12', 10, 'cardinal', { upper: 12 }]]],
  ['10–12 people', [['10–12', 10, 'cardinal', { upper: 12 }]]],
  ['between 10 and 12', [['between 10 and 12', 10, 'cardinal', { upper: 12 }]]],
  ['10 to 12 people', [['10 to 12', 10, 'cardinal', { upper: 12 }]]],
  ['two to three weeks', [['two to three', 2, 'cardinal', { upper: 3 }]]],
  ['two or three', [['two', 2, 'cardinal'], ['three', 3, 'cardinal']]],
  ['aged 18-24', [['18-24', 18, 'cardinal', { upper: 24 }]]],
  ['10 to 12%', [['10 to 12%', 10, 'percent', { upper: 12 }]]],
  ['10%-12%', [['10%-12%', 10, 'percent', { upper: 12 }]]],
  ['between 2% and 3%', [['between 2% and 3%', 2, 'percent', { upper: 3 }]]],
  ['3-5 million people', [['3-5 million', 3000000, 'cardinal', { upper: 5000000 }]]],
  ['the 2024-25 season', [['2024-25', 2024, 'year', { upper: 2025 }]]],
  ['from 2019 to 2024', [['2019 to 2024', 2019, 'year', { upper: 2024 }]]],
  ['rose from 10 to 12', [['10', 10, 'cardinal'], ['12', 12, 'cardinal']]],
  ['it rose 5 to 10', [['5', 5, 'cardinal'], ['10', 10, 'cardinal']]],
  ['sales grew 10 to 12 per cent', [['10 to 12 per cent', 10, 'percent', { upper: 12 }]]],
  ['the FTSE 100 fell 1.2% to 7,500 points', [['1.2%', 1.2, 'percent'], ['7,500', 7500, 'cardinal']]],
  ['a 50-50 split', []],
  ['up to 10', [['up to 10', 10, 'cardinal', { qualifier: 'at_most' }]]],
]);

table('years', [
  ['Since winning the election in 2024, he', [['2024', 2024, 'year']]],
  ['2024\u2019s budget', [['2024', 2024, 'year']]],
  ['in mid-2024', [['2024', 2024, 'year']]],
  ['2000 people marched', [['2000', 2000, 'cardinal']]],
  ['more than 2000 were there', [['more than 2000', 2000, 'cardinal', { qualifier: 'more_than' }]]],
  ['By 2030 the plan ends', [['2030', 2030, 'year']]],
  ['on 31 March 2024', [['2024', 2024, 'year']]],
  ['March 2024', [['2024', 2024, 'year']]],
  ['2,024 people', [['2,024', 2024, 'cardinal']]],
  ['in 1850', [['1850', 1850, 'year']]],
  ['the 2024 election', [['2024', 2024, 'year']]],
]);

table('vague counts', [
  ['thousands of migrants', [['thousands', 1000, 'approximate']]],
  ['dozens of people', [['dozens', 12, 'approximate']]],
  ['hundreds were hurt', [['hundreds', 100, 'approximate']]],
  ['millions of viewers', [['millions', 1000000, 'approximate']]],
  ['tens of thousands of people', [['tens of thousands', 10000, 'approximate']]],
  ['hundreds of thousands', [['hundreds of thousands', 100000, 'approximate']]],
  ['several hundred', [['several hundred', 100, 'approximate']]],
  ['scores of homes', [['scores', 20, 'approximate']]],
]);

table('qualifiers', [
  ['more than 6,000 people', [['more than 6,000', 6000, 'cardinal', { qualifier: 'more_than' }]]],
  ['over 40 countries', [['over 40', 40, 'cardinal', { qualifier: 'more_than' }]]],
  ['above 5%', [['above 5%', 5, 'percent', { qualifier: 'more_than' }]]],
  ['less than 10', [['less than 10', 10, 'cardinal', { qualifier: 'less_than' }]]],
  ['fewer than 20', [['fewer than 20', 20, 'cardinal', { qualifier: 'less_than' }]]],
  ['under 18', [['under 18', 18, 'cardinal', { qualifier: 'less_than' }]]],
  ['below 2%', [['below 2%', 2, 'percent', { qualifier: 'less_than' }]]],
  ['at least 5', [['at least 5', 5, 'cardinal', { qualifier: 'at_least' }]]],
  ['no more than 3', [['no more than 3', 3, 'cardinal', { qualifier: 'at_most' }]]],
  ['at most 7', [['at most 7', 7, 'cardinal', { qualifier: 'at_most' }]]],
  ['about 40', [['about 40', 40, 'cardinal', { qualifier: 'about' }]]],
  ['around 300', [['around 300', 300, 'cardinal', { qualifier: 'about' }]]],
  ['roughly 8%', [['roughly 8%', 8, 'percent', { qualifier: 'about' }]]],
  ['some 40 countries', [['some 40', 40, 'cardinal', { qualifier: 'about' }]]],
  ['approximately 9', [['approximately 9', 9, 'cardinal', { qualifier: 'about' }]]],
  ['nearly 300', [['nearly 300', 300, 'cardinal', { qualifier: 'nearly' }]]],
  ['almost half of them', [['almost half', 0.5, 'fraction', { qualifier: 'nearly' }]]],
  ['an estimated 4,000 people', [['an estimated 4,000', 4000, 'cardinal', { qualifier: 'estimated' }]]],
  ['more than half', [['more than half', 0.5, 'fraction', { qualifier: 'more_than' }]]],
  ['raises of 11% over four years', [['11%', 11, 'percent'], ['four', 4, 'cardinal']]],
  ['a drama about three generations', [['three', 3, 'cardinal']]],
  ['reinvest about half of the fee', [['about half', 0.5, 'fraction', { qualifier: 'about' }]]],
  ['half the street was queuing', [['half', 0.5, 'fraction']]],
  ['bought the club in 1986 and sold it', [['1986', 1986, 'year']]],
  ['cut by 5 to 20', [['5', 5, 'cardinal'], ['20', 20, 'cardinal']]],
  ['jailed for over 10 years', [['over 10', 10, 'cardinal', { qualifier: 'more_than' }]]],
]);

table('numbers inside words', [
  ['a two-day summit', [['two', 2, 'cardinal']]],
  ['a 24-hour strike', [['24', 24, 'cardinal']]],
  ['open 24hrs a day', [['24', 24, 'cardinal']]],
  ['a 10-year-old boy', [['10', 10, 'cardinal']]],
  ['a three-year deal', [['three', 3, 'cardinal']]],
  ['the first-ever summit', [['first', 1, 'ordinal']]],
]);

table('not quantities: dates and times', [
  ['on 31 March', []],
  ['on March 31', []],
  ['on 31st March', []],
  ['the 4th of July', []],
  ['at 10:30', []],
  ['at 10:30am', []],
  ['on 3/4/2024', []],
  ['on 2024-03-31', []],
  ['at 10am', []],
  ['at 7 p.m.', []],
  ['at 6 o\u2019clock', []],
  ['on 19 and 20 April', []],
  ['left home at six and walked', []],
  ['in the 1990s', []],
  ['the late \u201990s', []],
]);

table('not quantities: phones, scores, names, streets', [
  ['Call 020 7946 0958 now', []],
  ['call +44 20 7946 0958', []],
  ['call (555) 123-4567', []],
  ['please call 101', []],
  ['City won 3-1 on Sunday', []],
  ['a 2-2 draw', []],
  ['the Senate passed it 68-32', []],
  ['the Senate 68-32 vote', []],
  ['a 222-213 majority', []],
  ['the Boeing 737 crashed', []],
  ['the new iPhone 15', []],
  ['COVID-19 cases', []],
  ['F-35 jets', []],
  ['the G7 summit', []],
  ['at 10 Downing Street', []],
  ['Flight 2218 to Phoenix', []],
  ['World War Two', []],
  ['Article 50', []],
  ['pupils in Year 6 were weighed', []],
  ['version 1.2.3', []],
  ['no one came', []],
  ['wait a second.', []],
  ['people who never get one.', []],
  ['the First Minister spoke', []],
  ['a 24/7 service', []],
  ['the 9/11 attacks', []],
  ['see https://example.org/news/123456 or mail bob99@example.com', []],
  ['a 3D film on a 5G phone', []],
  ['a 4x4 car', []],
  ['the constructor of toString and valueOf', []],
]);

table('counts next to names stay counts', [
  ['Labour won 412 seats', [['412', 412, 'cardinal']]],
  ['In 2019 Labour had 202 seats', [['2019', 2019, 'year'], ['202', 202, 'cardinal']]],
  ['one of the best', [['one', 1, 'cardinal']]],
  ['Three people died', [['Three', 3, 'cardinal']]],
  ['Including 20 children, the group left.', [['20', 20, 'cardinal']]],
  ['Killing 20 people, the storm moved on.', [['20', 20, 'cardinal']]],
  ['the US 10-year yield', [['10', 10, 'cardinal']]],
  ['Boeing 737 was grounded.', []],
  ['UK 10 years ago', [['10', 10, 'cardinal']]],
]);

table('Recognizers-Text style (lower case, tokenised)', [
  ['one over four', [['one over four', 0.25, 'fraction']]],
  ['3 over 5', [['3 over 5', 0.6, 'fraction']]],
  ['>30', [['>30', 30, 'cardinal', { qualifier: 'more_than' }]]],
  ['≥ 5%', [['≥ 5%', 5, 'percent', { qualifier: 'at_least' }]]],
  ['2.5^-1', [['2.5^-1', 0.4, 'cardinal']]],
  ['-127.32e13', [['-127.32e13', -1273200000000000, 'cardinal']]],
  ['12.32e+14', [['12.32e+14', 1232000000000000, 'cardinal']]],
  ['2.33 k', [['2.33 k', 2330, 'cardinal']]],
  ['3 dozen', [['3 dozen', 36, 'cardinal']]],
  ['0.23456000', [['0.23456000', 0.23456, 'cardinal']]],
  ['180.25ml liquid', [['180.25', 180.25, 'cardinal']]],
  ['twenty second', [['twenty second', 22, 'ordinal']]],
  ['one hundred percent', [['one hundred percent', 100, 'percent']]],
  ['the stock rose 5 . 2 %', [['5 . 2 %', 5.2, 'percent']]],
  ['three halves', [['three halves', 1.5, 'fraction']]],
  ['a hundredth', [['a hundredth', 0.01, 'fraction']]],
  ['four hundred and twenty seven thousand', [['four hundred and twenty seven thousand', 427000, 'cardinal']]],
  ['1/3 percent', [['1/3 percent', 1 / 3, 'percent']]],
]);

table('qualifiers after the number', [
  ['30 or more people', [['30 or more', 30, 'cardinal', { qualifier: 'at_least' }]]],
  ['20 or fewer', [['20 or fewer', 20, 'cardinal', { qualifier: 'at_most' }]]],
  ['aged 18 and over', [['18 and over', 18, 'cardinal', { qualifier: 'at_least' }]]],
  ['50 or so', [['50 or so', 50, 'cardinal', { qualifier: 'about' }]]],
  ['a 100-plus crowd', [['100-plus', 100, 'cardinal', { qualifier: 'at_least' }]]],
  ['500+ staff', [['500+', 500, 'cardinal', { qualifier: 'at_least' }]]],
  ['30 or more than 40', [['30', 30, 'cardinal'], ['more than 40', 40, 'cardinal', { qualifier: 'more_than' }]]],
]);

table('more Recognizers-Text number forms', [
  ['10G', [['10G', 10000000000, 'cardinal']]],
  ['- 10  k', [['- 10  k', -10000, 'cardinal']]],
  ['- 1 4/5', [['- 1 4/5', -1.8, 'fraction']]],
  ['-4/5', [['-4/5', -0.8, 'fraction']]],
  ['a trillionth', [['a trillionth', 1e-12, 'fraction']]],
  ['a hundred trillionths', [['a hundred trillionths', 1e-10, 'fraction']]],
  ['nought point five', [['nought point five', 0.5, 'cardinal']]],
  ['twenty-one fifths', [['twenty-one fifths', 4.2, 'fraction']]],
  ['40 000 is the same as 40,000', [['40 000', 40000, 'cardinal'], ['40,000', 40000, 'cardinal']]],
  ['1, 234, 567', [['1', 1, 'cardinal'], ['234', 234, 'cardinal'], ['567', 567, 'cardinal']]],
]);

table('yields nothing', [
  ['', []],
  ['The minister spoke at length.', []],
  ['a handful of protesters', []],
  ['someone, anyone', []],
  ['a few people', []],
]);

// The stage only tries starts a few tokens before a digit or number word (REACH in index.ts): these are the longest lead-ins.
table('long lead-ins before the first value token', [
  ['They expect no fewer than between -.5 and 1 per cent growth.', [['no fewer than between -.5 and 1 per cent', -0.5, 'percent', { upper: 1, qualifier: 'at_least' }]]],
  ['It is expected to be in excess of -.75 on average.', [['in excess of -.75', -0.75, 'cardinal', { qualifier: 'more_than' }]]],
  ['They walked in excess of a couple of miles.', [['in excess of a couple', 2, 'cardinal', { qualifier: 'more_than' }]]],
  ['up to a few hundred', [['up to a few hundred', 100, 'approximate', { qualifier: 'at_most' }]]],
  ['no fewer than between a lot and more', []],
]);

describe('the seed article', () => {
  it('finds the numbers the issue names', () => {
    const text =
      '\nPeople smugglers have exploited policing to smuggle thousands of illegal migrants into the UK.\n' +
      'He spoke at the first ever Organised Immigration Crime Summit in London – attended by more than 40 countries.\n' +
      'Since winning the election in 2024, Sir Keir has pushed for it.\n' +
      'But more than 6,000 people have crossed the Channel so far in 2025, making it a record.\n' +
      'Since July, the government said more than 24,000 individuals had been deported.\n' +
      'Launching a two-day summit at Lancaster House, he spoke.\n';
    expect(run(text)).toEqual([
      ['thousands', 1000, 'approximate'],
      ['first', 1, 'ordinal'],
      ['more than 40', 40, 'cardinal', { qualifier: 'more_than' }],
      ['2024', 2024, 'year'],
      ['more than 6,000', 6000, 'cardinal', { qualifier: 'more_than' }],
      ['2025', 2025, 'year'],
      ['more than 24,000', 24000, 'cardinal', { qualifier: 'more_than' }],
      ['two', 2, 'cardinal'],
    ]);
  });
});

describe('values too large for a double', () => {
  it('are left out with a warning instead of breaking the record', () => {
    const text = 'a value of 9e299 trillion';
    const warnings: string[] = [];
    const items = extractNumbers(buildDoc(text), (code) => warnings.push(code));
    expect(items).toEqual([]);
    expect(warnings).toEqual(['number-out-of-range']);
  });
});

describe('extractNumbers on a long run without a space', () => {
  it('stays linear: a 66,000-character blob next to a URL does not stall the URL and e-mail mask', () => {
    const text = `${'data:image/png;base64,' + 'iVBORw0KGgo'.repeat(6000)}\nSee https://example.org/a for the 7 charts, or write to press@example.org.`;
    const doc = buildDoc(text);
    const t0 = performance.now();
    const found = extractNumbers(doc, () => {});
    expect(performance.now() - t0).toBeLessThan(500);
    expect(found.map((n) => [n.text, n.value])).toEqual([['7', 7]]);
  });
});

describe('lexDoc', () => {
  it('lexes a Doc once for both stages, even with other Docs lexed in between (a batch)', () => {
    const docs = ['It cost £7.7bn.', 'Some 6,000 people came.', 'Two-thirds agreed.'].map(buildDoc);
    const first = docs.map(lexDoc);
    // As in extractBatch: every article's numbers, then every article's money.
    docs.forEach((doc, i) => expect(lexDoc(doc)).toBe(first[i]));
    expect(first[0].flat().map((t) => t.s)).toEqual(['It', 'cost', '£', '7', '.', '7', 'bn', '.']);
  });

  it('gives two Docs of the same text their own tokens', () => {
    const [a, b] = [buildDoc('Up 5%.'), buildDoc('Up 5%.')];
    expect(lexDoc(b)).not.toBe(lexDoc(a));
    expect(lexDoc(b)).toEqual(lexDoc(a));
  });
});
