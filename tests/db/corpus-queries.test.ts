/**
 * The example queries on the corpus (issue 8), on both databases: every
 * corpus article becomes a record made from its hand-checked gold, and each
 * query's SQL answer must equal the same question answered in plain
 * TypeScript over those records. The corpus keeps growing, so the answers are
 * computed, not written down; tests/db/loader.test.ts pins hand-worked answers
 * on small articles.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Loader } from '../../src/db/index.ts';
import { exampleQueries } from '../../src/db/queries.ts';
import { buildDoc } from '../../src/core/doc.ts';
import { sha256Hex, validateRecord } from '../../src/pipeline.ts';
import { EXTRACTOR_VERSION } from '../../src/version.ts';
import { GoldSchema } from '../../schemas/gold.ts';
import type { Record } from '../../schemas/record.ts';
import { postgresBackend, sqliteBackend } from './backends.ts';

const CORPUS = 'corpus';
const PER = new Set(['year', 'month', 'week', 'day', 'hour', 'person', 'unit']);

/** A gold file as the record quarry would write if it were perfect (ids in order, speakers linked by name). */
function goldRecord(id: string): Record {
  const text = readFileSync(join(CORPUS, `${id}.txt`), 'utf8');
  const gold = GoldSchema.parse(JSON.parse(readFileSync(join(CORPUS, `${id}.gold.json`), 'utf8')));
  const byStart = <T extends { start: number }>(items: T[]) => [...items].sort((a, b) => a.start - b.start);
  const entities = gold.entities
    .map((e) => ({ type: e.type, name: e.name, mentions: byStart(e.mentions) }))
    .sort((a, b) => a.mentions[0].start - b.mentions[0].start)
    .map((e, i) => ({ id: `e${i + 1}`, ...e }));
  const entityId = (name: string | null) => entities.find((e) => e.name === name)?.id ?? null;
  const money = byStart(gold.money);
  const moneyId = new Map(money.map((m, i) => [m.id, `m${i + 1}`]));
  const doc = buildDoc(text);
  return validateRecord(
    {
      schemaVersion: 1,
      id,
      source: { path: `${CORPUS}/${id}.txt`, sha256: sha256Hex(text) },
      extractor: { name: 'quarry', version: EXTRACTOR_VERSION },
      offsets: 'utf16',
      stats: { characters: text.length, paragraphs: doc.paragraphs.length, sentences: doc.sentences.length, tokens: doc.tokens.length },
      entities,
      quotes: byStart(gold.quotes).map((q, i) => ({
        id: `q${i + 1}`,
        text: q.text,
        start: q.start,
        end: q.end,
        kind: q.kind,
        speaker: q.speaker && { name: q.speaker.name, entityId: entityId(q.speaker.name), mention: q.speaker.mention ?? null },
        cue: null,
      })),
      numbers: byStart(gold.numbers).map((n, i) => ({ ...n, id: `n${i + 1}` })),
      money: money.map(({ id: _id, per, equivalentOf, ...m }, i) => ({
        ...m,
        id: `m${i + 1}`,
        // The gold allows any `per` word; the record only its enum.
        ...(per && PER.has(per) && { per }),
        ...(equivalentOf && moneyId.has(equivalentOf) && { equivalentOf: moneyId.get(equivalentOf) }),
      })),
      warnings: [],
    },
    text,
  );
}

const ids = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.gold.json'))
  .map((f) => f.slice(0, -'.gold.json'.length))
  .sort();
const records = ids.map(goldRecord);

