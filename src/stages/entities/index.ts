import type { Entity } from '../../../schemas/record.ts';
import type { Doc } from '../../core/types.ts';
import type { Warn } from '../types.ts';
import { clusterMentions } from './cluster.ts';
import { findMentions } from './mentions.ts';

/**
 * Named-entity mentions, typed and clustered into entities (ids e1… by first
 * mention; mentions sorted by start; names without honorifics).
 */
export function extractEntities(doc: Doc, warn: Warn): Entity[] {
  void warn;
  return clusterMentions(doc, findMentions(doc));
}
