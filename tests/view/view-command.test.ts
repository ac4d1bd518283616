import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Record } from '../../schemas/record.ts';
import { runView } from '../../src/cli/commands/view.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { sha256Hex } from '../../src/pipeline.ts';
import { renderEvalPages } from '../../src/view/write.ts';
import { ARTICLE, articleGold, articleRecord } from './fixtures.ts';

/** A stand-in extractor: the fixture record for ARTICLE, an empty record otherwise (tests never depend on stage quality). */
function stubExtract(text: string, o: { id: string; source: { path?: string; line?: number } }): Record {
  if (text === ARTICLE) return { ...articleRecord(text, o.id), source: { ...o.source, sha256: sha256Hex(text) } };
  return { ...articleRecord(ARTICLE, o.id), source: { ...o.source, sha256: sha256Hex(text) }, entities: [], quotes: [], numbers: [], money: [] };
}

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-view-'));
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const errorsOf = (out: string) =>
  readFileSync(join(out, 'errors.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { source: string; line?: number; id?: string; error: string });
const indexOrder = (out: string) => [...parseHTML(readFileSync(join(out, 'index.html'), 'utf8')).document.querySelectorAll('tbody a')].map((a) => a.getAttribute('href'));

describe('quarry view on articles', () => {
  it('writes a page per article and an index worst first; --gold compares with <id>.gold.json beside each', async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'a1.txt'), ARTICLE);
    writeFileSync(join(corpus, 'a1.gold.json'), JSON.stringify(articleGold()));
    writeFileSync(join(corpus, 'b2.txt'), 'Nothing to see here.');
    writeFileSync(join(corpus, 'perfect.txt'), ARTICLE);
    writeFileSync(join(corpus, 'perfect.gold.json'), JSON.stringify({ ...articleGold(ARTICLE, 'perfect'), ...gold(articleRecord()) }));
    writeFileSync(join(corpus, 'baseline.json'), '{"figures":{}}'); // other JSON in the folder is not an input
    const out = join(dir, 'view');
    expect(await runView([corpus, '--gold', '--out', out], { extract: stubExtract })).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['a1.html', 'b2.html', 'errors.jsonl', 'index.html', 'perfect.html']);
    expect(indexOrder(out)).toEqual(['a1.html', 'perfect.html', 'b2.html']);
    expect(errorsOf(out)).toEqual([]);
    const a1 = parseHTML(readFileSync(join(out, 'a1.html'), 'utf8')).document;
    expect(a1.querySelectorAll('.d-miss').length).toBeGreaterThan(0);
    expect(a1.getElementById('text')!.textContent).toBe(ARTICLE);
    expect(readFileSync(join(out, 'b2.html'), 'utf8')).toContain('No gold file');
    expect(stderr).toContain('3 pages (1 without a gold file: predictions only), 0 failed');
  });

  it('without --gold: no comparison, index by warnings then fewest items', async () => {
    writeFileSync(join(dir, 'a1.txt'), ARTICLE);
    writeFileSync(join(dir, 'a1.gold.json'), JSON.stringify(articleGold()));
    writeFileSync(join(dir, 'b2.txt'), 'Nothing to see here.');
    const out = join(dir, 'out');
    expect(await runView([join(dir, 'a1.txt'), join(dir, 'b2.txt'), '--out', out], { extract: stubExtract })).toBe(0);
    const a1 = parseHTML(readFileSync(join(out, 'a1.html'), 'utf8')).document;
    expect(a1.querySelectorAll('#text [data-k]').length).toBeGreaterThan(10);
    expect(a1.querySelectorAll('#text .d-miss, #text .d-match, #text .d-fp')).toHaveLength(0);
    expect(indexOrder(out)).toEqual(['b2.html', 'a1.html']);
  });

  it('reads JSONL articles from standard input; an unsafe id fails alone and nothing lands outside the folder', async () => {
    const lines = [JSON.stringify({ id: 'ok', text: ARTICLE, title: 'A <b>title</b>' }), JSON.stringify({ id: '../evil', text: 'x y' }), '{broken'].join('\n');
    const out = join(dir, 'out');
    const code = await runView(['-', '--out', out], { extract: stubExtract, stdin: Readable.from([lines]) });
    expect(code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['errors.jsonl', 'index.html', 'ok.html']);
    expect(existsSync(join(dir, 'evil.html'))).toBe(false);
    const errors = errorsOf(out);
    expect(errors.map((e) => [e.line, e.id])).toEqual([
      [2, '../evil'],
      [3, undefined],
    ]);
    expect(errors[0].error).toContain('unsafe id');
    expect(errors[1].error).toContain('malformed JSON');
    expect(parseHTML(readFileSync(join(out, 'ok.html'), 'utf8')).document.querySelector('h1')!.textContent).toBe('A <b>title</b>');
  });

  it('an article with id "index" never replaces the index', async () => {
    writeFileSync(join(dir, 'index.txt'), ARTICLE);
    const out = join(dir, 'out');
    expect(await runView([join(dir, 'index.txt'), '--out', out], { extract: stubExtract })).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['errors.jsonl', 'index.html', 'index_.html']);
    expect(indexOrder(out)).toEqual(['index_.html']);
  });

  it('invalid gold fails that article, naming the file and the span', async () => {
    writeFileSync(join(dir, 'a1.txt'), ARTICLE);
    const bad = articleGold();
    bad.numbers[0].start += 1;
    writeFileSync(join(dir, 'a1.gold.json'), JSON.stringify(bad));
    writeFileSync(join(dir, 'b2.txt'), 'Nothing to see here.');
    const out = join(dir, 'out');
    expect(await runView([dir, '--gold', '--out', out], { extract: stubExtract })).toBe(1);
    const [e] = errorsOf(out);
    expect(e.source).toBe(join(dir, 'a1.gold.json'));
    expect(e.error).toContain('numbers[0]');
    expect(existsSync(join(out, 'b2.html'))).toBe(true);
  });
});

