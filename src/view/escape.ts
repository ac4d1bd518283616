/**
 * HTML escaping. Article text is untrusted (it comes from the web), so every
 * character that can open markup or close an attribute is escaped, in text
 * and in attributes alike (OWASP XSS cheat sheet, rules 1 and 2).
 */
const ENTITIES: { [c: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `s` safe to place in element content or in a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
