import { afterEach, describe, expect, it } from 'vitest';
import { extract } from '../../src/pipeline.ts';
import { ARTICLES_PER_TASK, ExtractPool, guidedTaskSize, MIN_ARTICLES_PER_TASK } from '../../src/run/pool.ts';

const article = (id: string) => ({ id, text: `Reporter ${id} said the council spent £2m on roads in Leeds.`, source: { path: 'test' }, pretty: false });

describe('ExtractPool', () => {
  const saved = { hang: process.env.QUARRY_TEST_HANG_ON, crash: process.env.QUARRY_TEST_CRASH_ON, hog: process.env.QUARRY_TEST_HOG_ON };
  afterEach(() => {
    for (const [key, value] of [['QUARRY_TEST_HANG_ON', saved.hang], ['QUARRY_TEST_CRASH_ON', saved.crash], ['QUARRY_TEST_HOG_ON', saved.hog]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('blames only the article a thread died on; the others sent with it are extracted again', async () => {
    // One thread: "a" goes alone, the rest queue and go together:
    // [b, c, d, e, f] (c hangs in the batch's first step, after b's, so b's
    // work dies with the thread), [b, d, e, f] (e crashes the thread after b
    // and d are done, before f starts), [b, d, f].
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

  it('takes a task through the stages a stage batch at a time: the records are extract()\'s, and a hang past the first batch costs one article', async () => {
    // One thread: "a0" goes alone, then a1…a19 as one task, in stage
    // batches of ARTICLES_PER_STAGE_BATCH (8): a12 hangs in the second.
    process.env.QUARRY_TEST_HANG_ON = 'a12';
    const pool = await ExtractPool.start({ threads: 1, timeoutMs: 1500, maxInFlight: 32 });
    try {
      const ids = Array.from({ length: 20 }, (_, i) => `a${i}`);
      const texts = ids.map((id, i) => `${article(id).text} "Costs rose ${i + 1}%," she said.`);
      const results = await Promise.all(ids.map((id, i) => pool.run({ ...article(id), text: texts[i] })));
      for (const [i, r] of results.entries()) {
        if (ids[i] === 'a12') {
          expect(r).toEqual({ ok: false, error: 'timed out after 1500 ms (worker terminated and replaced)' });
          continue;
        }
        if (!r.ok) throw new Error(`${ids[i]}: ${r.error}`);
        expect(JSON.parse(r.json)).toEqual(JSON.parse(JSON.stringify(extract(texts[i], { id: ids[i], source: { path: 'test' } }))));
      }
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('extracts an article that ran its thread out of memory again, alone, with a larger heap', async () => {
    // ~500 KB: past what a 64 MB heap holds beside the model (it crashed
    // there before the retry existed), within 3 × 64 MB.
    const paragraph = 'Ms Okafor said the council in Leeds had spent £2.5m on roads since 2019. "We will not stop," she said.\n\n';
    const big = { ...article('big'), text: paragraph.repeat(Math.ceil(500_000 / paragraph.length)) };
    const pool = await ExtractPool.start({ threads: 1, timeoutMs: 30_000, maxInFlight: 8, workerHeapMb: 64 });
    try {
      const [small, large, after] = await Promise.all([pool.run(article('a')), pool.run(big), pool.run(article('b'))]);
      expect([small.ok, after.ok]).toEqual([true, true]);
      if (!large.ok) throw new Error(large.error);
      const record = JSON.parse(large.json);
      expect(record.id).toBe('big');
      expect(record.stats.characters).toBe(big.text.length);
      expect(record.money.length).toBe(Math.ceil(500_000 / paragraph.length));
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('fails only the article that runs even the larger heap out of memory, naming it', async () => {
    process.env.QUARRY_TEST_HOG_ON = 'b';
    const pool = await ExtractPool.start({ threads: 1, timeoutMs: 30_000, maxInFlight: 8, workerHeapMb: 64 });
    try {
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((id) => pool.run(article(id))));
      expect(results.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
        'ok',
        expect.stringMatching(/^worker crashed: .*out of memory \(also alone with a 192 MB heap; see --worker-heap-mb\)$/),
        'ok',
        'ok',
      ]);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('guidedTaskSize', () => {
  // [articles waiting, threads, articles in the next task]
  const cases: Array<[number, number, number]> = [
    [1000, 2, 32], // plenty: full tasks
    [64, 2, 32], // exactly a full task for every thread
    [50, 2, 25], // the input ran short: an even share each
    [40, 4, 10],
    [20, 2, 10],
    [10, 2, 8], // not below the floor, so round trips stay rare
    [5, 2, 5], // never more than waits
    [1, 2, 1],
    [100, 1, 32], // one thread: as before, full tasks
    [20, 1, 20],
  ];
  it.each(cases)('%i waiting for %i threads: a task of %i', (waiting, threads, size) => {
    expect(guidedTaskSize(waiting, threads)).toBe(size);
  });

  it('hands out every waiting article, in tasks that never grow as the queue drains', () => {
    for (const threads of [1, 2, 3, 8]) {
      for (let waiting = 1; waiting <= 300; waiting++) {
        let left = waiting;
        let last = Infinity;
        while (left > 0) {
          const size = guidedTaskSize(left, threads);
          expect(size).toBeGreaterThanOrEqual(Math.min(left, MIN_ARTICLES_PER_TASK));
          expect(size).toBeLessThanOrEqual(Math.min(last, ARTICLES_PER_TASK));
          last = size;
          left -= size;
        }
        expect(left).toBe(0);
      }
    }
  });
});
