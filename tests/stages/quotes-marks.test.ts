import { describe, expect, it } from 'vitest';
import { findParagraphs } from '../../src/core/doc.ts';
import type { Paragraph } from '../../src/core/types.ts';
import { findQuoteSpans } from '../../src/stages/quotes/marks.ts';

function paragraphsOf(text: string): Paragraph[] {
  return findParagraphs(text).map((s, index) => ({ ...s, index, sentenceStart: 0, sentenceEnd: 0 }));
}

function quoted(text: string): { inner: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const spans = findQuoteSpans(text, paragraphsOf(text), (code) => warnings.push(code));
  return { inner: spans.map((s) => text.slice(s.start, s.end)), warnings };
}

describe('findQuoteSpans', () => {
  const rows: Array<[string, string[], string[]?]> = [
    ['“Curly double,” she said.', ['Curly double,']],
    ['"Straight double," she said.', ['Straight double,']],
    ['‘Curly single,’ she said.', ['Curly single,']],
    ["'Straight single,' she said.", ['Straight single,']],
    ['He called it "odd" and "wrong".', ['odd', 'wrong']],
    // Apostrophes never open or close a quote.
    ["I don't think it's Jones' fault.", []],
    ['It’s the Joneses’ house.', []],
    ["Back in the '90s and the ’80s, rock 'n' roll at 5 o'clock.", []],
    ["‘It’s Jones’ car, not mine,’ she said.", ['It’s Jones’ car, not mine,']],
    ["'Don't,' he said.", ["Don't,"]],
    // Nested quotes stay inside the outer one.
    ['“He told me ‘never again’ and left,” she said.', ['He told me ‘never again’ and left,']],
    ['‘He told me “never again” and left,’ she said.', ['He told me “never again” and left,']],
    ['"He said \'no\' twice," she said.', ["He said 'no' twice,"]],
    // A quote running over paragraphs is one span, the break and re-opening mark included.
    ['“First paragraph.\n“Second paragraph,” she said.', ['First paragraph.\n“Second paragraph,']],
    ['‘First.\n\n‘Second.’', ['First.\n\n‘Second.']],
    ['"One.\n"Two.\n"Three," he said.', ['One.\n"Two.\n"Three,']],
    // Unclosed or stray marks degrade with a warning.
    ['“Never closed, she said.', ['Never closed, she said.'], ['unclosed-quote']],
    ['“Never closed.\nNext paragraph is plain.', ['Never closed.'], ['unclosed-quote']],
    ['A stray closer” here.', [], ['unmatched-close-quote']],
    ['“We will,“ she said, “act now.“', ['We will,', 'act now.']],
    ['“We will, she said. “Act now.”', ['We will, she said.', 'Act now.'], ['unclosed-quote']],
    ['', []],
    ['No quotes at all.', []],
  ];
  it.each(rows)('%j', (text, inner, warnings = []) => {
    const got = quoted(text);
    expect(got.inner).toEqual(inner);
    for (const w of warnings) expect(got.warnings).toContain(w);
    if (warnings.length === 0) expect(got.warnings).toEqual([]);
  });

  it('keeps every span an exact slice of the original text', () => {
    const text = '\n  “A,” he said.\r\n“B\r\n“C,” she said. It’s ‘D’.';
    const spans = findQuoteSpans(text, paragraphsOf(text), () => {});
    expect(spans.length).toBeGreaterThan(0);
    for (const s of spans) {
      expect(s.start).toBe(s.open + 1);
      expect(text.slice(s.start, s.end).length).toBe(s.end - s.start);
      expect(s.close).toBeGreaterThanOrEqual(s.end);
    }
  });

  it('stays linear on pathological input', () => {
    const marks = '“'.repeat(10_000) + ' x ' + '”'.repeat(5_000) + "'".repeat(5_000) + '"'.repeat(10_000);
    let t = performance.now();
    expect(() => findQuoteSpans(marks, paragraphsOf(marks), () => {})).not.toThrow();
    expect(performance.now() - t).toBeLessThan(2_000);
    const line = '“We will act,” she said. The “red wall” and Jones’ dog. ';
    const big = `${line.repeat(Math.ceil(5_000_000 / line.length / 50))}\n`.repeat(50);
    expect(big.length).toBeGreaterThan(5_000_000);
    t = performance.now();
    const spans = findQuoteSpans(big, paragraphsOf(big), () => {});
    expect(performance.now() - t).toBeLessThan(10_000);
    expect(spans.length).toBeGreaterThan(100_000);
  });
});
