import type { Entity, Quote } from '../../../schemas/record.ts';
import type { Doc } from '../../core/types.ts';
import type { Warn } from '../types.ts';

/** Direct and partial quotes with their speakers resolved against `entities` (ids q1… by start). */
export function extractQuotes(doc: Doc, entities: Entity[], warn: Warn): Quote[] {
  void doc; void entities; void warn;
  return [];
}