/** Gold equal to a record (a perfect article). */
function gold(r: Record) {
  return {
    entities: r.entities.map((e) => ({ type: e.type, name: e.name, mentions: e.mentions })),
    quotes: r.quotes.map((q) => ({ text: q.text, start: q.start, end: q.end, kind: q.kind, speaker: q.speaker && { name: q.speaker.name } })),
    numbers: r.numbers.map(({ id: _id, ...n }) => n),
    money: r.money.map(({ id: _id, ...m }) => m),
  };
}

describe('quarry view on records', () => {
  it('finds each record\'s article through source.path (and source.line for JSONL); a missing or changed article fails that record alone', async () => {
    const corpus = join(dir, 'corpus');
    const records = join(dir, 'records');
    mkdirSync(corpus);
    mkdirSync(records);
    writeFileSync(join(corpus, 'a1.txt'), ARTICLE);
    writeFileSync(join(corpus, 'a1.gold.json'), JSON.stringify(articleGold()));
    writeFileSync(join(corpus, 'batch.jsonl'), [JSON.stringify({ id: 'j0', text: 'first' }), JSON.stringify({ id: 'j1', text: ARTICLE })].join('\n') + '\n');
    writeFileSync(join(corpus, 'changed.txt'), ARTICLE + ' Edited.');
    // Record paths are as quarry extract was given them: absolute here, and relative to the records' parent folder.
    writeFileSync(join(records, 'a1.json'), JSON.stringify(articleRecord(ARTICLE, 'a1', join(corpus, 'a1.txt'))));
    writeFileSync(join(records, 'changed.json'), JSON.stringify(articleRecord(ARTICLE, 'changed', 'corpus/changed.txt')));
    const j1 = articleRecord(ARTICLE, 'j1', 'corpus/batch.jsonl');
    j1.source.line = 2;
    const gone = articleRecord(ARTICLE, 'gone', join(corpus, 'gone.txt'));
    writeFileSync(join(records, 'records.jsonl'), [JSON.stringify(j1), JSON.stringify(gone)].join('\n') + '\n');
    writeFileSync(join(records, 'errors.jsonl'), JSON.stringify({ source: 'x', error: 'old' }) + '\n'); // an extract run's error list is not an input

    const out = join(dir, 'view');
    const code = await runView([records, '--gold', '--out', out], { extract: () => { throw new Error('records are never re-extracted'); } });
    expect(code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['a1.html', 'errors.jsonl', 'index.html', 'j1.html']);
    const errors = errorsOf(out);
    expect(errors.map((e) => e.id).sort()).toEqual(['changed', 'gone']);
    expect(errors.find((e) => e.id === 'gone')!).toMatchObject({ source: join(records, 'records.jsonl'), line: 2 });
    expect(errors.find((e) => e.id === 'gone')!.error).toMatch(/article of record "gone" is missing: .*gone\.txt not found/);
    expect(errors.find((e) => e.id === 'changed')!.error).toContain('has changed since record "changed" was made');
    // a1 compared with its gold; j1 has no gold beside batch.jsonl.
    expect(readFileSync(join(out, 'a1.html'), 'utf8')).toContain('Against gold');
    const j1Page = parseHTML(readFileSync(join(out, 'j1.html'), 'utf8')).document;
    expect(j1Page.getElementById('text')!.textContent).toBe(ARTICLE);
    expect(j1Page.querySelector('.note')!.textContent).toContain('No gold file');
    expect(stderr).toContain('gone');
  });

  it('globs pick up record files as well as articles; a glob matching nothing fails alone', async () => {
    mkdirSync(join(dir, 'recs'));
    writeFileSync(join(dir, 'a1.txt'), ARTICLE);
    writeFileSync(join(dir, 'recs', 'a1.json'), JSON.stringify(articleRecord(ARTICLE, 'a1', join(dir, 'a1.txt'))));
    writeFileSync(join(dir, 'recs', 'a1.gold.json'), JSON.stringify(articleGold()));
    const out = join(dir, 'out');
    expect(await runView([join(dir, 'recs', '*.json'), join(dir, 'nothing', '*.txt'), '--out', out])).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['a1.html', 'errors.jsonl', 'index.html']);
    expect(errorsOf(out)).toEqual([{ source: join(dir, 'nothing', '*.txt'), error: 'the pattern matches no article or record file' }]);
  });

  it('a record file that is not a record fails clearly', async () => {
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ schemaVersion: 1, id: 'x', entities: 'nope' }));
    writeFileSync(join(dir, 'y.json'), 'null');
    const out = join(dir, 'out');
    expect(await runView([join(dir, 'x.json'), join(dir, 'y.json'), '--out', out])).toBe(1);
    const errors = errorsOf(out);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ id: 'x' });
    expect(errors[0].error).toContain('not a valid quarry record');
  });
});

