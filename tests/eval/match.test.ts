import { describe, expect, it } from 'vitest';
import { matchItems, type Item, type MatchMode } from '../../src/eval/match.ts';

const it_ = (start: number, end: number, type = 'A'): Item => ({ start, end, type });

// [name, gold, pred, mode, expected pairs [gold, pred], missed gold, spurious pred]
const cases: Array<[string, Item[], Item[], MatchMode, Array<[number, number]>, number[], number[]]> = [
  ['exact span and type matches strictly', [it_(0, 5)], [it_(0, 5)], 'strict', [[0, 0]], [], []],
  ['type mismatch never matches strictly', [it_(0, 5, 'PERSON')], [it_(0, 5, 'ORG')], 'strict', [], [0], [0]],
  ['type mismatch never matches leniently', [it_(0, 5, 'PERSON')], [it_(0, 5, 'ORG')], 'lenient', [], [0], [0]],
  ['type mismatch matches by span', [it_(0, 5, 'PERSON')], [it_(0, 5, 'ORG')], 'span', [[0, 0]], [], []],
  ['boundary error fails strict', [it_(4, 16)], [it_(0, 16)], 'strict', [], [0], [0]],
  ['boundary error passes lenient', [it_(4, 16)], [it_(0, 16)], 'lenient', [[0, 0]], [], []],
  ['touching spans do not overlap', [it_(0, 5)], [it_(5, 9)], 'lenient', [], [0], [0]],
  ['duplicate prediction: one is a false positive', [it_(0, 5)], [it_(0, 5), it_(0, 5)], 'strict', [[0, 0]], [], [1]],
  ['one long prediction cannot cover two gold items', [it_(0, 5), it_(6, 10)], [it_(0, 10)], 'lenient', [[0, 0]], [1], []],
  ['exact pair is preferred over a larger overlap', [it_(0, 10), it_(0, 4)], [it_(0, 4), it_(1, 9)], 'lenient', [[0, 1], [1, 0]], [], []],
  // Greedy on gold 0 would take pred 0 (bigger overlap) and strand gold 1; augmenting paths keep both.
  ['maximum matching rearranges a greedy choice', [it_(0, 10), it_(8, 12)], [it_(2, 10), it_(0, 3)], 'lenient', [[0, 1], [1, 0]], [], []],
  ['nothing predicted: all gold missed', [it_(0, 3), it_(4, 8)], [], 'lenient', [], [0, 1], []],
  ['nothing in gold: all predictions spurious', [], [it_(0, 3)], 'strict', [], [], [0]],
  ['empty input yields nothing', [], [], 'lenient', [], [], []],
];

describe('matchItems', () => {
  it.each(cases)('%s', (_name, gold, pred, mode, pairs, missed, spurious) => {
    const m = matchItems(gold, pred, mode);
    expect(m.pairs).toEqual(pairs);
    expect(m.missed).toEqual(missed);
    expect(m.spurious).toEqual(spurious);
  });

  it('is one-to-one: every index appears at most once', () => {
    const gold = [it_(0, 10), it_(5, 15), it_(12, 20), it_(30, 31)];
    const pred = [it_(0, 20), it_(4, 6), it_(14, 16), it_(30, 31), it_(30, 31)];
    const m = matchItems(gold, pred, 'lenient');
    const g = m.pairs.map(([a]) => a);
    const p = m.pairs.map(([, b]) => b);
    expect(new Set(g).size).toBe(g.length);
    expect(new Set(p).size).toBe(p.length);
    expect(m.pairs.length + m.missed.length).toBe(gold.length);
    expect(m.pairs.length + m.spurious.length).toBe(pred.length);
    expect(m.pairs.length).toBe(4);
  });
});
