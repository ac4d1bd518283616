/**
 * The pipeline: builds the Doc once, runs the stages in their declared order,
 * assembles the record and validates it against the zod schema. A record that
 * fails validation is never returned (the caller turns the throw into an
 * error line for that article only).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RecordSchema, SCHEMA_VERSION, type MoneyItem, type NumberItem, type Record } from '../schemas/record.ts';
import { buildDoc } from './core/doc.ts';
import { compileCheck } from './core/schema-check.ts';
import { overlaps } from './core/span.ts';
import type { Doc, Warning } from './core/types.ts';
import { extractEntities } from './stages/entities/index.ts';
import { extractMoney } from './stages/money/index.ts';
import { extractNumbers } from './stages/numbers/index.ts';
import { extractQuotes } from './stages/quotes/index.ts';
import type { Stage, StageName, StageResults, Warn } from './stages/types.ts';
import { EXTRACTOR_VERSION, pipelineFingerprint } from './version.ts';

/** The stages in the order they run; each names the results it reads. */
export const STAGES: readonly Stage[] = [
  { name: 'entities', requires: [], run: (doc, _r, warn) => extractEntities(doc, warn) },
  { name: 'numbers', requires: [], run: (doc, _r, warn) => extractNumbers(doc, warn) },
  { name: 'money', requires: ['numbers'], run: (doc, r, warn) => extractMoney(doc, r.numbers!, warn) },
  { name: 'quotes', requires: ['entities'], run: (doc, r, warn) => extractQuotes(doc, r.entities!, warn) },
];

/**
 * Checks, once at load time, that every stage's inputs come from a stage
 * declared before it (spaCy checks `requires` the same way), so a reordering
 * fails here and not halfway through an archive.
 */
export function checkStageOrder(stages: readonly Stage[]): void {
  const seen = new Set<StageName>();
  for (const stage of stages) {
    for (const need of stage.requires) {
      if (!seen.has(need)) {
        throw new Error(`[Q001] stage "${stage.name}" requires "${need}", which does not run before it`);
      }
    }
    if (seen.has(stage.name)) throw new Error(`[Q002] stage "${stage.name}" is declared twice`);
    seen.add(stage.name);
  }
}
checkStageOrder(STAGES);

