/**
 * The library API: the same code path as the CLI.
 *
 * ```ts
 * import { extract } from 'quarry';
 * const record = extract(articleText, { id: 'a1' });
 * ```
 */
export { extract, extractBatch, validateRecord, STAGES, type BatchResult, type ExtractOptions } from './pipeline.ts';
export { buildDoc } from './core/doc.ts';
export { RecordSchema, SCHEMA_VERSION } from '../schemas/record.ts';
export type { Record, Entity, Quote, NumberItem, MoneyItem, Speaker, Qualifier, EntityType } from '../schemas/record.ts';
export { GoldSchema, type Gold } from '../schemas/gold.ts';
export { EXTRACTOR_VERSION } from './version.ts';
