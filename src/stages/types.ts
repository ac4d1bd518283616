/**
 * What a stage is: a pure function of the Doc and the results of the stages
 * declared before it. Stages never read files or print; an oddity they can
 * recover from is reported through `warn` and ends up in the record.
 */
import type { Entity, MoneyItem, NumberItem, Quote } from '../../schemas/record.ts';
import type { Doc, Span } from '../core/types.ts';

/** Reports a recoverable oddity (code like `unclosed-quote`) for the record's warning list. */
export type Warn = (code: string, message: string, span?: Span) => void;

export interface StageResults {
  entities: Entity[];
  numbers: NumberItem[];
  money: MoneyItem[];
  quotes: Quote[];
}

export type StageName = keyof StageResults;

export interface Stage<K extends StageName = StageName> {
  readonly name: K;
  /** Results this stage reads; the pipeline checks they come earlier when it is built. */
  readonly requires: readonly StageName[];
  run(doc: Doc, earlier: Partial<StageResults>, warn: Warn): StageResults[K];
}