export interface ExtractOptions {
  /** Article id; defaults to the first 16 hex digits of the text's SHA-256. */
  id?: string;
  source?: { path?: string; line?: number; title?: string; url?: string; publishedAt?: string };
  /** Called with each stage's wall time in milliseconds (for the benchmark). */
  onStageTime?: (stage: StageName | 'doc' | 'validate', ms: number) => void;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Runs every stage over one article and returns its validated record. */
export function extract(text: string, options: ExtractOptions = {}): Record {
  const work = beginArticle(text, options);
  for (const stage of STAGES) runStage(work, stage);
  return finishArticle(work);
}

/** One article part-way through the pipeline. */
interface Work {
  readonly text: string;
  readonly options: ExtractOptions;
  readonly doc: Doc;
  readonly warnings: Warning[];
  readonly warn: Warn;
  readonly results: Partial<StageResults>;
}

/** Checks the text and builds its Doc (the "doc" step). */
function beginArticle(text: string, options: ExtractOptions): Work {
  if (typeof text !== 'string') throw new TypeError('extract: text must be a string');
  if (text.trim() === '') throw new Error('article text is empty or whitespace only');
  const time = options.onStageTime;
  const t0 = time ? performance.now() : 0;
  const doc = buildDoc(text);
  if (time) time('doc', performance.now() - t0);
  const warnings: Warning[] = [];
  const warn: Warn = (code, message, span) => {
    warnings.push(span ? { code, message, start: span.start, end: span.end } : { code, message });
  };
  return { text, options, doc, warnings, warn, results: {} };
}

function runStage(work: Work, stage: Stage): void {
  const time = work.options.onStageTime;
  const t0 = time ? performance.now() : 0;
  (work.results as { [K in StageName]?: unknown })[stage.name] = stage.run(work.doc, work.results, work.warn);
  if (time) time(stage.name, performance.now() - t0);
}

/** Assembles and validates the record (the "validate" step). */
function finishArticle(work: Work): Record {
  const time = work.options.onStageTime;
  const t0 = time ? performance.now() : 0;
  const sha = sha256Hex(work.text);
  const record = assembleRecord(work.doc, work.results as StageResults, work.warnings, {
    id: work.options.id ?? sha.slice(0, 16),
    sha256: sha,
    source: work.options.source ?? {},
  });
  const parsed = validateRecord(record, work.text);
  if (time) time('validate', performance.now() - t0);
  return parsed;
}

export type BatchResult = { ok: true; record: Record } | { ok: false; error: Error };

/**
 * extract() over several articles, stage by stage: every article's Doc,
 * then every article's entities, and so on, as spaCy's `nlp.pipe` runs each
 * component over a batch. Each stage's data (wink's lexicon, the entity
 * model's rows and word caches, the lexicons) then stays in the CPU's caches
 * from one article to the next instead of being evicted by the other
 * stages': over the same articles, batches of 8 took 4-13% less time than
 * one article at a time and batches of 16 14-15% less (scratch, alternating
 * runs in one process). The
 * records are extract()'s: a stage sees only its own article's Doc and
 * results, and articles meet each stage in the same order. An article that
 * throws fails alone, with the error it would have thrown. `onArticle(i)`
 * is called before each step on article i (the pool's per-article clock).
 */
export function extractBatch(
  items: ReadonlyArray<{ text: string; options?: ExtractOptions }>,
  onArticle: (i: number) => void = () => {},
): BatchResult[] {
  const works: Array<Work | Error> = items.map((item, i) => {
    onArticle(i);
    return attempt(() => beginArticle(item.text, item.options ?? {}));
  });
  for (const stage of STAGES) {
    for (let i = 0; i < works.length; i++) {
      const work = works[i];
      if (work instanceof Error) continue;
      onArticle(i);
      const failed = attempt(() => runStage(work, stage));
      if (failed) works[i] = failed;
    }
  }
  return works.map((work, i): BatchResult => {
    if (work instanceof Error) return { ok: false, error: work };
    onArticle(i);
    const record = attempt(() => finishArticle(work));
    return record instanceof Error ? { ok: false, error: record } : { ok: true, record };
  });
}

/** What `run` returns, or the Error it threw (a thrown non-Error is wrapped). */
function attempt<T>(run: () => T): T | Error {
  try {
    return run();
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

const byWarningStart = (a: Warning, b: Warning) => (a.start ?? -1) - (b.start ?? -1);

/**
 * The numbers that no money item overlaps (an amount inside a money item is
 * never also a plain number: issue 2 contract), numbered n1… in order.
 * Loops, not filter/some/map callbacks (README, Design).
 */
function numbersOutside(numbers: readonly NumberItem[], money: readonly MoneyItem[]): NumberItem[] {
  const out: NumberItem[] = [];
  for (const n of numbers) {
    let inside = false;
    for (let k = 0; k < money.length && !inside; k++) inside = overlaps(money[k], n);
    if (!inside) out.push({ ...n, id: `n${out.length + 1}` });
  }
  return out;
}

function assembleRecord(
  doc: Doc,
  results: StageResults,
  warnings: Warning[],
  meta: { id: string; sha256: string; source: NonNullable<ExtractOptions['source']> },
): Record {
  const money = results.money;
  const numbers = numbersOutside(results.numbers, money);
  const { path, line, title, url, publishedAt } = meta.source;
  return {
    schemaVersion: SCHEMA_VERSION,
    id: meta.id,
    source: {
      ...(path !== undefined && { path }),
      ...(line !== undefined && { line }),
      sha256: meta.sha256,
      ...(title !== undefined && { title }),
      ...(url !== undefined && { url }),
      ...(publishedAt !== undefined && { publishedAt }),
    },
    extractor: { name: 'quarry', version: EXTRACTOR_VERSION, fingerprint: pipelineFingerprint() },
    offsets: 'utf16',
    stats: {
      characters: doc.text.length,
      paragraphs: doc.paragraphs.length,
      sentences: doc.sentences.length,
      tokens: doc.tokens.length,
    },
    entities: results.entities,
    quotes: results.quotes,
    numbers,
    money,
    warnings: [...warnings].sort(byWarningStart),
  };
}

/** Every span in a record, with a path naming where it sits (for error messages). */
export function* recordSpans(record: Record): Generator<[string, { text: string; start: number; end: number }]> {
  for (const e of record.entities) for (const [i, m] of e.mentions.entries()) yield [`${e.id}.mentions[${i}]`, m];
  for (const q of record.quotes) {
    yield [q.id, q];
    if (q.cue) yield [`${q.id}.cue`, q.cue];
    if (q.speaker?.mention) yield [`${q.id}.speaker.mention`, q.speaker.mention];
  }
  for (const n of record.numbers) yield [n.id, n];
  for (const m of record.money) yield [m.id, m];
}

/**
 * Whether a record is one the zod schema accepts and returns unchanged
 * (src/core/schema-check.ts): such a record is taken as it is, any other is
 * parsed by zod, which strips, reorders or rejects it.
 */
export const fitsRecordSchema = compileCheck(z.toJSONSchema(RecordSchema));

/**
 * Validates a record with the zod schema and checks what the schema cannot:
 * every span's text is the original's slice, lists are sorted, ids are
 * sequential and references resolve. Throws with every problem listed.
 */
export function validateRecord(record: unknown, text: string): Record {
  let r: Record;
  if (fitsRecordSchema(record)) r = record as Record;
  else {
    const parsed = RecordSchema.safeParse(record);
    if (!parsed.success) {
      throw new Error(`record does not match the schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    r = parsed.data;
  }
  const problems: string[] = [];
  for (const [where, span] of recordSpans(r)) {
    if (span.end < span.start || span.end > text.length || text.slice(span.start, span.end) !== span.text) {
      problems.push(`${where} [${span.start}, ${span.end}) is not the text ${JSON.stringify(span.text)}`);
    }
  }
  const lists: Array<[string, Array<{ id: string; start: number }>]> = [
    ['e', r.entities.map((e) => ({ id: e.id, start: e.mentions[0]?.start ?? 0 }))],
    ['q', r.quotes],
    ['n', r.numbers],
    ['m', r.money],
  ];
  for (const [letter, items] of lists) {
    items.forEach((item, i) => {
      if (item.id !== `${letter}${i + 1}`) problems.push(`id ${item.id} should be ${letter}${i + 1}`);
      if (i > 0 && items[i - 1].start > item.start) problems.push(`${item.id} is out of order`);
    });
  }
  const entityIds = new Set(r.entities.map((e) => e.id));
  const quoteIds = new Set(r.quotes.map((q) => q.id));
  const moneyIds = new Set(r.money.map((m) => m.id));
  for (const q of r.quotes) {
    if (q.speaker?.entityId && !entityIds.has(q.speaker.entityId)) problems.push(`${q.id} names unknown entity ${q.speaker.entityId}`);
    if (q.continues && !quoteIds.has(q.continues)) problems.push(`${q.id} continues unknown quote ${q.continues}`);
  }
  for (const m of r.money) {
    if (m.equivalentOf && !moneyIds.has(m.equivalentOf)) problems.push(`${m.id} is equivalent of unknown ${m.equivalentOf}`);
  }
  if (problems.length) throw new Error(`record is inconsistent: ${problems.join('; ')}`);
  return r;
}
