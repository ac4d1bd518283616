import { parseHTML } from 'linkedom';

type ParsedDocument = ReturnType<typeof parseHTML>['document'];
import { describe, expect, it } from 'vitest';
import { paragraphRanges, renderMarkedText, type Mark } from '../../src/view/markup.ts';

/** Renders `marks` over `text` and returns the container element. */
function render(text: string, marks: Mark[]) {
  const { document } = parseHTML(`<!doctype html><html><body><div id="t">${renderMarkedText(text, marks)}</div></body></html>`);
  return { document, root: document.getElementById('t')! };
}

const mark = (key: string, start: number, end: number, rank = 0): Mark => ({ key, start, end, rank, classes: `m m-${key}` });

/** The item's text as the page shows it: its fragments joined, in document order. */
function shown(document: ParsedDocument, key: string): string {
  return [...document.querySelectorAll(`[data-k="${key}"]`)].map((el) => el.textContent).join('');
}

/** What the fragments of [start, end) must join to: the slice without the line breaks between paragraphs. */
function expectedShown(text: string, start: number, end: number): string {
  const paras = paragraphRanges(text);
  let out = '';
  for (const p of paras) {
    const a = Math.max(start, p.start);
    const b = Math.min(end, p.end);
    if (a < b) out += text.slice(a, b);
  }
  return out;
}

describe('paragraphRanges', () => {
  it.each<[string, string, Array<[number, number]>]>([
    ['one line', 'One line.', [[0, 9]]],
    ['leading break (the seed starts with one)', '\nA.\nB.', [[1, 3], [4, 6]]],
    ['blank and whitespace-only lines are gaps', 'A.\n\n  \nB.', [[0, 2], [7, 9]]],
    ['CRLF: the \\r stays in the gap', 'A.\r\nB.', [[0, 2], [4, 6]]],
    ['nothing but spacing yields nothing', '\n \n', []],
  ])('%s', (_name, text, expected) => {
    expect(paragraphRanges(text).map((p) => [p.start, p.end])).toEqual(expected);
  });
});