type Row = { [column: string]: unknown };
/** JavaScript's < on strings is the C collation .ci/postgres.sh gives its cluster and SQLite's default BINARY. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each example question answered over the records without SQL. */
const REFERENCE: { [name: string]: (rs: Record[]) => Row[] } = {
  quoted_most(rs) {
    const by = new Map<string, { quotes: number; articles: Set<string> }>();
    for (const r of rs)
      for (const q of r.quotes) {
        if (q.speaker?.name == null) continue;
        const s = by.get(q.speaker.name) ?? { quotes: 0, articles: new Set() };
        s.quotes++;
        s.articles.add(r.id);
        by.set(q.speaker.name, s);
      }
    return [...by]
      .map(([speaker, s]) => ({ speaker, quotes: s.quotes, articles: s.articles.size }))
      .sort((a, b) => b.quotes - a.quotes || cmp(a.speaker, b.speaker))
      .slice(0, 10);
  },
  usd_over_1bn(rs) {
    return rs
      .flatMap((r) => r.money.filter((m) => m.currency === 'USD' && m.amount > 1e9).map((m) => ({ r, m })))
      .sort((x, y) => y.m.amount - x.m.amount || cmp(x.r.id, y.r.id) || x.m.start - y.m.start)
      .map(({ r, m }) => ({ article_id: r.id, title: r.source.title ?? null, text: m.text, amount: m.amount }));
  },
  interpol_and_albania(rs) {
    return rs
      .filter((r) => ['Interpol', 'Albania'].every((name) => r.entities.some((e) => e.name === name)))
      .sort((a, b) => cmp(a.id, b.id))
      .map((r) => ({ article_id: r.id, title: r.source.title ?? null }));
  },
  top_orgs(rs) {
    const by = new Map<string, { mentions: number; articles: Set<string> }>();
    for (const r of rs)
      for (const e of r.entities) {
        if (e.type !== 'ORG') continue;
        const s = by.get(e.name) ?? { mentions: 0, articles: new Set() };
        s.mentions += e.mentions.length;
        s.articles.add(r.id);
        by.set(e.name, s);
      }
    return [...by]
      .map(([name, s]) => ({ name, mentions: s.mentions, articles: s.articles.size }))
      .sort((a, b) => b.mentions - a.mentions || cmp(a.name, b.name))
      .slice(0, 10);
  },
  quotes_per_article(rs) {
    const average = rs.reduce((n, r) => n + r.quotes.length, 0) / rs.length;
    return [{ articles: rs.length, average_quotes: Math.round(average * 100) / 100 }];
  },
};

describe('the corpus as records', () => {
  it('has gold for enough articles to make the queries mean something', () => {
    expect(records.length).toBeGreaterThanOrEqual(10);
    expect(REFERENCE.interpol_and_albania(records).length).toBeGreaterThan(0);
    expect(REFERENCE.usd_over_1bn(records).length).toBeGreaterThan(1);
    expect(REFERENCE.top_orgs(records).length).toBeGreaterThan(1);
  });
});

for (const backend of [sqliteBackend(), postgresBackend('quarry_corpus_test')]) {
  describe(`example queries on the corpus in ${backend.name}`, () => {
    let db: Loader;
    beforeAll(async () => {
      db = await openDatabase(await backend.fresh());
      expect(await db.load(records)).toEqual({ inserted: records.length, replaced: 0, unchanged: 0, failed: 0 });
    });
    afterAll(async () => {
      await db?.close();
      await backend.cleanup();
    });

    it.each(exampleQueries().map((q) => [q.name, q] as const))('%s gives the same answer as TypeScript over the records', async (name, q) => {
      const expected = REFERENCE[name](records);
      const actual = (await db.query(q.sql)).map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof expected[0]?.[k] === 'number' && v !== null ? Number(v) : v])),
      );
      if (name === 'quotes_per_article') {
        // ROUND(…, 2) on an exact half (6.225) may go either way: PostgreSQL
        // rounds the exact NUMERIC, SQLite the nearest double below it.
        expect(actual[0].articles).toBe(expected[0].articles);
        expect(Math.abs(Number(actual[0].average_quotes) - Number(expected[0].average_quotes))).toBeLessThanOrEqual(0.0100001);
      } else {
        expect(actual).toEqual(expected);
      }
    });
  });
}
