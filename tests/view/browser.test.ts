/**
 * Review pages in a real browser: headless Chromium from the distribution's
 * packages (.ci/chromium.sh installs it), driven by playwright-core, pages
 * opened from disk as a reviewer would. Fails, never skips, without Chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runView } from '../../src/cli/commands/view.ts';
import { sha256Hex } from '../../src/pipeline.ts';
import { renderArticlePage } from '../../src/view/page.ts';
import { ARTICLE, articleGold, articleRecord, at } from './fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let browser: Browser | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-view-browser-'));
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

/** The browser, or a failure (never a skip) saying how to get one. */
function needBrowser(): Browser {
  if (!browser) {
    throw new Error(`${CHROMIUM} is missing: the review-page browser test needs Debian's chromium. Run .ci/chromium.sh (apt-get install -y chromium) and re-run.`);
  }
  return browser;
}

afterAll(async () => {
  await browser?.close();
  // The screenshots stay for a person to look at when a run fails; the folder is small.
  if (dir && process.env.QUARRY_KEEP_SCREENSHOTS === undefined) rmSync(dir, { recursive: true, force: true });
});

/** Writes `html` to the temp folder and opens it from disk, recording every request and dialog. */
async function open(name: string, html: string, viewport = { width: 1100, height: 900 }) {
  const file = join(dir, name);
  writeFileSync(file, html);
  const page = await needBrowser().newPage({ viewport });
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  return { page, requests, dialogs, errors };
}

const classesOf = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => el.className));
const pressedOf = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => el.getAttribute('aria-pressed')));

