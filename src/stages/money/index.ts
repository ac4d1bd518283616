import type { MoneyItem, NumberItem } from '../../../schemas/record.ts';
import type { Doc } from '../../core/types.ts';
import type { Warn } from '../types.ts';

/** Money amounts with ISO currency (ids m1… by start). */
export function extractMoney(doc: Doc, numbers: NumberItem[], warn: Warn): MoneyItem[] {
  void doc; void numbers; void warn;
  return [];
}
