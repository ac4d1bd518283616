/**
 * The record contract: the single source of truth for what quarry writes.
 * `schemas/record.schema.json` is generated from this file (`npm run schema`).
 * Field names are public; add fields, rename none.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

const offset = z.number().int().nonnegative();

export const TextSpanSchema = z
  .object({
    text: z.string(),
    start: offset,
    end: offset,
  })
  .describe('A half-open [start, end) range of the original text in UTF-16 code units; text === original.slice(start, end).');

export const EntityTypeSchema = z.enum([
  'PERSON',
  'ORG',
  'GPE',
  'LOC',
  'NORP',
  'FAC',
  'EVENT',
  'PRODUCT',
  'WORK_OF_ART',
  'LAW',
  'MISC',
]);

export const EntitySchema = z.object({
  id: z.string().regex(/^e\d+$/),
  type: EntityTypeSchema,
  name: z.string().min(1).describe('Canonical full name, without honorifics.'),
  mentions: z.array(TextSpanSchema).min(1),
});

export const QuoteKindSchema = z.enum(['direct', 'partial']);

export const SpeakerSchema = z.object({
  name: z.string().nullable().describe('Who the speaker is, resolved to a full name where the article allows.'),
  entityId: z.string().regex(/^e\d+$/).nullable(),
  mention: TextSpanSchema.nullable().describe('The words that attribute this quote in its own sentence; null for a floating quote.'),
});

export const QuoteSchema = z.object({
  id: z.string().regex(/^q\d+$/),
  text: z.string(),
  start: offset,
  end: offset,
  kind: QuoteKindSchema,
  speaker: SpeakerSchema.nullable(),
  cue: TextSpanSchema.nullable().describe('The reporting verb or marker (said, told, according to, a colon).'),
  continues: z.string().regex(/^q\d+$/).optional().describe('The quote this one continues, for a quote split around its cue.'),
});

export const NumberKindSchema = z.enum([
  'cardinal',
  'ordinal',
  'fraction',
  'percent',
  'percentage_points',
  'year',
  'approximate',
  'score',
]);

export const QualifierSchema = z.enum(['more_than', 'less_than', 'at_least', 'at_most', 'about', 'nearly', 'estimated']);

export const NumberSchema = z.object({
  id: z.string().regex(/^n\d+$/),
  text: z.string(),
  start: offset,
  end: offset,
  value: z.number(),
  upper: z.number().optional(),
  kind: NumberKindSchema,
  qualifier: QualifierSchema.optional(),
});

export const MoneySchema = z.object({
  id: z.string().regex(/^m\d+$/),
  text: z.string(),
  start: offset,
  end: offset,
  amount: z.number(),
  upper: z.number().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).describe('ISO 4217 code.'),
  qualifier: QualifierSchema.optional(),
  per: z.enum(['year', 'month', 'week', 'day', 'hour', 'person', 'unit']).optional(),
  equivalentOf: z.string().regex(/^m\d+$/).optional(),
});

export const WarningSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  start: offset.optional(),
  end: offset.optional(),
});

export const RecordSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().min(1),
  source: z.object({
    path: z.string().optional(),
    line: z.number().int().positive().optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    title: z.string().optional(),
    url: z.string().optional(),
    publishedAt: z.string().optional(),
  }),
  extractor: z.object({
    name: z.literal('quarry'),
    version: z.string(),
    fingerprint: z.string().optional().describe('Hash of the version, lexicons and model weights.'),
  }),
  offsets: z.literal('utf16'),
  stats: z.object({
    characters: z.number().int().nonnegative(),
    paragraphs: z.number().int().nonnegative(),
    sentences: z.number().int().nonnegative(),
    tokens: z.number().int().nonnegative(),
  }),
  entities: z.array(EntitySchema),
  quotes: z.array(QuoteSchema),
  numbers: z.array(NumberSchema),
  money: z.array(MoneySchema),
  warnings: z.array(WarningSchema),
});

export type Record = z.infer<typeof RecordSchema>;
export type Entity = z.infer<typeof EntitySchema>;
export type EntityType = z.infer<typeof EntityTypeSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type Speaker = z.infer<typeof SpeakerSchema>;
export type NumberItem = z.infer<typeof NumberSchema>;
export type NumberKind = z.infer<typeof NumberKindSchema>;
export type MoneyItem = z.infer<typeof MoneySchema>;
export type Qualifier = z.infer<typeof QualifierSchema>;
export type RecordWarning = z.infer<typeof WarningSchema>;
