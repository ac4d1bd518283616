import { parseHTML } from 'linkedom';

type ParsedDocument = ReturnType<typeof parseHTML>['document'];
import { describe, expect, it } from 'vitest';
import type { Gold } from '../../schemas/gold.ts';
import { PAGE_JS } from '../../src/view/assets.ts';
import { paragraphRanges } from '../../src/view/markup.ts';
import { buildPageModel, describeMoney, describeNumber } from '../../src/view/model.ts';
import { renderArticlePage, renderIndexPage, sortWorstFirst, type IndexEntry } from '../../src/view/page.ts';
import { ARTICLE, articleGold, articleRecord, at } from './fixtures.ts';

function dom(html: string) {
  return parseHTML(html).document;
}

/** An item's fragments joined; across paragraphs the breaks between them are not inside any fragment. */
function shown(document: ParsedDocument, key: string): string {
  return [...document.querySelectorAll(`[data-k="${key}"]`)].map((el) => el.textContent).join('');
}
function expectedShown(text: string, start: number, end: number): string {
  return paragraphRanges(text)
    .map((p) => (Math.max(start, p.start) < Math.min(end, p.end) ? text.slice(Math.max(start, p.start), Math.min(end, p.end)) : ''))
    .join('');
}

describe('article page without gold', () => {
  const record = articleRecord();
  const document = dom(renderArticlePage({ id: 'a1', text: ARTICLE, record }));
  const article = document.getElementById('text')!;

  it('shows the original text exactly, paragraphs as <p>', () => {
    expect(article.textContent).toBe(ARTICLE);
    expect(article.querySelectorAll('p')).toHaveLength(4);
  });

  it('every highlighted span shows exactly its item text, overlaps included', () => {
    const spans: Array<[string, { start: number; end: number }]> = [
      ...record.entities.flatMap((e) => e.mentions.map((m, i) => [`${e.id}-m${i}`, m] as [string, typeof m])),
      ...record.quotes.map((q) => [q.id, q] as [string, typeof q]),
      ...record.numbers.map((n) => [n.id, n] as [string, typeof n]),
      ...record.money.map((m) => [m.id, m] as [string, typeof m]),
    ];
    expect(spans.length).toBe(11);
    for (const [key, span] of spans) {
      expect(document.querySelectorAll(`[data-k="${key}"]`).length, key).toBeGreaterThan(0);
      expect(shown(document, key), key).toBe(expectedShown(ARTICLE, span.start, span.end));
    }
  });

  it('nests overlaps: money and number inside their quote, a name inside the speaker words', () => {
    expect(document.querySelector('[data-k="q1"] [data-k="m1"]')).not.toBeNull();
    expect(document.querySelector('[data-k="q1"] [data-k="n1"]')).not.toBeNull();
    expect(document.querySelector('#text .spk [data-k="e1-m0"]')!.textContent).toBe('Keir Starmer');
    expect(document.querySelector('#text .spk')!.textContent).toBe('Sir Keir Starmer');
  });

  it('a quote over two paragraphs keeps its badge once and its speaker on every fragment', () => {
    const frags = [...document.querySelectorAll('[data-k="q4"]')];
    expect(frags).toHaveLength(2);
    expect(frags.map((f) => f.getAttribute('data-badge'))).toEqual(['Keir Starmer · said · direct · continues q3', null]);
    expect(frags.every((f) => f.getAttribute('data-speakers') === 'e1')).toBe(true);
  });

  it('quotes carry speaker name, cue and kind; cue and speaker words are marked', () => {
    expect(document.querySelector('[data-k="q1"]')!.getAttribute('data-badge')).toBe('Keir Starmer · said · partial');
    expect(document.querySelector('[data-k="q2"]')!.getAttribute('data-badge')).toBe('Keir Starmer · adding · direct');
    expect(document.querySelector('[data-k="q3-cue"]')!.textContent).toBe('told');
    expect(document.querySelector('[data-k="q4-spk"]')!.textContent).toBe('he');
  });

  it('entities are selectable by keyboard and typed twice over (colour class and a label)', () => {
    const m = document.querySelector('[data-k="e1-m1"]')!;
    expect(m.getAttribute('class')).toContain('t-PERSON');
    expect(m.getAttribute('data-tag')).toBe('PERSON');
    expect(m.getAttribute('tabindex')).toBe('0');
    expect(m.getAttribute('role')).toBe('button');
    expect(m.getAttribute('data-ents')).toBe('e1');
    const button = document.querySelector('button[data-select="e1"]')!;
    expect(button.textContent).toContain('Keir Starmer');
    expect(button.textContent).toContain('4 quotes');
  });

  it('numbers and money show value and currency on hover and focus, and to screen readers', () => {
    const money = document.querySelector('[data-k="m1"]')!;
    expect(money.getAttribute('data-tip')).toBe('GBP 7,700,000,000 · estimated');
    expect(money.getAttribute('tabindex')).toBe('0');
    expect(document.getElementById(money.getAttribute('aria-describedby')!)!.textContent).toContain('GBP 7,700,000,000');
    const num = document.querySelector('[data-k="n1"]')!;
    expect(num.getAttribute('data-tip')).toBe('40 · cardinal · more than');
  });

  it('the quote and value tables link to their items in the text', () => {
    const links = [...document.querySelectorAll('table a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1));
    expect(links).toEqual(['k-q1', 'k-q2', 'k-q3', 'k-q4', 'k-q5', 'k-m1', 'k-n1']);
    for (const id of links) expect(document.getElementById(id)!.getAttribute('data-frag'), id).toBeNull();
    expect(document.getElementById('k-m1')!.textContent).toBe('an estimated £7.7bn');
  });

  it('loads nothing from the network and runs only its own script', () => {
    const scripts = [...document.querySelectorAll('script')];
    expect(scripts).toHaveLength(1);
    expect(scripts[0].textContent).toBe(PAGE_JS);
    expect(document.querySelectorAll('link, img, iframe, [src]')).toHaveLength(0);
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
  });
});

describe('escaping', () => {
  const text = [
    'Headline <script>alert(1)</script> here.',
    'Then "><img src=x onerror=alert(1)> and \'><svg onload=alert(2)> said Bob & Co.',
  ].join('\n');
  const evil = at(text, '"><img src=x onerror=alert(1)>');
  const scriptSpan = at(text, '<script>alert(1)</script>');
  const record = {
    entities: [{ id: 'e1', type: 'ORG' as const, name: '<script>alert(3)</script>', mentions: [evil] }],
    quotes: [{ id: 'q1', ...scriptSpan, kind: 'direct' as const, speaker: { name: '"><img src=x onerror=alert(4)>', entityId: 'e1', mention: evil }, cue: at(text, 'said') }],
    numbers: [],
    money: [{ id: 'm1', ...at(text, "'><svg onload=alert(2)>"), amount: 1, currency: 'USD' }],
    warnings: [{ code: '<b>x</b>', message: '<img src=y onerror=alert(5)>' }],
  };

  const evilGold: Gold = { id: 'x', split: 'dev', entities: [], quotes: [{ ...evil, kind: 'direct', speaker: { name: '<script>alert(6)</script>' } }], numbers: [], money: [] };
  for (const [label, gold] of [['without gold', undefined], ['with gold', evilGold]] as Array<[string, Gold | undefined]>) {
    it(`article text, names and messages show as characters and create no element (${label})`, () => {
      const html = renderArticlePage({ id: 'x"><script>alert(7)</script>', text, record, ...(gold && { gold }), title: '<script>alert(8)</script>', source: '"><img src=z>' });
      const document = dom(html);
      expect(document.getElementById('text')!.textContent).toBe(text);
      const scripts = [...document.querySelectorAll('script')];
      expect(scripts).toHaveLength(1);
      expect(scripts[0].textContent).toBe(PAGE_JS);
      expect(document.querySelectorAll('img, svg, b')).toHaveLength(0);
      expect([...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on')))).toHaveLength(0);
      expect(document.querySelector('h1')!.textContent).toBe('<script>alert(8)</script>');
      expect(document.querySelector('[data-k="e1-m0"]')!.textContent).toBe(evil.text);
      expect(document.body.textContent).toContain('<img src=y onerror=alert(5)>');
    });
  }

  it('the index escapes ids, titles and failure messages', () => {
    const summary = buildPageModel({ id: '<i>x</i>', text, record, title: '<script>alert(1)</script>' }).summary;
    const document = dom(renderIndexPage([{ summary, href: '%3Ci%3E.html' }], [{ source: '<img src=x onerror=alert(1)>', error: '<script>alert(2)</script>' }]));
    expect(document.querySelectorAll('script, img, i')).toHaveLength(0);
    expect(document.body.textContent).toContain('<script>alert(1)</script>');
    expect(document.body.textContent).toContain('<script>alert(2)</script>');
  });
});

describe('article page with gold: a diff', () => {
  const record = articleRecord();
  const gold = articleGold();
  const document = dom(renderArticlePage({ id: 'a1', text: ARTICLE, record, gold }));
  const cls = (key: string) => document.querySelector(`[data-k="${key}"]`)?.getAttribute('class') ?? '';

  // [key, classes it must have, classes it must not have]
  it.each<[string, string[], string[]]>([
    ['e1-m0', ['ent', 'd-match'], ['d-miss', 'd-fp']],
    ['e1-m1', ['ent', 'd-match'], ['d-miss', 'd-fp']],
    ['e2-m0', ['ent', 't-GPE', 'd-fp'], ['d-match']], // London predicted GPE, gold LOC: extra …
    ['g2-x0', ['ent', 't-LOC', 'd-miss'], ['d-match']], // … and missed, on the same characters
    ['e3-m0', ['ent', 'd-fp'], ['d-match']], // Reform UK is not in gold
    ['q1', ['q', 'd-match'], ['d-wrong']],
    ['q5', ['q', 'd-match', 'd-wrong'], []], // right span, wrong speaker
    ['n1', ['num', 'd-match', 'd-wrong'], []], // right span, wrong value
    ['m1', ['money', 'd-match'], ['d-wrong']],
    ['gm2', ['money', 'd-miss'], []], // only in gold
  ])('%s is %j', (key, must, mustNot) => {
    const c = cls(key).split(' ');
    for (const m of must) expect(c, `${key} has ${m}`).toContain(m);
    for (const m of mustNot) expect(c, `${key} lacks ${m}`).not.toContain(m);
  });

  it('labels every difference in words, never by colour alone', () => {
    expect(document.querySelector('[data-k="g2-x0"]')!.getAttribute('data-tag')).toBe('LOC missed');
    expect(document.querySelector('[data-k="e2-m0"]')!.getAttribute('data-tag')).toBe('GPE extra');
    expect(document.querySelector('[data-k="e1-m0"]')!.getAttribute('data-tag')).toBe('PERSON ✓');
    expect(document.querySelector('[data-k="q5"]')!.getAttribute('data-badge')).toBe('≠ Reform UK · called · partial (gold: Nigel Farage)');
    expect(document.querySelector('[data-k="gm2"]')!.getAttribute('data-badge')).toBe('missed');
    expect(document.querySelector('[data-k="n1"]')!.getAttribute('data-tip')).toBe('40 · cardinal · more than · gold: 400 · cardinal · more than');
  });

  it('a miss on the same characters as a false positive sits outside it (a struck prediction never strikes the miss)', () => {
    expect(document.querySelector('[data-k="g2-x0"] [data-k="e2-m0"]')).not.toBeNull();
  });

  it('matched mentions select both their predicted and their gold entity', () => {
    expect(document.querySelector('[data-k="e1-m0"]')!.getAttribute('data-ents')).toBe('e1 g1');
    expect(document.querySelector('[data-k="q1"]')!.getAttribute('data-speakers')).toBe('e1 g1');
    expect(document.querySelector('button[data-select="g2"]')!.textContent).toContain('1 missed');
  });

  it('puts the P/R/F1 table at the top with the eval figures', () => {
    const table = document.querySelector('main section table')!;
    const rows = Object.fromEntries([...table.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th')!.textContent, [...tr.querySelectorAll('td')].map((td) => td.textContent)]));
    // entities: 2 tp (Starmer ×2), 2 fp (London GPE, Reform UK), 1 fn (London LOC)
    expect(rows.entities.slice(0, 6)).toEqual(['50.0', '66.7', '57.1', '2', '2', '1']);
    expect(rows.quotes.slice(0, 6)).toEqual(['100.0', '100.0', '100.0', '5', '0', '0']);
    expect(rows.money.slice(0, 6)).toEqual(['100.0', '50.0', '66.7', '1', '0', '1']);
    // all: tp 2+5+1+1 = 9, fp 2, fn 2
    expect(rows['all (micro)'].slice(0, 6)).toEqual(['81.8', '81.8', '81.8', '9', '2', '2']);
    expect(document.body.textContent).toContain('quote speaker 4/5');
    expect(document.body.textContent).toContain('number value 0/1');
  });

  it('every drawn item, gold-only ones included, shows exactly its own text', () => {
    const { marks } = buildPageModel({ id: 'a1', text: ARTICLE, record, gold });
    expect(marks.length).toBeGreaterThan(15);
    for (const m of marks) expect(shown(document, m.key), m.key).toBe(expectedShown(ARTICLE, m.start, m.end));
    expect(shown(document, 'gm2')).toBe('the budget');
    expect(shown(document, 'g2-x0')).toBe('London');
  });
});

describe('describe values', () => {
  it.each<[string, string]>([
    [describeNumber({ value: 12, kind: 'percent' }), '12 % · percent'],
    [describeNumber({ value: 3, upper: 5, kind: 'cardinal', qualifier: 'about' }), '3–5 · cardinal · about'],
    [describeNumber({ value: 0.25, kind: 'fraction' }), '0.25 · fraction'],
    [describeMoney({ amount: 10000000000, currency: 'USD', qualifier: 'estimated' }), 'USD 10,000,000,000 · estimated'],
    [describeMoney({ amount: 7700000000, currency: 'GBP' }, '$10bn'), 'GBP 7,700,000,000 · equivalent of $10bn'],
    [describeMoney({ amount: 12.5, currency: 'EUR', per: 'hour' }), 'EUR 12.5 per hour'],
  ])('%s', (got, expected) => expect(got).toBe(expected));
});

describe('index', () => {
  const entry = (id: string, f1: number | undefined, extra: Partial<IndexEntry['summary']> = {}): IndexEntry => ({
    href: `${id}.html`,
    summary: {
      id,
      entities: 1,
      mentions: 1,
      quotes: 0,
      numbers: 0,
      money: 0,
      warnings: 0,
      ...(f1 !== undefined && { gold: { f1, precision: f1, recall: f1, tp: 1, fp: 0, fn: 0, stages: [], split: 'dev' } }),
      ...extra,
    },
  });

  it.each<[string, IndexEntry[], string[]]>([
    ['with gold: lowest F1 first, articles without gold last', [entry('b', 0.9), entry('none', undefined), entry('a', 0.5), entry('c', 1)], ['a', 'b', 'c', 'none']],
    ['without gold: most warnings first, then fewest items found', [entry('x', undefined), entry('y', undefined, { warnings: 2 }), entry('z', undefined, { mentions: 0 })], ['y', 'z', 'x']],
    ['nothing yields nothing', [], []],
  ])('%s', (_name, entries, order) => {
    expect(sortWorstFirst(entries).map((e) => e.summary.id)).toEqual(order);
    const document = dom(renderIndexPage(entries));
    expect([...document.querySelectorAll('tbody a')].map((a) => a.textContent)).toEqual(order);
  });
});

describe('performance', () => {
  it('renders a 5,000-word article with dense, overlapping items in well under a second', () => {
    const para = 'Sir Keir Starmer said the “plan, worth an estimated £7.7bn over 40 years, is a start” for London and Paris, adding that 6,000 people in Rwanda would gain.';
    const paras: string[] = [];
    while (paras.join('\n').split(/\s+/).length < 5000) paras.push(para);
    const text = paras.join('\n');
    const words = text.split(/\s+/).length;
    expect(words).toBeGreaterThanOrEqual(5000);
    const entities = [
      { id: 'e1', type: 'PERSON' as const, name: 'Keir Starmer', mentions: [] as Array<{ text: string; start: number; end: number }> },
      { id: 'e2', type: 'GPE' as const, name: 'London', mentions: [] as Array<{ text: string; start: number; end: number }> },
    ];
    const quotes = [];
    const numbers = [];
    const money = [];
    let offset = 0;
    for (let i = 0; i < paras.length; i++) {
      const local = (needle: string) => {
        const s = offset + para.indexOf(needle);
        return { text: needle, start: s, end: s + needle.length };
      };
      entities[0].mentions.push(local('Keir Starmer'));
      entities[1].mentions.push(local('London'));
      const q = local('plan, worth an estimated £7.7bn over 40 years, is a start');
      quotes.push({ id: `q${i + 1}`, ...q, kind: 'direct' as const, speaker: { name: 'Keir Starmer', entityId: 'e1', mention: local('Sir Keir Starmer') }, cue: local('said') });
      numbers.push({ id: `n${2 * i + 1}`, ...local('40'), value: 40, kind: 'cardinal' as const }, { id: `n${2 * i + 2}`, ...local('6,000'), value: 6000, kind: 'cardinal' as const });
      money.push({ id: `m${i + 1}`, ...local('an estimated £7.7bn'), amount: 7700000000, currency: 'GBP', qualifier: 'estimated' as const });
      offset += para.length + 1;
    }
    const record = { entities, quotes, numbers, money };
    const gold = { id: 'big', split: 'dev' as const, entities: [{ type: 'PERSON' as const, name: 'Keir Starmer', mentions: entities[0].mentions }], quotes, numbers: numbers.filter((_, i) => i % 3), money };
    renderArticlePage({ id: 'big', text, record }); // warm-up (JIT), so the figure is the steady state
    const t0 = performance.now();
    const html = renderArticlePage({ id: 'big', text, record });
    const plainMs = performance.now() - t0;
    const t1 = performance.now();
    const diffHtml = renderArticlePage({ id: 'big', text, record, gold });
    const goldMs = performance.now() - t1;
    console.log(`view: ${words}-word article, ${entities[0].mentions.length * 2 + quotes.length * 3 + numbers.length + money.length} items: ${plainMs.toFixed(0)} ms, with gold ${goldMs.toFixed(0)} ms`);
    expect(dom(html).getElementById('text')!.textContent).toBe(text);
    expect(diffHtml.length).toBeGreaterThan(text.length);
    expect(plainMs).toBeLessThan(500);
    expect(goldMs).toBeLessThan(500);
  });
});
