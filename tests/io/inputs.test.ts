import { describe, expect, it } from 'vitest';
import { decodeArticle, globToRegExp, IdClaims, unsafeIdReason } from '../../src/io/inputs.ts';
import { pathInside } from '../../src/io/outputs.ts';

describe('unsafeIdReason', () => {
  it.each([
    ['article-1', undefined],
    ['000_6d8a06d22f37ec03', undefined],
    ['Ünïcode id', undefined],
    ['../x', 'path separator'],
    ['/etc/x', 'path separator'],
    ['a\\b', 'path separator'],
    ['..', 'dot'],
    ['.hidden', 'dot'],
    ['', 'empty'],
    ['a\u0000b', 'not allowed'],
    ['x'.repeat(201), 'longer'],
  ])('%j', (id, reason) => {
    const got = unsafeIdReason(id);
    if (reason === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(reason);
  });
});

describe('decodeArticle', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['plain text', enc('Hello.'), { text: 'Hello.' }],
    ['byte-order mark stripped', enc('\uFEFFHello.'), { text: 'Hello.' }],
    ['empty', enc(''), { error: 'empty or whitespace-only text' }],
    ['whitespace only', enc(' \n\t '), { error: 'empty or whitespace-only text' }],
    ['invalid UTF-8', new Uint8Array([0x48, 0xff, 0xfe, 0x41]), { error: 'invalid UTF-8' }],
    ['binary', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]), { error: 'binary content (NUL bytes), not text' }],
  ])('%s', (_name, bytes, expected) => {
    expect(decodeArticle(bytes)).toEqual(expected);
  });
});

describe('globToRegExp', () => {
  it.each([
    ['*.txt', 'a.txt', true],
    ['*.txt', 'dir/a.txt', false],
    ['**/*.txt', 'a.txt', true],
    ['**/*.txt', 'x/y/a.txt', true],
    ['d?.txt', 'd1.txt', true],
    ['{a,b}.jsonl', 'b.jsonl', true],
    ['[0-9]*.txt', 'x1.txt', false],
  ])('%s matches %s: %s', (glob, path, ok) => {
    expect(globToRegExp(glob).test(path)).toBe(ok);
  });
});

describe('pathInside', () => {
  it('keeps names inside the folder', () => {
    expect(pathInside('/tmp/out', 'a.json')).toBe('/tmp/out/a.json');
  });
  it.each(['../a.json', '/etc/passwd', 'x/../../y', '.'])('refuses %s', (name) => {
    expect(() => pathInside('/tmp/out', name)).toThrow(/outside the output folder/);
  });
});

describe('readJsonlLines', () => {
  it('turns a source that breaks off into one error item after the lines it gave', async () => {
    const { Readable } = await import('node:stream');
    const { readJsonl } = await import('../../src/io/inputs.ts');
    const stream = new Readable({ read() {} });
    stream.push('{"id":"a","text":"One."}\n');
    setImmediate(() => stream.destroy(Object.assign(new Error('gone'), { code: 'EIO' })));
    const items = [];
    for await (const item of readJsonl(stream, 'x.jsonl')) items.push(item);
    expect(items).toEqual([
      { kind: 'article', id: 'a', text: 'One.', source: { path: 'x.jsonl', line: 1 } },
      { kind: 'error', source: 'x.jsonl', error: 'cannot read: EIO' },
    ]);
  });
});

describe('IdClaims', () => {
  it('names where a duplicate id was first seen: file, JSONL line, or the same place', () => {
    const ids = new IdClaims();
    const rows: Array<[string, string, number | undefined, string | undefined]> = [
      ['a', 'in/one.txt', undefined, undefined],
      ['b', 'in/archive.jsonl', 1, undefined],
      ['c', 'in/archive.jsonl', 2, undefined],
      ['d', 'in/other.jsonl', 70000, undefined],
      ['a', 'in/archive.jsonl', 3, 'duplicate id "a" (first seen at in/one.txt)'],
      ['c', 'in/archive.jsonl', 4, 'duplicate id "c" (first seen at in/archive.jsonl:2)'],
      ['d', 'in/other.jsonl', 70000, 'duplicate id "d" (first seen at the same place)'],
      ['b', 'in/two.txt', undefined, 'duplicate id "b" (first seen at in/archive.jsonl:1)'],
      ['../x', 'in/archive.jsonl', 5, 'unsafe id: ' + unsafeIdReason('../x')],
      ['e', 'in/archive.jsonl', 6, undefined],
    ];
    for (const [id, path, line, want] of rows) expect(ids.claim(id, path, line), `${id} at ${path}:${line}`).toBe(want);
  });
});