describe('renderMarkedText', () => {
  it('keeps the whole text: the container shows exactly the original', () => {
    const text = '\nFirst “para”.\n\nSecond & <last>.\n';
    const { root } = render(text, [mark('a', 7, 11)]);
    expect(root.textContent).toBe(text);
    expect(root.querySelectorAll('p')).toHaveLength(2);
  });

  it('yields no element for no items, and none for an empty item', () => {
    const { root } = render('Plain text.', [mark('empty', 3, 3)]);
    expect(root.querySelectorAll('span')).toHaveLength(0);
    expect(root.innerHTML).toBe('<p>Plain text.</p>');
  });

  // [name, text, marks, keys expected nested as [outer, inner]]
  it.each<[string, string, Mark[], Array<[string, string]>]>([
    ['money inside a quote', 'He said “it cost £5m to fix” today.', [mark('q', 9, 27, 0), mark('m', 17, 20, 4)], [['q', 'm']]],
    ['an entity inside a speaker name', 'Sir Keir Starmer said it.', [mark('spk', 0, 16, 1), mark('e', 4, 16, 2)], [['spk', 'e']]],
    ['identical spans nest by rank', 'Reform UK said so.', [mark('e', 0, 9, 2), mark('spk', 0, 9, 1)], [['spk', 'e']]],
    ['three levels', 'A “quote with Mr Big Name in it”.', [mark('q', 3, 31, 0), mark('spk', 14, 25, 1), mark('e', 17, 25, 2)], [['q', 'spk'], ['spk', 'e']]],
  ])('%s: one element per item, nested, each showing its own text', (_name, text, marks, nested) => {
    const { document } = render(text, marks);
    for (const m of marks) {
      const els = document.querySelectorAll(`[data-k="${m.key}"]`);
      expect(els, m.key).toHaveLength(1);
      expect(els[0].textContent).toBe(text.slice(m.start, m.end));
    }
    for (const [outer, inner] of nested) {
      expect(document.querySelector(`[data-k="${outer}"] [data-k="${inner}"]`), `${inner} inside ${outer}`).not.toBeNull();
    }
  });

  it('adjacent items are siblings, not nested', () => {
    const { document } = render('abcdef', [mark('x', 0, 3), mark('y', 3, 6)]);
    expect(document.querySelector('[data-k="x"] [data-k="y"]')).toBeNull();
    expect(shown(document, 'x')).toBe('abc');
    expect(shown(document, 'y')).toBe('def');
  });

  it('crossing items: the later one is split into fragments that join to its text', () => {
    const text = '0123456789abcdefghij';
    const { document } = render(text, [mark('a', 0, 10), mark('b', 5, 15)]);
    expect(document.querySelectorAll('[data-k="a"]')).toHaveLength(1);
    expect(document.querySelectorAll('[data-k="b"]')).toHaveLength(2);
    expect(document.querySelector('[data-k="b"][data-frag="1"]')).not.toBeNull();
    expect(shown(document, 'a')).toBe(text.slice(0, 10));
    expect(shown(document, 'b')).toBe(text.slice(5, 15));
  });

  it('an item over a paragraph break is one fragment per paragraph; the break stays outside <p>', () => {
    const text = '“First part.\n“Second part,” he said.';
    const q = mark('q', 1, 26);
    const { document, root } = render(text, [q]);
    const frags = document.querySelectorAll('[data-k="q"]');
    expect(frags).toHaveLength(2);
    expect(frags[0].parentElement!.tagName).toBe('P');
    expect(frags[1].parentElement!.tagName).toBe('P');
    expect(shown(document, 'q')).toBe('First part.“Second part,');
    expect(root.textContent).toBe(text);
  });

  it('escapes markup in the text and in attribute values', () => {
    const text = '<script>alert(1)</script> "><img src=x onerror=alert(1)> & done';
    const m: Mark = { key: 'k"><b>', start: 0, end: 25, rank: 0, classes: 'x" onclick="alert(1)', attrs: [['data-tip', '"><img src=x>']], firstAttrs: [['title', "'<svg/onload=alert(1)>"]] };
    const { document, root } = render(text, [m]);
    expect(root.textContent).toBe(text);
    expect(document.querySelectorAll('script, img, b, svg')).toHaveLength(0);
    const el = root.querySelector('span')!;
    expect(el.getAttribute('data-k')).toBe('k"><b>');
    expect(el.getAttribute('class')).toBe('x" onclick="alert(1)');
    expect(el.hasAttribute('onclick')).toBe(false);
    expect(el.getAttribute('data-tip')).toBe('"><img src=x>');
    expect(el.getAttribute('title')).toBe("'<svg/onload=alert(1)>");
  });

  it('first-fragment attributes appear once; shared attributes on every fragment', () => {
    const text = 'one\ntwo';
    const m: Mark = { key: 'q', start: 0, end: 7, rank: 0, classes: 'q', attrs: [['data-speakers', 'e1']], firstAttrs: [['data-badge', 'B'], ['tabindex', '0']] };
    const { document } = render(text, [m]);
    const frags = [...document.querySelectorAll('[data-k="q"]')];
    expect(frags.map((f) => f.getAttribute('data-speakers'))).toEqual(['e1', 'e1']);
    expect(frags.map((f) => f.getAttribute('data-badge'))).toEqual(['B', null]);
    expect(document.querySelectorAll('[tabindex]')).toHaveLength(1);
  });

  it('random overlapping items always show exactly their own text (property test, fixed seed)', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = 'ab c\n“”<&>é😀';
    for (let round = 0; round < 150; round++) {
      const len = 5 + rand(60);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[rand(alphabet.length)];
      // Emoji are two code units: slices may cut them, as offsets from a buggy record could; rendering must still hold.
      const marks: Mark[] = [];
      const count = rand(8);
      for (let i = 0; i < count; i++) {
        const a = rand(text.length + 1);
        const b = rand(text.length + 1);
        marks.push(mark(`k${i}`, Math.min(a, b), Math.max(a, b), rand(5)));
      }
      const { document, root } = render(text, marks);
      expect(root.textContent, JSON.stringify({ text, marks })).toBe(text);
      for (const m of marks) {
        if (m.end === m.start) continue;
        expect(shown(document, m.key), JSON.stringify({ text, m })).toBe(expectedShown(text, m.start, m.end));
      }
    }
  });
});
