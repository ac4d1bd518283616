/**
 * Marked-up article text from a flat list of possibly overlapping items.
 *
 * Items overlap in real records (a money amount inside a quote, an entity
 * inside a speaker's name, a quote running over two paragraphs), so markup is
 * never made by replacing strings inside strings. Instead the text is cut at
 * every item and paragraph boundary into segments; each segment knows the set
 * of items covering it, and a stack of open elements is reconciled from one
 * segment to the next (the way brat and displaCy-style renderers flatten
 * annotation layers). Properly nested items come out as nested elements, one
 * element per item; an item that crosses another item's edge or a paragraph
 * break is split into fragments sharing its `data-k`.
 */
import { escapeHtml } from './escape.ts';

export interface Mark {
  /** Unique on the page; every fragment of the item carries it as `data-k`. */
  key: string;
  start: number;
  end: number;
  /** Outer first when two items share a span (a quote around its own speaker name, say). */
  rank: number;
  classes: string;
  /** Attributes on every fragment (selection hooks, tooltips). Values are escaped here. */
  attrs?: ReadonlyArray<readonly [string, string]>;
  /** Attributes on the first fragment only (tab stop, role, labels), so a split item is one stop and one label. */
  firstAttrs?: ReadonlyArray<readonly [string, string]>;
}

export interface TextRange {
  start: number;
  end: number;
}

/**
 * The paragraphs of a text: each line holding something other than
 * whitespace (issue 2: "a paragraph is a line of the text; blank lines are
 * only spacing"). A line's trailing `\r` is left to the gap.
 */
export function paragraphRanges(text: string): TextRange[] {
  const out: TextRange[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let last = end;
    if (last > start && text.charCodeAt(last - 1) === 13) last--;
    if (/\S/.test(text.slice(start, last))) out.push({ start, end: last });
    start = end + 1;
  }
  return out;
}

function compareMarks(a: Mark, b: Mark): number {
  return a.start - b.start || b.end - a.end || a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function attrString(list: ReadonlyArray<readonly [string, string]> | undefined): string {
  if (!list) return '';
  let s = '';
  for (const [name, value] of list) s += ` ${name}="${escapeHtml(value)}"`;
  return s;
}

/**
 * The text as HTML: paragraphs as `<p>`, the gaps between them (line breaks,
 * blank lines) as plain text outside them, so the container's textContent is
 * the original text exactly, and every item as `<span data-k=…>` element(s).
 * Empty items are left out (they cover no character to show).
 */
export function renderMarkedText(text: string, marks: readonly Mark[], paragraphs: readonly TextRange[] = paragraphRanges(text)): string {
  const sorted = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(text.length, m.end) }))
    .filter((m) => m.end > m.start)
    .sort(compareMarks);

  const points: number[] = [0, text.length];
  for (const m of sorted) points.push(m.start, m.end);
  for (const p of paragraphs) points.push(p.start, p.end);
  points.sort((a, b) => a - b);

  const out: string[] = [];
  const fragments = new Map<Mark, number>();
  const open: Mark[] = [];
  let active: Mark[] = [];
  let next = 0; // next mark (in sorted order) to become active
  let pi = 0;
  let inP = false;

  const closeTo = (depth: number) => {
    while (open.length > depth) {
      open.pop();
      out.push('</span>');
    }
  };
  const openMark = (m: Mark) => {
    const frag = fragments.get(m) ?? 0;
    fragments.set(m, frag + 1);
    out.push(
      `<span class="${escapeHtml(m.classes)}" data-k="${escapeHtml(m.key)}"${frag ? ` data-frag="${frag}"` : ''}${attrString(m.attrs)}${frag ? '' : attrString(m.firstAttrs)}>`,
    );
    open.push(m);
  };

  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === b) continue;
    while (pi < paragraphs.length && paragraphs[pi].end <= a) pi++;
    const para = pi < paragraphs.length && paragraphs[pi].start <= a ? paragraphs[pi] : undefined;

    let changed = false;
    while (next < sorted.length && sorted[next].start <= a) {
      active.push(sorted[next++]);
      changed = true;
    }
    if (active.some((m) => m.end <= a)) {
      active = active.filter((m) => m.end > a);
      changed = true;
    }
    if (changed) active.sort(compareMarks);

    if (!para) {
      closeTo(0);
      if (inP) {
        out.push('</p>');
        inP = false;
      }
      out.push(escapeHtml(text.slice(a, b)));
      continue;
    }
    if (!inP) {
      out.push('<p>');
      inP = true;
    }
    // Keep the longest prefix of open elements that the segment still wants, reopen the rest.
    let keep = 0;
    while (keep < open.length && keep < active.length && open[keep] === active[keep]) keep++;
    closeTo(keep);
    for (let k = keep; k < active.length; k++) openMark(active[k]);
    out.push(escapeHtml(text.slice(a, b)));
    if (b === para.end) {
      closeTo(0);
      out.push('</p>');
      inP = false;
    }
  }
  closeTo(0);
  if (inP) out.push('</p>');
  return out.join('');
}
