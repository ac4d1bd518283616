/**
 * The loader against both databases (issue 8): the same suite, once per
 * backend. PostgreSQL needs a server (see tests/db/backends.ts): without one
 * these tests fail, they never skip.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseSink, openDatabase, recordRows, TABLES, type LoadFailure, type Loader } from '../../src/db/index.ts';
import { exampleQueries, parseExampleQueries } from '../../src/db/queries.ts';
import { extract } from '../../src/pipeline.ts';
import type { Record } from '../../schemas/record.ts';
import { postgresBackend, sqliteBackend } from './backends.ts';
import { EXPECTED_ANSWERS, queryRecords } from './fixtures.ts';

const RECORDS = queryRecords();
const [A1, A2] = RECORDS;

const clone = (r: Record): Record => structuredClone(r);

/** Every row of every table, in a fixed order: equal snapshots mean the database did not change. */
async function snapshot(loader: Loader): Promise<{ [table: string]: unknown[] }> {
  const out: { [table: string]: unknown[] } = {};
  for (const t of TABLES) {
    const rows = await loader.query(`SELECT * FROM ${t.name}`);
    out[t.name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** The article's rows as the record mapping says they should be, values as JS numbers. */
async function storedRows(loader: Loader, id: string) {
  const out: { [table: string]: string[] } = {};
  for (const t of TABLES) {
    const cols = t.columns.map(([c]) => c);
    const key = t.name === 'articles' ? 'id' : 'article_id';
    const rows = await loader.query(`SELECT ${cols.join(', ')} FROM ${t.name} WHERE ${key} = '${id}'`);
    out[t.name] = rows
      .map((r) => JSON.stringify(t.columns.map(([c, type]) => (type !== 'text' && r[c] !== null ? Number(r[c]) : r[c]))))
      .sort();
  }
  return out;
}

function expectedRows(record: Record) {
  const rows = recordRows(record);
  return Object.fromEntries(TABLES.map((t) => [t.name, rows[t.name].map((r) => JSON.stringify(r)).sort()]));
}

async function countArticleRows(loader: Loader, id: string): Promise<number> {
  let n = 0;
  for (const t of TABLES) {
    const key = t.name === 'articles' ? 'id' : 'article_id';
    const [row] = await loader.query(`SELECT COUNT(*) AS n FROM ${t.name} WHERE ${key} = '${id}'`);
    n += Number(row.n);
  }
  return n;
}

/** PostgreSQL returns COUNT, NUMERIC and AVG as exact strings; compare them as numbers where the answer is a number. */
function normalise(rows: Array<{ [c: string]: unknown }>, expected: Array<{ [c: string]: unknown }>) {
  return rows.map((row, i) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof expected[i]?.[k] === 'number' && v !== null ? Number(v) : v])),
  );
}

describe('example queries file', () => {
  it('holds five named queries, each with its question', () => {
    const queries = exampleQueries();
    expect(queries.map((q) => q.name)).toEqual(Object.keys(EXPECTED_ANSWERS));
    for (const q of queries) {
      expect(q.question).not.toBe('');
      expect(q.sql).toMatch(/^SELECT/);
      expect(q.sql).not.toMatch(/;|^--/m);
    }
  });

  it.each([
    ['two blocks', '-- name: a\n-- question: A?\nSELECT 1;\n\n-- name: b\n-- question: B?\n-- note\nSELECT 2\nFROM t;\n', [
      { name: 'a', question: 'A?', sql: 'SELECT 1' },
      { name: 'b', question: 'B?', sql: 'SELECT 2\nFROM t' },
    ]],
    ['no blocks yields nothing', '-- just a comment\nSELECT 1;\n', []],
  ])('parses %s', (_why, text, expected) => {
    expect(parseExampleQueries(text)).toEqual(expected);
  });
});

