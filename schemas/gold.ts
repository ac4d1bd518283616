/**
 * The gold format: hand-checked answers for one article, in the record's own
 * shape, beside it as `corpus/<id>.gold.json`. `schemas/gold.schema.json` is
 * generated from this file. Ids are optional (gold is edited by hand); money
 * conversions refer to the converted item's `id`.
 */
import { z } from 'zod';
import {
  EntityTypeSchema,
  NumberKindSchema,
  QualifierSchema,
  QuoteKindSchema,
  TextSpanSchema,
} from './record.ts';

const offset = z.number().int().nonnegative();
const spanFields = { text: z.string(), start: offset, end: offset };

export const GoldEntitySchema = z.object({
  type: EntityTypeSchema,
  name: z.string().min(1),
  mentions: z.array(TextSpanSchema).min(1),
});

export const GoldQuoteSchema = z.object({
  ...spanFields,
  kind: QuoteKindSchema,
  speaker: z
    .object({
      name: z.string().nullable().describe('Full name of who speaks (person or organisation); null when the article does not say.'),
      mention: TextSpanSchema.nullable().optional().describe('The words in the quote\'s own sentence that say who speaks; null for a floating quote.'),
    })
    .nullable(),
  family: z.string().optional().describe('A label for the case family this quote exercises, for per-family reports.'),
});

export const GoldNumberSchema = z.object({
  ...spanFields,
  value: z.number(),
  upper: z.number().optional(),
  kind: NumberKindSchema,
  qualifier: QualifierSchema.optional(),
});

export const GoldMoneySchema = z.object({
  id: z.string().optional(),
  ...spanFields,
  amount: z.number(),
  upper: z.number().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  qualifier: QualifierSchema.optional(),
  per: z.string().optional(),
  equivalentOf: z.string().optional(),
});

export const GoldSchema = z.object({
  id: z.string().min(1),
  split: z.enum(['dev', 'test']).describe('test: never tuned against; dev: used freely while improving stages.'),
  families: z.array(z.string()).optional().describe('What this article exercises (e.g. "multi-paragraph-quote", "currency-symbols").'),
  notes: z.string().optional(),
  entities: z.array(GoldEntitySchema),
  quotes: z.array(GoldQuoteSchema),
  numbers: z.array(GoldNumberSchema),
  money: z.array(GoldMoneySchema),
});

export type Gold = z.infer<typeof GoldSchema>;
export type GoldQuote = z.infer<typeof GoldQuoteSchema>;
export type GoldEntity = z.infer<typeof GoldEntitySchema>;
export type GoldNumber = z.infer<typeof GoldNumberSchema>;
export type GoldMoney = z.infer<typeof GoldMoneySchema>;
