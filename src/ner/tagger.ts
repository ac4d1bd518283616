/**
 * The committed NER tagger (models/ner/, see models/PROVENANCE.md), loaded
 * once at module init. Tags CoNLL types (PER, LOC, ORG, MISC) over a Doc's tokens.
 */
import { fileURLToPath } from 'node:url';
import { loadGazetteer, type GazetteerMatch } from './gazetteer.ts';
import { bilouSpans, decode, NerModel, type LabelSpan } from './model.ts';
import type { TagToken } from './features.ts';

const MODEL_DIR = fileURLToPath(new URL('../../models/ner/', import.meta.url));

let model: NerModel | null = null;

/** The committed model (loaded on first use, then kept). */
export function nerModel(): NerModel {
  model ??= NerModel.load(MODEL_DIR);
  return model;
}

/**
 * Entity spans (token index ranges with a CoNLL type) the tagger finds in
 * `tokens`, with the skip rule (model.ts, DecodeOptions): plain lower-case
 * words outside an entity are labelled O unscored. `matches`: the tokens'
 * gazetteer matches, when the caller has them.
 */
export function tagEntities(tokens: readonly TagToken[], matches?: readonly GazetteerMatch[]): LabelSpan[] {
  return bilouSpans(decode(tokens, loadGazetteer(), nerModel(), { skipPlain: true, matches }), tokens);
}
