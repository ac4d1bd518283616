import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoldError, loadGold, parseGold } from '../../src/eval/gold.ts';
import { tempDir } from '../helpers.ts';
import { BUS_TEXT, busGold, FERRY_TEXT, ferryGold } from './fixtures.ts';

function writeGold(json: unknown, name = 'bus.gold.json'): string {
  const dir = tempDir('quarry-gold-');
  const path = join(dir, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GoldError);
    return (err as GoldError).problems;
  }
  throw new Error('expected a GoldError');
}

describe('loadGold', () => {
  it('loads a gold file whose spans match the article', () => {
    const path = writeGold(busGold());
    expect(loadGold(path, BUS_TEXT)).toEqual(busGold());
  });

  it('names the file, the span, and both texts when a span does not match', () => {
    const gold = busGold();
    gold.quotes[1] = { ...gold.quotes[1], start: gold.quotes[1].start + 1, end: gold.quotes[1].end + 1 };
    const path = writeGold(gold);
    const { start, end } = gold.quotes[1];
    expect(() => loadGold(path, BUS_TEXT)).toThrow(
      `${path}: quotes[1] [${start}, ${end}) is "The buses are full." but the article has ${JSON.stringify(BUS_TEXT.slice(start, end))}`,
    );
  });

  // [what is broken, how, expected problem (substring)]
  const broken: Array<[string, (g: ReturnType<typeof busGold>) => void, string]> = [
    ['entity mention', (g) => (g.entities[0].mentions[1].text = 'Ruiz!'), 'entities[0].mentions[1] ['],
    ['speaker mention', (g) => (g.quotes[0].speaker!.mention!.text = 'Mr Ruiz'), 'quotes[0].speaker.mention ['],
    ['number', (g) => (g.numbers[0].text = '2025'), 'numbers[0] ['],
    ['money', (g) => (g.money[0].text = '$13m'), 'money[0] ['],
    ['span past the end', (g) => (g.numbers[0].end = 10_000), 'runs past the end of the article'],
    ['span ending before it starts', (g) => (g.numbers[0].end = g.numbers[0].start - 1), 'ends before it starts'],
    ['dangling equivalentOf', (g) => (g.money[0].equivalentOf = 'm9'), 'equivalentOf "m9"'],
    ['id not the file name', (g) => (g.id = 'other'), 'id "other" does not match the file name'],
  ];
  it.each(broken)('reports a broken %s', (_what, breakIt, problem) => {
    const gold = busGold();
    breakIt(gold);
    const path = writeGold(gold);
    const problems = problemsOf(() => loadGold(path, BUS_TEXT));
    expect(problems.some((p) => p.includes(problem))).toBe(true);
  });

  it('lists every problem, not just the first', () => {
    const gold = busGold();
    gold.numbers[0].text = 'x';
    gold.numbers[1].text = 'y';
    expect(problemsOf(() => parseGold(gold, BUS_TEXT, 'bus.gold.json'))).toHaveLength(2);
  });

  it('reports schema errors with their path', () => {
    const gold = busGold() as unknown as { quotes: Array<{ kind: string }> };
    gold.quotes[0].kind = 'indirect';
    const problems = problemsOf(() => parseGold(gold, BUS_TEXT, 'bus.gold.json'));
    expect(problems[0]).toMatch(/^quotes\.0\.kind: /);
  });

  it('reports invalid JSON with the file name', () => {
    const path = writeGold('{ "id": ');
    expect(() => loadGold(path, BUS_TEXT)).toThrow(`${path}: not valid JSON`);
  });

  it('accepts money conversions that refer to an id', () => {
    expect(parseGold(ferryGold(), FERRY_TEXT, 'ferry.gold.json').money[1].equivalentOf).toBe('m1');
  });
});
