/**
 * Small hand-written articles and their hand-checked records for the database
 * tests. Each record is what `extract()` would assemble (id, source, sha256,
 * extractor, stats from the Doc) with its lists written out here, so the query
 * answers below neither move nor break while the stages are being improved;
 * `validateRecord` checks every span against the text, so the hand-written
 * parts are honest. (tests/db/loader.test.ts also loads real extract() output.)
 */
import { buildDoc } from '../../src/core/doc.ts';
import { sha256Hex, validateRecord } from '../../src/pipeline.ts';
import { EXTRACTOR_VERSION, pipelineFingerprint } from '../../src/version.ts';
import type { Entity, MoneyItem, NumberItem, Quote, Record } from '../../schemas/record.ts';

type Span = { text: string; start: number; end: number };

/** The n-th (1-based) occurrence of `needle` in `text` as a span; throws when absent, so a typo fails loudly. */
export function spanOf(text: string, needle: string, nth = 1): Span {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth} times`);
  }
  return { text: needle, start: at, end: at + needle.length };
}

/** `needle` inside the first occurrence of `context` (for short words that also occur inside others: "he" in "held"). */
export function spanIn(text: string, context: string, needle: string): Span {
  const c = spanOf(text, context);
  const at = context.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in "${context}"`);
  return { text: needle, start: c.start + at, end: c.start + at + needle.length };
}

/** The text strictly inside the n-th pair of straight double quotes. */
function quoted(text: string, nth: number): Span {
  const open = spanOf(text, '"', 2 * nth - 1).start + 1;
  const close = text.indexOf('"', open);
  return { text: text.slice(open, close), start: open, end: close };
}

interface Annotations {
  entities?: Array<{ type: Entity['type']; name: string; mentions: Span[] }>;
  quotes?: Array<{ nth: number; speaker: string | null; mention?: Span | null; cue?: Span | null; kind?: Quote['kind']; continues?: string }>;
  numbers?: Array<Omit<NumberItem, 'id'>>;
  money?: Array<Omit<MoneyItem, 'id'>>;
}

export function annotatedRecord(id: string, title: string, text: string, a: Annotations): Record {
  const doc = buildDoc(text);
  const base = {
    schemaVersion: 1,
    id,
    source: { path: `corpus/${id}.txt`, sha256: sha256Hex(text), title, publishedAt: '2025-06-02' },
    extractor: { name: 'quarry', version: EXTRACTOR_VERSION, fingerprint: pipelineFingerprint() },
    offsets: 'utf16',
    stats: { characters: text.length, paragraphs: doc.paragraphs.length, sentences: doc.sentences.length, tokens: doc.tokens.length },
    warnings: [],
  };
  const entities: Entity[] = (a.entities ?? [])
    .map((e) => ({ ...e, mentions: [...e.mentions].sort((x, y) => x.start - y.start) }))
    .sort((x, y) => x.mentions[0].start - y.mentions[0].start)
    .map((e, i) => ({ id: `e${i + 1}`, ...e }));
  const entityId = (name: string | null) => entities.find((e) => e.name === name)?.id ?? null;
  const quotes: Quote[] = (a.quotes ?? []).map((q, i) => ({
    id: `q${i + 1}`,
    ...quoted(text, q.nth),
    kind: q.kind ?? 'direct',
    speaker: q.speaker === null ? null : { name: q.speaker, entityId: entityId(q.speaker), mention: q.mention ?? null },
    cue: q.cue ?? null,
    ...(q.continues && { continues: q.continues }),
  }));
  const numbers = (a.numbers ?? []).map((n, i) => ({ id: `n${i + 1}`, ...n }));
  const money = (a.money ?? []).map((m, i) => ({ id: `m${i + 1}`, ...m }));
  return validateRecord({ ...base, entities, quotes, numbers, money }, text);
}

const T1 = `Interpol said on Monday that Albania had arrested 12 people.
"We will keep working with our partners," said Jürgen Stock, the head of Interpol.
The operation cost an estimated $1.5bn (£1.2bn), he added. "It was worth it."
`;

const T2 = `Albania and Europol signed a pact in Tirana.
"This is a good day," Jane Doe said. "We have waited years," she added.
The pact is worth $3bn over five years, Doe said: "Every cent counts."
`;

const T3 = `Interpol held its assembly in Lyon.
"Crime crosses borders," Jürgen Stock told delegates. "We share data," he said.
`;

const T4 = `The city approved a budget of €2bn and a $900m bond.
A further $1bn was set aside. No one commented.
`;