describe('renderEvalPages (for quarry eval --html DIR)', () => {
  it('writes a diff page per scored article and an index worst first by F1', async () => {
    const perfect = { id: 'p', text: ARTICLE, gold: { id: 'p', split: 'test' as const, ...gold(articleRecord()) }, record: articleRecord() };
    const flawed = { id: 'f', text: ARTICLE, gold: articleGold(ARTICLE, 'f'), record: articleRecord() };
    const out = join(dir, 'html');
    const result = await renderEvalPages([perfect, flawed], out, { source: (id) => `corpus/${id}.txt` });
    expect(result).toMatchObject({ pages: 2, failures: [] });
    expect(readdirSync(out).sort()).toEqual(['f.html', 'index.html', 'p.html']);
    expect(indexOrder(out)).toEqual(['f.html', 'p.html']);
    const index = parseHTML(readFileSync(join(out, 'index.html'), 'utf8')).document;
    expect([...index.querySelectorAll('tbody tr')].map((tr) => tr.querySelectorAll('td')[2].textContent)).toEqual(['81.8', '100.0']);
    expect(readFileSync(join(out, 'f.html'), 'utf8')).toContain('corpus/f.txt');
    // Overall: p has 11 tp (4 mentions, 5 quotes, a number, an amount); f has 9 tp, 2 fp, 2 fn.
    expect(index.body.textContent).toContain('strict P 90.9, R 90.9, F1 90.9 (tp 20, fp 2, fn 2)');
  });
});

describe('interrupted', () => {
  it('SIGINT stops after the current article, writes the index for the pages made, and exits 130', async () => {
    for (const id of ['a', 'b', 'c']) writeFileSync(join(dir, `${id}.txt`), ARTICLE);
    const out = join(dir, 'out');
    const listeners = process.listenerCount('SIGINT');
    let calls = 0;
    const code = await runView([dir, '--out', out], {
      extract: (text, o) => {
        if (++calls === 1) process.emit('SIGINT');
        return stubExtract(text, o);
      },
    });
    expect(code).toBe(130);
    expect(calls).toBe(1);
    expect(indexOrder(out)).toEqual(['a.html']);
    expect(stderr).toContain('interrupted');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });
});

describe('usage', () => {
  it.each<[string, string[]]>([
    ['unknown flag', ['--bogus']],
    ['--out to standard output', ['x', '--out', '-']],
  ])('%s is a usage error', async (_name, argv) => {
    await expect(runView(argv)).rejects.toBeInstanceOf(UsageError);
  });

  it('no input at all is a usage error; a missing path is an item error', async () => {
    mkdirSync(join(dir, 'empty'));
    await expect(runView([join(dir, 'empty'), '--out', join(dir, 'o')])).rejects.toBeInstanceOf(UsageError);
    expect(await runView([join(dir, 'nope.txt'), '--out', join(dir, 'o2')])).toBe(1);
    expect(errorsOf(join(dir, 'o2'))[0].error).toContain('no such file');
  });

  it('--help documents the flags and exits 0', async () => {
    expect(await runView(['--help'])).toBe(0);
  });
});
