import { describe, expect, it } from 'vitest';
import { key2, keyFrom, prefixState, stateA, stateB } from '../../src/ner/hash.ts';

describe('keyFrom', () => {
  // [template, first, second]: a key built in two steps equals key2 of both strings.
  const rows: Array<[number, string, string]> = [
    [15, 'the', 'bank'],
    [16, '<s>', 'Reuters'],
    [15, '', 'x'],
    [16, 'zürich', '</s>'],
  ];
  it.each(rows)('template %i, %j then %j equals key2', (t, s1, s2) => {
    prefixState(t, s1);
    expect(keyFrom(stateA(), stateB(), s2)).toBe(key2(t, s1, s2));
  });
  it('differs from key2 with the strings swapped (yields no accidental match)', () => {
    prefixState(15, 'bank');
    expect(keyFrom(stateA(), stateB(), 'the')).not.toBe(key2(15, 'the', 'bank'));
  });
});
