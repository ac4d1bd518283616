import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { goldPathFor, LineReader, readViewItems } from '../../src/view/inputs.ts';
import { ARTICLE, articleRecord } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'quarry-view-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('LineReader', () => {
  const file = join(dir, 'five.jsonl');
  writeFileSync(file, 'one\ntwo\r\nthree\nfour\nfive\n');

  it('serves lines forwards, again, backwards and past the end from one reader', async () => {
    const reader = new LineReader();
    const asked: Array<[number, string | undefined]> = [
      [1, 'one'],
      [3, 'three'],
      [3, 'three'], // the same line again restarts the cursor
      [2, 'two'], // backwards too, CRLF trimmed
      [5, 'five'],
      [6, undefined], // past the end yields nothing
      [4, 'four'],
    ];
    for (const [n, expected] of asked) expect(await reader.line(file, n), `line ${n}`).toBe(expected);
    reader.close();
  });
});

describe('readViewItems', () => {
  it('tells records from articles line by line on standard input', async () => {
    const record = articleRecord(ARTICLE, 'r1', 'somewhere.txt');
    const input = [JSON.stringify({ id: 'a1', text: 'Some text.' }), JSON.stringify(record), '[1,2]', JSON.stringify({ id: 'a1', text: 'again' })].join('\n');
    const items = [];
    for await (const item of readViewItems([{ stdin: Readable.from([input]) }])) items.push(item);
    expect(items.map((i) => (i.kind === 'error' ? `error:${i.line}:${i.error.slice(0, 20)}` : i.kind === 'article' ? `article:${i.id}` : `record:${i.record.id}:${i.line}`))).toEqual([
      'article:a1',
      'record:r1:2',
      'error:3:a JSONL line must be',
      'error:4:duplicate id "a1" (f',
    ]);
  });
});

describe('goldPathFor', () => {
  it.each<[string, string, string | undefined]>([
    ['corpus/a1.txt', 'a1', join('corpus', 'a1.gold.json')],
    ['feeds/batch.jsonl', 'x7', join('feeds', 'x7.gold.json')],
    ['-', 'x7', undefined], // standard input has no folder to hold gold
  ])('%s (%s)', (path, id, expected) => expect(goldPathFor(path, id)).toBe(expected));
});
