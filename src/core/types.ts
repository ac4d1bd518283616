/**
 * The core layer: what every stage reads. Offsets everywhere are half-open
 * `[start, end)` indexes into the original text in UTF-16 code units, the way
 * JavaScript strings count, so `doc.text.slice(start, end)` is the span's text.
 */

/** A half-open character range of the original text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A span together with the exact text it covers. */
export interface TextSpan extends Span {
  readonly text: string;
}

/**
 * Coarse token classes. They come from the tokenizer (wink-nlp's `type`),
 * mapped once in the adapter so stages never see library vocabulary.
 */
export type TokenKind =
  | 'word'
  | 'number'
  | 'punctuation'
  | 'symbol'
  | 'currency'
  | 'space'
  | 'email'
  | 'url'
  | 'emoji'
  | 'other';

export interface Token extends TextSpan {
  /** Position in `doc.tokens`. */
  readonly index: number;
  readonly kind: TokenKind;
  /** Universal POS tag (NOUN, PROPN, VERB, …) from the tagger. */
  readonly pos: string;
  /** Index into `doc.sentences`. */
  readonly sentence: number;
  /** True when whitespace (or the start of text) comes right before the token. */
  readonly spaceBefore: boolean;
  /**
   * A number for the token's exact text when the language model's own
   * lexicon holds it, else -1: equal texts get equal numbers in every thread
   * and run, so per-word caches can index an array instead of hashing the
   * string (the adapter gives wink's lexeme index).
   */
  readonly vocabId: number;
}

export interface Sentence extends Span {
  readonly index: number;
  readonly paragraph: number;
  /** Half-open range of token indexes. */
  readonly tokenStart: number;
  readonly tokenEnd: number;
}

export interface Paragraph extends Span {
  readonly index: number;
  /** Half-open range of sentence indexes. */
  readonly sentenceStart: number;
  readonly sentenceEnd: number;
}

/**
 * One article, parsed once. Whitespace tokens are dropped: a paragraph is a
 * line and sentences never cross one, so line breaks live in `paragraphs`.
 */
export interface Doc {
  readonly text: string;
  readonly paragraphs: readonly Paragraph[];
  readonly sentences: readonly Sentence[];
  readonly tokens: readonly Token[];
}

/** A recoverable oddity found while reading an article; it goes in the record. */
export interface Warning {
  code: string;
  message: string;
  start?: number;
  end?: number;
}
