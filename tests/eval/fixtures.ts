/**
 * Small hand-written articles and their gold for the eval tests, so the tests
 * never depend on the real corpus (still being written) or on how good the
 * stages are today. Offsets are found with `at`, never typed by hand.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Gold } from '../../schemas/gold.ts';
import type { RecordLists } from '../../src/eval/evaluate.ts';
import { tempDir } from '../helpers.ts';

/** The span of the `nth` (0-based) occurrence of `needle` in `text`; throws if absent. */
export function at(text: string, needle: string, nth = 0): { text: string; start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`fixture: "${needle}" (#${nth}) not in text`);
  }
  return { text: needle, start, end: start + needle.length };
}

export const BUS_TEXT = `Mayor Ana Ruiz said on Tuesday that the city would spend $12m on new bus lanes.
"We cannot wait any longer," Ms Ruiz said. "The buses are full."
The council approved the plan in 2024 after more than 3,000 residents wrote in.
`;

export function busGold(): Gold {
  const t = BUS_TEXT;
  return {
    id: 'bus',
    split: 'dev',
    families: ['speaker-after'],
    entities: [{ type: 'PERSON', name: 'Ana Ruiz', mentions: [at(t, 'Ana Ruiz'), at(t, 'Ruiz', 1)] }],
    quotes: [
      { ...at(t, 'We cannot wait any longer,'), kind: 'direct', speaker: { name: 'Ana Ruiz', mention: at(t, 'Ms Ruiz') }, family: 'speaker-after' },
      { ...at(t, 'The buses are full.'), kind: 'direct', speaker: { name: 'Ana Ruiz', mention: null }, family: 'floating' },
    ],
    numbers: [
      { ...at(t, '2024'), value: 2024, kind: 'year' },
      { ...at(t, 'more than 3,000'), value: 3000, kind: 'cardinal', qualifier: 'more_than' },
    ],
    money: [{ id: 'm1', ...at(t, '$12m'), amount: 12000000, currency: 'USD' }],
  };
}

export const FERRY_TEXT = `The Harbour Trust expects 12% more visitors this summer, its director Tom Hale said.
A spokesperson for the trust said: "The new ferry link has changed everything."
Tickets cost £15 (about €17.50) and the ferry runs every 20 minutes from Portsmouth.
`;

export function ferryGold(): Gold {
  const t = FERRY_TEXT;
  return {
    id: 'ferry',
    split: 'test',
    families: ['organisation'],
    entities: [
      { type: 'ORG', name: 'Harbour Trust', mentions: [at(t, 'Harbour Trust')] },
      { type: 'PERSON', name: 'Tom Hale', mentions: [at(t, 'Tom Hale')] },
      { type: 'GPE', name: 'Portsmouth', mentions: [at(t, 'Portsmouth')] },
    ],
    quotes: [
      {
        ...at(t, 'The new ferry link has changed everything.'),
        kind: 'direct',
        speaker: { name: 'Harbour Trust', mention: at(t, 'A spokesperson for the trust') },
        family: 'organisation',
      },
    ],
    numbers: [
      { ...at(t, '12%'), value: 12, kind: 'percent' },
      { ...at(t, '20'), value: 20, kind: 'cardinal' },
    ],
    money: [
      { id: 'm1', ...at(t, '£15'), amount: 15, currency: 'GBP' },
      { id: 'm2', ...at(t, 'about €17.50'), amount: 17.5, currency: 'EUR', qualifier: 'about', equivalentOf: 'm1' },
    ],
  };
}

export const LAB_TEXT = `Dr Lee Wong, who leads the Kestrel Institute in Toronto, told reporters the results were "very encouraging".
"We expect the first trial to finish within two years," he said.
`;

export function labGold(): Gold {
  const t = LAB_TEXT;
  return {
    id: 'lab',
    split: 'test',
    families: ['partial', 'pronoun'],
    entities: [
      { type: 'PERSON', name: 'Lee Wong', mentions: [at(t, 'Lee Wong')] },
      { type: 'ORG', name: 'Kestrel Institute', mentions: [at(t, 'Kestrel Institute')] },
      { type: 'GPE', name: 'Toronto', mentions: [at(t, 'Toronto')] },
    ],
    quotes: [
      { ...at(t, 'very encouraging'), kind: 'partial', speaker: { name: 'Lee Wong', mention: at(t, 'Dr Lee Wong') }, family: 'partial' },
      { ...at(t, 'We expect the first trial to finish within two years,'), kind: 'direct', speaker: { name: 'Lee Wong', mention: at(t, 'he') }, family: 'pronoun' },
    ],
    numbers: [
      { ...at(t, 'first'), value: 1, kind: 'ordinal' },
      { ...at(t, 'two'), value: 2, kind: 'cardinal' },
    ],
    money: [],
  };
}

export const ARTICLES: Array<{ id: string; text: string; gold: () => Gold }> = [
  { id: 'bus', text: BUS_TEXT, gold: busGold },
  { id: 'ferry', text: FERRY_TEXT, gold: ferryGold },
  { id: 'lab', text: LAB_TEXT, gold: labGold },
];

/** The record a perfect extractor would give for `gold`: the reference every breakage is measured from. */
export function recordFromGold(gold: Gold): RecordLists {
  return {
    entities: gold.entities.map((e, i) => ({ id: `e${i + 1}`, type: e.type, name: e.name, mentions: e.mentions.map((m) => ({ ...m })) })),
    quotes: gold.quotes.map((q, i) => ({
      id: `q${i + 1}`,
      text: q.text,
      start: q.start,
      end: q.end,
      kind: q.kind,
      speaker: q.speaker && { name: q.speaker.name, entityId: null, mention: q.speaker.mention ?? null },
      cue: null,
    })),
    numbers: gold.numbers.map((n, i) => ({ ...n, id: `n${i + 1}` })),
    money: gold.money.map((m, i) => ({
      id: `m${i + 1}`,
      text: m.text,
      start: m.start,
      end: m.end,
      amount: m.amount,
      currency: m.currency,
      ...(m.qualifier && { qualifier: m.qualifier }),
      ...(m.equivalentOf && { equivalentOf: m.equivalentOf }),
    })),
  };
}

/** A temporary corpus folder holding the three fixture articles and their gold. */
export function makeCorpus(): string {
  const dir = tempDir('quarry-eval-');
  for (const a of ARTICLES) {
    writeFileSync(join(dir, `${a.id}.txt`), a.text);
    writeFileSync(join(dir, `${a.id}.gold.json`), JSON.stringify(a.gold(), null, 2));
  }
  return dir;
}
