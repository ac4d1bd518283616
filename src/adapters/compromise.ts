/**
 * The one place compromise is called. quarry uses it only to read its word
 * lexicon (first names, surnames, places, organisations, demonyms) when the
 * entity gazetteer is rebuilt; no stage runs a compromise parse per article.
 */
import nlp from 'compromise';

/** compromise's built-in lexicon: lower-cased word or phrase → its tag(s). */
export function compromiseLexicon(): Map<string, string[]> {
  const lexicon = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const out = new Map<string, string[]>();
  for (const [word, tags] of Object.entries(lexicon)) out.set(word, Array.isArray(tags) ? tags : [tags]);
  return out;
}