export function queryRecords(): Record[] {
  return [
    annotatedRecord('a1-interpol-albania', 'Interpol and Albania', T1, {
      entities: [
        { type: 'ORG', name: 'Interpol', mentions: [spanOf(T1, 'Interpol'), spanOf(T1, 'Interpol', 2)] },
        { type: 'GPE', name: 'Albania', mentions: [spanOf(T1, 'Albania')] },
        { type: 'PERSON', name: 'Jürgen Stock', mentions: [spanOf(T1, 'Jürgen Stock')] },
      ],
      quotes: [
        { nth: 1, speaker: 'Jürgen Stock', mention: spanOf(T1, 'Jürgen Stock'), cue: spanOf(T1, 'said', 2) },
        { nth: 2, speaker: 'Jürgen Stock', mention: null },
      ],
      numbers: [{ ...spanOf(T1, '12'), value: 12, kind: 'cardinal' }],
      money: [
        { ...spanOf(T1, 'an estimated $1.5bn'), amount: 1500000000, currency: 'USD', qualifier: 'estimated' },
        { ...spanOf(T1, '£1.2bn'), amount: 1200000000, currency: 'GBP', equivalentOf: 'm1' },
      ],
    }),
    annotatedRecord('a2-albania-europol', 'Albania and Europol', T2, {
      entities: [
        { type: 'GPE', name: 'Albania', mentions: [spanOf(T2, 'Albania')] },
        { type: 'ORG', name: 'Europol', mentions: [spanOf(T2, 'Europol')] },
        { type: 'GPE', name: 'Tirana', mentions: [spanOf(T2, 'Tirana')] },
        { type: 'PERSON', name: 'Jane Doe', mentions: [spanOf(T2, 'Jane Doe'), spanOf(T2, 'Doe', 2)] },
      ],
      quotes: [
        { nth: 1, speaker: 'Jane Doe', mention: spanOf(T2, 'Jane Doe'), cue: spanOf(T2, 'said') },
        { nth: 2, speaker: 'Jane Doe', mention: spanIn(T2, 'she added', 'she'), cue: spanIn(T2, 'she added', 'added') },
        { nth: 3, speaker: 'Jane Doe', mention: spanOf(T2, 'Doe', 2), cue: spanOf(T2, 'said', 2) },
      ],
      numbers: [{ ...spanOf(T2, 'five'), value: 5, kind: 'cardinal' }],
      money: [{ ...spanOf(T2, '$3bn'), amount: 3000000000, currency: 'USD' }],
    }),
    annotatedRecord('a3-interpol-lyon', 'Interpol in Lyon', T3, {
      entities: [
        { type: 'ORG', name: 'Interpol', mentions: [spanOf(T3, 'Interpol')] },
        { type: 'GPE', name: 'Lyon', mentions: [spanOf(T3, 'Lyon')] },
        { type: 'PERSON', name: 'Jürgen Stock', mentions: [spanOf(T3, 'Jürgen Stock')] },
      ],
      quotes: [
        { nth: 1, speaker: 'Jürgen Stock', mention: spanOf(T3, 'Jürgen Stock'), cue: spanOf(T3, 'told') },
        { nth: 2, speaker: 'Jürgen Stock', mention: spanIn(T3, 'he said', 'he'), cue: spanIn(T3, 'he said', 'said') },
      ],
    }),
    annotatedRecord('a4-city-budget', 'City budget', T4, {
      money: [
        { ...spanOf(T4, '€2bn'), amount: 2000000000, currency: 'EUR' },
        { ...spanOf(T4, '$900m'), amount: 900000000, currency: 'USD' },
        { ...spanOf(T4, '$1bn'), amount: 1000000000, currency: 'USD' },
      ],
    }),
  ];
}

/**
 * The example queries' answers on queryRecords(), worked out by hand from the
 * four articles above (numbers as numbers; the tests normalise PostgreSQL's
 * exact strings).
 */
export const EXPECTED_ANSWERS: { [name: string]: Array<{ [column: string]: unknown }> } = {
  // Jürgen Stock: two quotes in a1 (one floating), two in a3; Jane Doe: three in a2.
  quoted_most: [
    { speaker: 'Jürgen Stock', quotes: 4, articles: 2 },
    { speaker: 'Jane Doe', quotes: 3, articles: 1 },
  ],
  // Over, not at: a4's $1bn is exactly 1bn; €2bn is not USD; £1.2bn is not USD.
  usd_over_1bn: [
    { article_id: 'a2-albania-europol', title: 'Albania and Europol', text: '$3bn', amount: 3000000000 },
    { article_id: 'a1-interpol-albania', title: 'Interpol and Albania', text: 'an estimated $1.5bn', amount: 1500000000 },
  ],
  interpol_and_albania: [{ article_id: 'a1-interpol-albania', title: 'Interpol and Albania' }],
  top_orgs: [
    { name: 'Interpol', mentions: 3, articles: 2 },
    { name: 'Europol', mentions: 1, articles: 1 },
  ],
  // 2 + 3 + 2 + 0 quotes over four articles (a4 has none and still counts).
  quotes_per_article: [{ articles: 4, average_quotes: 1.75 }],
};
