import type { NumberItem } from '../../../schemas/record.ts';
import type { Doc } from '../../core/types.ts';
import type { Warn } from '../types.ts';

/** Every number in the text with its exact value (ids n1… by start). */
export function extractNumbers(doc: Doc, warn: Warn): NumberItem[] {
  void doc; void warn;
  return [];
}