describe('a review page in Chromium', () => {
  it('clicking an entity highlights all its mentions and the quotes it speaks; clicking again clears', async () => {
    const { page, requests, errors } = await open('a1.html', renderArticlePage({ id: 'a1', text: ARTICLE, record: articleRecord() }));
    await page.click('[data-k="e1-m1"]');
    expect(await classesOf(page, '#text [data-ents~="e1"]')).toHaveLength(2);
    expect((await classesOf(page, '#text [data-ents~="e1"]')).every((c) => c.split(' ').includes('sel'))).toBe(true);
    expect(await pressedOf(page, '#text [data-ents~="e1"]')).toEqual(['true', 'true']);
    // Starmer's quotes (q1–q4, q4 in two fragments) are highlighted; Reform UK's q5 and London are not.
    const quotes = await page.$$eval('#text .q', (els) => els.map((el) => [el.getAttribute('data-k'), el.classList.contains('sel')]));
    expect(quotes).toEqual([['q1', true], ['q2', true], ['q3', true], ['q4', true], ['q4', true], ['q5', false]]);
    expect(await classesOf(page, '#text [data-ents~="e2"]')).toEqual([expect.not.stringContaining('sel')]);
    expect(await page.getAttribute('button[data-select="e1"]', 'aria-pressed')).toBe('true');
    expect(await page.textContent('#status')).toBe('Keir Starmer selected: 2 mentions, 4 quotes');
    await page.screenshot({ path: join(dir, 'selected.png'), fullPage: true });
    expect(statSync(join(dir, 'selected.png')).size).toBeGreaterThan(10_000);

    await page.click('[data-k="e1-m0"]');
    expect(await page.$$eval('.sel', (els) => els.length)).toBe(0);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works by keyboard: Tab reaches a mention, Enter and Space select, Escape clears', async () => {
    const { page } = await open('a1-keys.html', renderArticlePage({ id: 'a1', text: ARTICLE, record: articleRecord() }));
    let focused: string | null = null;
    for (let i = 0; i < 40 && focused === null; i++) {
      await page.keyboard.press('Tab');
      // Page-side code as strings: the project compiles without the DOM library.
      focused = (await page.evaluate("document.activeElement && document.activeElement.closest('#text [data-ents]') ? document.activeElement.getAttribute('data-k') : null")) as string | null;
    }
    expect(focused).toBe('e1-m0');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('[data-k="e1-m1"]', 'aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await page.$$eval('.sel', (els) => els.length)).toBe(0);
    await page.focus('[data-k="e3-m0"]');
    await page.keyboard.press(' ');
    expect((await page.$$eval('#text .sel', (els) => els.map((el) => el.getAttribute('data-k')))).sort()).toEqual(['e3-m0', 'q5', 'q5-cue', 'q5-spk']);
    // Space on a mention selects instead of scrolling the page.
    expect(await page.evaluate('window.scrollY')).toBe(0);
    await page.close();
  });

  it('numbers and money show value and currency on hover and on focus', async () => {
    const { page } = await open('a1-tips.html', renderArticlePage({ id: 'a1', text: ARTICLE, record: articleRecord() }));
    const after = (key: string) => page.evaluate(`getComputedStyle(document.querySelector('[data-k="${key}"]'), '::after').content`);
    expect(await after('m1')).toBe('none');
    await page.focus('[data-k="m1"]');
    expect(await after('m1')).toBe('"GBP 7,700,000,000 · estimated"');
    await page.hover('[data-k="n1"]');
    expect(await after('n1')).toBe('"40 · cardinal · more than"');
    await page.close();
  });

  it('an article holding <script> and onerror markup shows the characters and runs nothing', async () => {
    const text = 'Police said <script>alert(1)</script> was posted.\nThen "><img src=x onerror=alert(2)> appeared, and \'><svg onload=alert(3)>.';
    const evil = at(text, '"><img src=x onerror=alert(2)>');
    const record = {
      entities: [{ id: 'e1', type: 'ORG' as const, name: '"><img src=x onerror=alert(4)>', mentions: [evil] }],
      quotes: [{ id: 'q1', ...at(text, '<script>alert(1)</script>'), kind: 'direct' as const, speaker: { name: '<script>alert(5)</script>', entityId: null, mention: at(text, 'Police') }, cue: at(text, 'said') }],
      numbers: [{ id: 'n1', ...at(text, "'><svg onload=alert(3)>"), value: 3, kind: 'cardinal' as const }],
      money: [],
    };
    const { page, dialogs, requests, errors } = await open('evil.html', renderArticlePage({ id: 'evil', text, record, title: '<img src=x onerror=alert(6)>' }));
    await page.click('[data-k="e1-m0"]');
    await page.hover('[data-k="n1"]');
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(await page.$$eval('img, svg, #text script', (els) => els.length)).toBe(0);
    expect(await page.textContent('#text')).toBe(text);
    expect(await page.innerText('h1')).toBe('<img src=x onerror=alert(6)>');
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('from quarry view to the browser: the index links to each page, worst first', async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus, { recursive: true });
    writeFileSync(join(corpus, 'a1.txt'), ARTICLE);
    writeFileSync(join(corpus, 'a1.gold.json'), JSON.stringify(articleGold()));
    writeFileSync(join(corpus, 'b2.txt'), ARTICLE);
    const out = join(dir, 'view');
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await runView([corpus, '--gold', '--out', out], { extract: (text, o) => ({ ...articleRecord(text, o.id), source: { ...o.source, sha256: sha256Hex(text) } }) });
    quiet.mockRestore();
    expect(code).toBe(0);
    const page = await needBrowser().newPage({ viewport: { width: 375, height: 800 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    expect(await page.$$eval('tbody a', (els) => els.map((a) => a.textContent))).toEqual(['a1', 'b2']);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.click('text=a1');
    await page.waitForURL(/a1\.html$/);
    await page.click('#text [data-k="e1-m0"]');
    expect(await page.$$eval('#text [data-ents~="e1"].sel', (els) => els.length)).toBe(2);
    await page.click('text=← all articles');
    await page.waitForURL(/index\.html$/);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('fits a 375 px screen without sideways scrolling, gold diff included', async () => {
    const { page } = await open('a1-gold.html', renderArticlePage({ id: 'a1', text: ARTICLE, record: articleRecord(), gold: articleGold() }), { width: 375, height: 800 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.click('[data-k="e1-m0"]');
    expect(await page.$$eval('#text .sel', (els) => els.length)).toBeGreaterThan(3);
    // n / p walk the differences in text order; a miss comes before the extra on the same word (it sits outside it).
    const focusedKey = () => page.evaluate('document.activeElement && document.activeElement.getAttribute("data-k")');
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('n');
      seen.push(await focusedKey());
    }
    expect(seen).toEqual(['n1', 'gm2', 'g2-x0', 'e2-m0']);
    for (let i = 0; i < 4; i++) await page.keyboard.press('p');
    expect(await focusedKey()).toBe('q5'); // back past the first, round to the last difference
    expect(await page.textContent('#status')).toMatch(/^Difference \d+ of \d+$/);
    await page.screenshot({ path: join(dir, 'narrow.png'), fullPage: true });
    expect(statSync(join(dir, 'narrow.png')).size).toBeGreaterThan(10_000);
    await page.close();
  });
});
