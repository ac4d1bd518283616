import { describe, expect, it } from 'vitest';
import type { RecordLists } from '../../src/eval/evaluate.ts';
import { findMisses, sentenceAround } from '../../src/eval/misses.ts';
import { at, LAB_TEXT, labGold, recordFromGold } from './fixtures.ts';

const TEXT = 'First sentence here. The minister said "no" today! Then more.\nNext line starts here.';

describe('sentenceAround', () => {
  it.each([
    ['no', 'The minister said "⟦no⟧" today!'],
    ['First', '⟦First⟧ sentence here.'],
    ['Then', '⟦Then⟧ more.'],
    ['line', 'Next ⟦line⟧ starts here.'],
    ['more.\nNext', 'Then ⟦more. ¶ Next⟧ line starts here.'],
  ])('marks %j in its sentence', (needle, expected) => {
    const { start, end } = at(TEXT, needle);
    expect(sentenceAround(TEXT, start, end)).toBe(expected);
  });

  it('crops a long sentence around the span', () => {
    const text = 'word '.repeat(200) + 'TARGET ' + 'word '.repeat(200);
    const { start, end } = at(text, 'TARGET');
    const out = sentenceAround(text, start, end);
    expect(out.length).toBeLessThan(260);
    expect(out).toContain('⟦TARGET⟧');
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('findMisses', () => {
  const gold = labGold();
  const run = (doctor: (r: RecordLists) => void) => {
    const record = recordFromGold(gold);
    doctor(record);
    return findMisses([{ id: 'lab', text: LAB_TEXT, gold, record }]);
  };

  it('yields nothing for a perfect record', () => expect(run(() => {})).toEqual([]));

  it('pairs a type error as FN and FP that name each other', () => {
    const misses = run((r) => (r.entities[2].type = 'LOC'));
    expect(misses.map((m) => [m.kind, m.type, m.text, m.note])).toEqual([
      ['FN', 'GPE', 'Toronto', `predicted LOC [${at(LAB_TEXT, 'Toronto').start}, ${at(LAB_TEXT, 'Toronto').end}) "Toronto"`],
      ['FP', 'LOC', 'Toronto', `gold GPE [${at(LAB_TEXT, 'Toronto').start}, ${at(LAB_TEXT, 'Toronto').end}) "Toronto"`],
    ]);
  });

  it('reports a wrong value as WRONG, not as a miss', () => {
    const misses = run((r) => (r.numbers[1].value = 3));
    expect(misses).toHaveLength(1);
    expect(misses[0]).toMatchObject({ kind: 'WRONG', stage: 'numbers', text: 'two', note: 'value 3 cardinal, gold 2 cardinal' });
  });

  it('orders by stage, then article, then position', () => {
    const misses = run((r) => {
      r.numbers = [];
      r.entities = [];
    });
    expect(misses.map((m) => m.stage)).toEqual(['entities', 'entities', 'entities', 'numbers', 'numbers']);
    expect(misses.slice(0, 3).map((m) => m.text)).toEqual(['Lee Wong', 'Kestrel Institute', 'Toronto']);
  });
});
