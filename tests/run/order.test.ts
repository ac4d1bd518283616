import { describe, expect, it } from 'vitest';
import { Reorderer } from '../../src/run/order.ts';

describe('Reorderer', () => {
  it('releases results in sequence order whatever order they finish in', async () => {
    const released: number[] = [];
    const order = new Reorderer<number>(async (batch) => {
      await new Promise((r) => setTimeout(r, 1));
      released.push(...batch);
    });
    const seqs = Array.from({ length: 200 }, (_, i) => i);
    // A fixed shuffle (deterministic), so finishing order is far from input order.
    const shuffled = [...seqs].sort((a, b) => ((a * 7919) % 211) - ((b * 7919) % 211));
    expect(shuffled).not.toEqual(seqs);
    for (const s of shuffled) order.put(s, s);
    await order.drained();
    expect(released).toEqual(seqs);
    expect(order.released).toBe(200);
    expect(order.buffered).toBe(0);
  });

  it('holds back everything after a gap', async () => {
    const released: string[] = [];
    const order = new Reorderer<string>(async (batch) => void released.push(...batch));
    order.put(1, 'b');
    order.put(2, 'c');
    await order.drained();
    expect(released).toEqual([]);
    expect(order.buffered).toBe(2);
    order.put(0, 'a');
    await order.drained();
    expect(released).toEqual(['a', 'b', 'c']);
  });

  it('reports a failed write from drained()', async () => {
    const order = new Reorderer<number>(async () => {
      throw new Error('disk full');
    });
    order.put(0, 0);
    await expect(order.drained()).rejects.toThrow('disk full');
  });
});
