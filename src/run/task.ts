/**
 * What the pool and its worker threads exchange. A module of its own so that
 * the main thread, which only hands articles out, does not load the pipeline
 * (the language model, the entity model and the lexicons) that worker.ts
 * imports.
 */
import type { Article } from '../io/inputs.ts';

export interface ExtractTask {
  id: string;
  text: string;
  source: Article['source'];
  /** Slot in the shared start-time table the pool watches for --timeout-ms. */
  slot: number;
  /** true: two-space JSON for `<id>.json`; false: one line for JSONL. */
  pretty: boolean;
  /** Collect each stage's time (the benchmark). */
  timing?: boolean;
}

export type ExtractResult =
  | { ok: true; json: string; stageMs?: { [stage: string]: number } }
  | { ok: false; error: string };

/** Stamp of an article that finished in its thread (a start stamp is ≥ 1, 0 is not started). */
export const DONE = -1;
