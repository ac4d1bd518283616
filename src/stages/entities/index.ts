import type { Entity } from '../../../schemas/record.ts';
import type { Doc } from '../../core/types.ts';
import type { Warn } from '../types.ts';

/** Named-entity mentions, typed and clustered into entities (ids e1… by first mention). */
export function extractEntities(doc: Doc, warn: Warn): Entity[] {
  void doc; void warn;
  return [];
}
