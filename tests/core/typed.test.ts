import { describe, expect, it } from 'vitest';
import { grown } from '../../src/core/typed.ts';

describe('grown', () => {
  it('keeps the contents and type, and returns the same array when it is long enough', () => {
    const a = new Float64Array([1.5, 2.5]);
    expect(grown(a, 2)).toBe(a);
    const b = grown(a, 3);
    expect(b).toBeInstanceOf(Float64Array);
    expect(b.length).toBeGreaterThanOrEqual(3);
    expect([...b.subarray(0, 2)]).toEqual([1.5, 2.5]);
  });
});
