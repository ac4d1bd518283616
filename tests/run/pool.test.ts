import { afterEach, describe, expect, it } from 'vitest';
import { ExtractPool } from '../../src/run/pool.ts';

const article = (id: string) => ({ id, text: `Reporter ${id} said the council spent £2m on roads in Leeds.`, source: { path: 'test' }, pretty: false });

describe('ExtractPool', () => {
  const saved = { hang: process.env.QUARRY_TEST_HANG_ON, crash: process.env.QUARRY_TEST_CRASH_ON };
  afterEach(() => {
    for (const [key, value] of [['QUARRY_TEST_HANG_ON', saved.hang], ['QUARRY_TEST_CRASH_ON', saved.crash]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('blames only the article a thread died on; the others sent with it are extracted again', async () => {
    // One thread: "a" goes alone, the rest queue and go two to a task: [b, c]
    // (c hangs after b finished, so b's result dies with the thread), [b, d],
    // [e, f] (e crashes the thread before f starts), [f].
    process.env.QUARRY_TEST_HANG_ON = 'c';
    process.env.QUARRY_TEST_CRASH_ON = 'e';
    const pool = await ExtractPool.start({ threads: 1, timeoutMs: 1500, maxInFlight: 8 });
    try {
      const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
      const results = await Promise.all(ids.map((id) => pool.run(article(id))));
      const outcome = Object.fromEntries(ids.map((id, i) => [id, results[i].ok ? 'ok' : results[i].error]));
      expect(outcome).toEqual({
        a: 'ok',
        b: 'ok',
        c: 'timed out after 1500 ms (worker terminated and replaced)',
        d: 'ok',
        e: expect.stringMatching(/^worker crashed: test crash on e/),
        f: 'ok',
      });
      for (const [i, r] of results.entries()) if (r.ok) expect(JSON.parse(r.json).id).toBe(ids[i]);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
