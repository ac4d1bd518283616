/**
 * Screenshot of a review page, for the README (docs/screenshot.png):
 *
 *   npx tsx src/view/screenshot.ts PAGE.html OUT.png [--width 1280] [--height 1000] [--select 'ENTITY NAME'] [--scroll-to ELEMENT_ID]
 *
 * Uses the distribution's headless Chromium (.ci/chromium.sh), as the browser
 * test does. `--select` clicks the side-list button of the entity with that
 * name (names, not ids, so the command survives ids shifting) so the picture
 * shows a selection. A maintainer's tool, not part of the quarry command line.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

export async function screenshotPage(page: string, out: string, o: { width?: number; height?: number; select?: string; scrollTo?: string } = {}): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/chromium.sh`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const tab = await browser.newPage({ viewport: { width: o.width ?? 1280, height: o.height ?? 1000 }, deviceScaleFactor: 1 });
    await tab.goto(pathToFileURL(resolve(page)).href);
    if (o.select) await tab.locator(`aside button[data-name=${JSON.stringify(o.select)}]`).first().click();
    if (o.scrollTo) await tab.evaluate(`document.getElementById(${JSON.stringify(o.scrollTo)}).scrollIntoView()`);
    await tab.mouse.move(0, 0);
    await tab.screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

const invokedDirectly = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''));
if (invokedDirectly) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { width: { type: 'string' }, height: { type: 'string' }, select: { type: 'string' }, 'scroll-to': { type: 'string' } },
  });
  if (positionals.length !== 2) {
    process.stderr.write(`usage: npx tsx src/view/screenshot.ts PAGE.html OUT.png [--width N] [--height N] [--select 'ENTITY NAME'] [--scroll-to ELEMENT_ID]\n`);
    process.exit(2);
  }
  await screenshotPage(positionals[0], positionals[1], {
    ...(values.width && { width: Number(values.width) }),
    ...(values.height && { height: Number(values.height) }),
    ...(values.select && { select: values.select }),
    ...(values['scroll-to'] && { scrollTo: values['scroll-to'] }),
  });
  process.stderr.write(`wrote ${positionals[1]}\n`);
}
