/**
 * Loading gold files: hand-checked answers beside each article
 * (`corpus/<id>.gold.json`, shape in schemas/gold.ts). A gold file that does
 * not fit its article is an error naming the file and the span, because a
 * silently shifted span would score a correct extractor as wrong.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { GoldSchema, type Gold } from '../../schemas/gold.ts';

/** A gold file that is unreadable, invalid, or does not match its article; `problems` lists each one. */
export class GoldError extends Error {
  override name = 'GoldError';
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${path}: ${p}`).join('\n'));
  }
}

/** The article id a gold file belongs to: its file name without `.gold.json`. */
export function goldFileId(path: string): string {
  return basename(path).replace(/\.gold\.json$/, '');
}

/** Reads, validates and checks a gold file against its article's text; throws GoldError listing every problem. */
export function loadGold(path: string, articleText: string): Gold {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new GoldError(path, [`cannot read: ${(err as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new GoldError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseGold(json, articleText, path);
}

/** Validates parsed gold JSON against GoldSchema and the article text (see loadGold). */
export function parseGold(json: unknown, articleText: string, path: string): Gold {
  const parsed = GoldSchema.safeParse(json);
  if (!parsed.success) {
    throw new GoldError(
      path,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`),
    );
  }
  const gold = parsed.data;
  const problems = goldProblems(gold, articleText);
  if (path.endsWith('.gold.json') && gold.id !== goldFileId(path)) {
    problems.unshift(`id "${gold.id}" does not match the file name (expected "${goldFileId(path)}")`);
  }
  if (problems.length) throw new GoldError(path, problems);
  return gold;
}

/** Every span of a gold file with a path naming where it sits (`quotes[3]`, `entities[0].mentions[2]`). */
export function* goldSpans(gold: Gold): Generator<[string, { text: string; start: number; end: number }]> {
  for (const [i, e] of gold.entities.entries()) for (const [j, m] of e.mentions.entries()) yield [`entities[${i}].mentions[${j}]`, m];
  for (const [i, q] of gold.quotes.entries()) {
    yield [`quotes[${i}]`, q];
    if (q.speaker?.mention) yield [`quotes[${i}].speaker.mention`, q.speaker.mention];
  }
  for (const [i, n] of gold.numbers.entries()) yield [`numbers[${i}]`, n];
  for (const [i, m] of gold.money.entries()) yield [`money[${i}]`, m];
}

/** What the schema cannot check: spans against the article, and money ids/references. */
export function goldProblems(gold: Gold, text: string): string[] {
  const problems: string[] = [];
  for (const [where, s] of goldSpans(gold)) {
    if (s.end < s.start) {
      problems.push(`${where} [${s.start}, ${s.end}) ends before it starts`);
    } else if (s.end > text.length) {
      problems.push(`${where} [${s.start}, ${s.end}) runs past the end of the article (${text.length} code units)`);
    } else if (text.slice(s.start, s.end) !== s.text) {
      problems.push(`${where} [${s.start}, ${s.end}) is ${JSON.stringify(s.text)} but the article has ${JSON.stringify(text.slice(s.start, s.end))}`);
    }
  }
  const moneyIds = new Set<string>();
  for (const [i, m] of gold.money.entries()) {
    if (m.id === undefined) continue;
    if (moneyIds.has(m.id)) problems.push(`money[${i}] repeats id "${m.id}"`);
    moneyIds.add(m.id);
  }
  for (const [i, m] of gold.money.entries()) {
    if (m.equivalentOf !== undefined && !moneyIds.has(m.equivalentOf)) {
      problems.push(`money[${i}] is equivalentOf "${m.equivalentOf}", which no money item has as id`);
    }
  }
  return problems;
}