for (const backend of [sqliteBackend(), postgresBackend('quarry_loader_test')]) {
  describe(`loading into ${backend.name}`, () => {
    let url: string;
    const open: Loader[] = [];
    const connect = async () => {
      const loader = await openDatabase(url);
      open.push(loader);
      return loader;
    };

    beforeEach(async () => {
      while (open.length) await open.pop()!.close();
      url = await backend.fresh();
    });
    afterAll(async () => {
      while (open.length) await open.pop()!.close();
      await backend.cleanup();
    });

    it('creates the tables with schema version 1, keeps them on reopen and refuses another version', async () => {
      const db = await connect();
      expect(db.kind).toBe(backend.kind);
      expect(normalise(await db.query('SELECT version FROM schema_version'), [{ version: 1 }])).toEqual([{ version: 1 }]);
      await db.close();
      const again = await connect();
      expect(await again.query('SELECT version FROM schema_version')).toHaveLength(1);
      await again.query('UPDATE schema_version SET version = 2');
      await again.close();
      await expect(openDatabase(url)).rejects.toThrow(/schema version 2.*a newer quarry made it/);
    });

    it('stores every field of a record in its columns', async () => {
      const db = await connect();
      expect(await db.load(RECORDS)).toEqual({ inserted: 4, replaced: 0, unchanged: 0, failed: 0 });
      for (const r of RECORDS) expect(await storedRows(db, r.id)).toEqual(expectedRows(r));
    });

    it('keeps amounts exact', async () => {
      const db = await connect();
      const r = clone(A2);
      r.money[0].amount = 7700000000;
      r.money[0].upper = 9007199254740991; // 2^53 - 1, the largest integer a record can hold exactly
      r.numbers[0].value = 0.1;
      await db.load([r]);
      const [m] = await db.query(`SELECT amount, upper FROM money WHERE article_id = '${r.id}'`);
      const [n] = await db.query(`SELECT value FROM numbers WHERE article_id = '${r.id}'`);
      if (backend.kind === 'postgres') {
        // NUMERIC gives back the very digits the record holds.
        expect([m.amount, m.upper, n.value]).toEqual(['7700000000', '9007199254740991', '0.1']);
      } else {
        expect([m.amount, m.upper, n.value]).toEqual([7700000000, 9007199254740991, 0.1]);
      }
    });

    it('changes nothing when the same records are loaded again', async () => {
      const db = await connect();
      await db.load(RECORDS);
      const before = await snapshot(db);
      expect(await db.load(RECORDS.map(clone))).toEqual({ inserted: 0, replaced: 0, unchanged: 4, failed: 0 });
      // loaded_at included: an unchanged record is not even rewritten.
      expect(await snapshot(db)).toEqual(before);
    });

    it.each<[string, (r: Record) => void]>([
      ['the text changed (sha256)', (r) => (r.source.sha256 = 'f'.repeat(64))],
      ['the extractor version changed', (r) => (r.extractor.version = '0.2.0')],
      ['the fingerprint changed', (r) => (r.extractor.fingerprint = '0.1.0+000000000000')],
      ['a quote was dropped', (r) => r.quotes.pop()],
      ['every list emptied', (r) => Object.assign(r, { entities: [], quotes: [], numbers: [], money: [] })],
    ])('replaces the article when %s', async (_why, change) => {
      const db = await connect();
      await db.load(RECORDS);
      const others = await snapshot(db);
      const changed = clone(A1);
      change(changed);
      expect(await db.load([changed])).toEqual({ inserted: 0, replaced: 1, unchanged: 0, failed: 0 });
      expect(await storedRows(db, A1.id)).toEqual(expectedRows(changed));
      // The other articles are untouched.
      for (const r of RECORDS.slice(1)) expect(await storedRows(db, r.id)).toEqual(expectedRows(r));
      expect(await snapshot(db)).not.toEqual(others);
    });

    // Each bad record passes the schema and fails in the database after its
    // article row and some children are written: the rollback must take all of it.
    it.each<[string, (r: Record) => void, RegExp]>([
      ['a quote id twice', (r) => r.quotes.push({ ...r.quotes[0] }), /unique|duplicate/i],
      ['an entity id twice', (r) => r.entities.push({ ...r.entities[0] }), /unique|duplicate/i],
      ['a mention that ends before it starts', (r) => (r.entities[2].mentions[0] = { text: '', start: 9, end: 3 }), /check/i],
    ])('loads nothing of a record with %s and keeps the previous version', async (_why, breakIt, error) => {
      for (const batchSize of [500, 1]) {
        url = await backend.fresh();
        const db = await connect();
        await db.load([A1]);
        const before = await snapshot(db);
        const badUpdate = clone(A1);
        badUpdate.extractor.version = '9.9.9';
        breakIt(badUpdate);
        const badNew = clone(A1);
        badNew.id = 'new-but-bad';
        breakIt(badNew);
        const failures: LoadFailure[] = [];
        const counts = await db.load([badUpdate, badNew, A2], { batchSize, onFailure: (f) => failures.push(f) });
        expect(counts).toEqual({ inserted: 1, replaced: 0, unchanged: 0, failed: 2 });
        expect(failures.map((f) => [f.index, f.id])).toEqual([
          [0, A1.id],
          [1, 'new-but-bad'],
        ]);
        for (const f of failures) expect(f.error).toMatch(error);
        expect(await storedRows(db, A1.id)).toEqual(expectedRows(A1));
        expect(await countArticleRows(db, 'new-but-bad')).toBe(0);
        expect(await storedRows(db, A2.id)).toEqual(expectedRows(A2));
        const after = await snapshot(db);
        for (const t of TABLES) expect(after[t.name]).toEqual(expect.arrayContaining(before[t.name]));
        await db.close();
        open.pop();
      }
    });

    it.each<[string, unknown, RegExp]>([
      ['a number', 42, /not a valid record/],
      ['a record without an id', (({ id: _id, ...r }) => r)(A1), /id/],
      ['a malformed sha256', { ...A1, source: { ...A1.source, sha256: 'abc' } }, /source\.sha256/],
      ['a quote naming an unknown entity', { ...A1, quotes: [{ ...A1.quotes[0], speaker: { ...A1.quotes[0].speaker!, entityId: 'e9' } }, A1.quotes[1]] }, /unknown entity e9/],
      ['a conversion of an unknown amount', { ...A1, money: [A1.money[0], { ...A1.money[1], equivalentOf: 'm7' }] }, /unknown m7/],
      ['a continuation of an unknown quote', { ...A1, quotes: [A1.quotes[0], { ...A1.quotes[1], continues: 'q5' }] }, /unknown quote q5/],
    ])('rejects %s before writing and loads the rest', async (_why, bad, error) => {
      const db = await connect();
      const failures: LoadFailure[] = [];
      const counts = await db.load([A2, bad, RECORDS[2]], { onFailure: (f) => failures.push(f) });
      expect(counts).toEqual({ inserted: 2, replaced: 0, unchanged: 0, failed: 1 });
      expect(failures).toHaveLength(1);
      expect(failures[0].index).toBe(1);
      expect(failures[0].input).toBe(bad);
      expect(failures[0].error).toMatch(error);
      expect(await countArticleRows(db, A1.id)).toBe(0);
    });

    it('takes an async iterable, and decides a second version of an id in one batch against the first', async () => {
      const db = await connect();
      const v2 = clone(A1);
      v2.extractor.version = '0.2.0';
      async function* stream() {
        yield A1;
        yield clone(A1);
        yield v2;
        yield A2;
      }
      expect(await db.load(stream(), { batchSize: 10 })).toEqual({ inserted: 2, replaced: 1, unchanged: 1, failed: 0 });
      expect(await storedRows(db, A1.id)).toEqual(expectedRows(v2));
    });

    it('runs loads started together one after the other', async () => {
      const db = await connect();
      const v2 = clone(A1);
      v2.extractor.version = '0.2.0';
      const results = await Promise.all([db.load([A1, A2], { batchSize: 1 }), db.load([v2, A2], { batchSize: 1 })]);
      expect(results).toEqual([
        { inserted: 2, replaced: 0, unchanged: 0, failed: 0 },
        { inserted: 0, replaced: 1, unchanged: 1, failed: 0 },
      ]);
      expect(await storedRows(db, A1.id)).toEqual(expectedRows(v2));
    });

    it('reports progress per batch and stops after the batch in progress when aborted', async () => {
      const db = await connect();
      const controller = new AbortController();
      const progress: number[] = [];
      const counts = await db.load(RECORDS, {
        batchSize: 2,
        signal: controller.signal,
        onProgress: (c) => {
          progress.push(c.inserted);
          controller.abort();
        },
      });
      expect(progress).toEqual([2]);
      expect(counts.inserted).toBe(2);
      const [row] = await db.query('SELECT COUNT(*) AS n FROM articles');
      expect(Number(row.n)).toBe(2);
    });

    it.each(exampleQueries().map((q) => [q.name, q] as const))('answers the example query %s', async (name, q) => {
      const db = await connect();
      await db.load(RECORDS);
      const expected = EXPECTED_ANSWERS[name];
      expect(normalise(await db.query(q.sql), expected)).toEqual(expected);
    });

    it('loads records written one at a time through a sink, in batches', async () => {
      const db = await connect();
      const failures: LoadFailure[] = [];
      const batches: number[] = [];
      const sink = databaseSink(db, { batchSize: 2, onFailure: (f) => failures.push(f), onProgress: (c) => batches.push(c.inserted) });
      const bad = { ...A2, offsets: 'bytes' };
      for (const r of [A1, A2, RECORDS[2], bad, RECORDS[3]]) await sink.write(r);
      expect(batches).toEqual([2, 3]);
      await sink.close();
      expect(sink.counts).toEqual({ inserted: 4, replaced: 0, unchanged: 0, failed: 1 });
      expect(failures.map((f) => [f.index, f.id])).toEqual([[3, A2.id]]);
      for (const r of RECORDS) expect(await storedRows(db, r.id)).toEqual(expectedRows(r));
    });

    it('loads records made by extract() with one row per item', async () => {
      const db = await connect();
      const made = [
        extract('Interpol said Albania paid $2bn, about £1.6bn, in 2024.\n"We agree," said Jane Doe.\n', { id: 'x1' }),
        extract('Nothing much happened here.\n', { id: 'x2' }),
      ];
      expect(await db.load(made)).toEqual({ inserted: 2, replaced: 0, unchanged: 0, failed: 0 });
      for (const r of made) expect(await storedRows(db, r.id)).toEqual(expectedRows(r));
      expect(await db.load(made)).toEqual({ inserted: 0, replaced: 0, unchanged: 2, failed: 0 });
    });
  });
}
