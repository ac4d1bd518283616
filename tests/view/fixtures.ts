/**
 * Small hand-made articles, records and gold for the view tests: built by
 * hand (not by the stages) so the tests pin the renderer, not extraction.
 */
import type { Gold } from '../../schemas/gold.ts';
import type { Record } from '../../schemas/record.ts';
import { sha256Hex } from '../../src/pipeline.ts';

/** The span of the `nth` (0-based) occurrence of `needle` in `text`; throws when absent so a typo fails loudly. */
export function at(text: string, needle: string, nth = 0): { text: string; start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`fixture: ${JSON.stringify(needle)} #${nth} not in text`);
  }
  return { text: needle, start, end: start + needle.length };
}

export const ARTICLE = [
  'Sir Keir Starmer said the plan would cost “an estimated £7.7bn, more than 40 times the budget”, adding: “We will act.”',
  '',
  '“It is unfair,” Starmer told reporters in London. “And it goes on.',
  '“It goes on for years,” he said.',
  'Reform UK called it “a gimmick”.',
].join('\n');

/** A record over ARTICLE with overlaps: money and a number inside a quote, a name inside speaker words, a quote over two paragraphs. */
export function articleRecord(text = ARTICLE, id = 'a1', path?: string): Record {
  const q1 = at(text, 'an estimated £7.7bn, more than 40 times the budget');
  const q2 = at(text, 'We will act.');
  const q3 = at(text, 'It is unfair,');
  const q4 = { text: text.slice(at(text, 'And it goes on.').start, at(text, 'It goes on for years,').end), start: at(text, 'And it goes on.').start, end: at(text, 'It goes on for years,').end };
  const q5 = at(text, 'a gimmick');
  const he = { text: 'he', start: at(text, ' he said').start + 1, end: at(text, ' he said').start + 3 };
  const starmer = { text: 'Starmer', start: at(text, 'Starmer', 1).start, end: at(text, 'Starmer', 1).end };
  return {
    schemaVersion: 1,
    id,
    source: { ...(path !== undefined && { path }), sha256: sha256Hex(text) },
    extractor: { name: 'quarry', version: '0.1.0' },
    offsets: 'utf16',
    stats: { characters: text.length, paragraphs: 4, sentences: 6, tokens: 60 },
    entities: [
      { id: 'e1', type: 'PERSON', name: 'Keir Starmer', mentions: [at(text, 'Keir Starmer'), starmer] },
      { id: 'e2', type: 'GPE', name: 'London', mentions: [at(text, 'London')] },
      { id: 'e3', type: 'ORG', name: 'Reform UK', mentions: [at(text, 'Reform UK')] },
    ],
    quotes: [
      { id: 'q1', ...q1, kind: 'partial', speaker: { name: 'Keir Starmer', entityId: 'e1', mention: at(text, 'Sir Keir Starmer') }, cue: at(text, 'said') },
      { id: 'q2', ...q2, kind: 'direct', speaker: { name: 'Keir Starmer', entityId: 'e1', mention: null }, cue: at(text, 'adding') },
      { id: 'q3', ...q3, kind: 'direct', speaker: { name: 'Keir Starmer', entityId: 'e1', mention: starmer }, cue: at(text, 'told') },
      { id: 'q4', ...q4, kind: 'direct', speaker: { name: 'Keir Starmer', entityId: 'e1', mention: he }, cue: at(text, 'said', 1), continues: 'q3' },
      { id: 'q5', ...q5, kind: 'partial', speaker: { name: 'Reform UK', entityId: 'e3', mention: at(text, 'Reform UK') }, cue: at(text, 'called') },
    ],
    numbers: [{ id: 'n1', ...at(text, 'more than 40'), value: 40, kind: 'cardinal', qualifier: 'more_than' }],
    money: [{ id: 'm1', ...at(text, 'an estimated £7.7bn'), amount: 7700000000, currency: 'GBP', qualifier: 'estimated' }],
    warnings: [],
  };
}

/**
 * Gold for ARTICLE that differs from articleRecord on purpose: London is
 * missed by the record (gold says LOC), "Reform UK" is not in gold (a false
 * positive), q5's speaker differs, the number's value differs, and gold has
 * a money item the record lacks.
 */
export function articleGold(text = ARTICLE, id = 'a1'): Gold {
  const r = articleRecord(text, id);
  return {
    id,
    split: 'dev',
    entities: [
      { type: 'PERSON', name: 'Keir Starmer', mentions: r.entities[0].mentions },
      { type: 'LOC', name: 'London', mentions: [at(text, 'London')] },
    ],
    quotes: r.quotes.map((q) => ({ text: q.text, start: q.start, end: q.end, kind: q.kind, speaker: q.id === 'q5' ? { name: 'Nigel Farage' } : { name: q.speaker!.name } })),
    numbers: [{ ...at(text, 'more than 40'), value: 400, kind: 'cardinal', qualifier: 'more_than' }],
    money: [
      { ...at(text, 'an estimated £7.7bn'), amount: 7700000000, currency: 'GBP', qualifier: 'estimated' },
      // Not money in any real reading: here only to give the record a miss to show.
      { ...at(text, 'the budget'), amount: 1, currency: 'GBP' },
    ],
  };
}
