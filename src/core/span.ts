import type { Span, TextSpan } from './types.ts';

/** The text span `[start, end)` of `text`, with its exact slice. */
export function textSpan(text: string, start: number, end: number): TextSpan {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= text.length)) {
    throw new RangeError(`span [${start}, ${end}) is outside a text of ${text.length} code units`);
  }
  return { text: text.slice(start, end), start, end };
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Sorts by start alone; stable, so items that start together keep their order. */
export function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}

/** Sorts by start, then longer first; stable, so equal spans keep their order. */
export function bySpan<T extends Span>(a: T, b: T): number {
  return a.start - b.start || b.end - a.end;
}

/**
 * Gives each item of an already-sorted list its id: the list's letter and a
 * running number (e1, e2, … / q1, …).
 */
export function numberIds<T extends { id: string }>(items: T[], letter: string): T[] {
  items.forEach((item, i) => {
    item.id = `${letter}${i + 1}`;
  });
  return items;
}
