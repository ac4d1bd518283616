/** `quarry gold draft` and `quarry gold check` in a temporary folder. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoldSchema } from '../../schemas/gold.ts';
import { runGold } from '../../src/cli/commands/gold.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { captureOutput, tempDir } from '../helpers.ts';
import type { RecordLists } from '../../src/eval/evaluate.ts';
import { loadGold } from '../../src/eval/gold.ts';
import { FERRY_TEXT, ferryGold, makeCorpus, recordFromGold } from '../eval/fixtures.ts';

const output = captureOutput();

function articleDir(): { dir: string; article: string; gold: string } {
  const dir = tempDir('quarry-draft-');
  const article = join(dir, 'ferry.txt');
  writeFileSync(article, FERRY_TEXT);
  return { dir, article, gold: join(dir, 'ferry.gold.json') };
}

const fromGold = (): RecordLists => {
  const r = recordFromGold(ferryGold());
  // Give the record a cue and entity id, which gold has no room for.
  r.quotes[0].cue = { text: 'said', start: FERRY_TEXT.indexOf('said:'), end: FERRY_TEXT.indexOf('said:') + 4 };
  r.quotes[0].speaker!.entityId = 'e1';
  return r;
};

describe('quarry gold draft', () => {
  it('writes a gold file that loads against its article, with speakers and money links', async () => {
    const { article, gold } = articleDir();
    expect(await runGold(['draft', article, '--split', 'test'], { extract: fromGold })).toBe(0);
    expect(output.stdout).toContain(`wrote ${gold}: 3 entities, 1 quotes, 2 numbers, 2 money (split test)`);
    const loaded = loadGold(gold, FERRY_TEXT);
    expect(loaded.split).toBe('test');
    expect(loaded.quotes[0].speaker).toEqual({ name: 'Harbour Trust', mention: ferryGold().quotes[0].speaker!.mention });
    expect(loaded.quotes[0]).not.toHaveProperty('cue');
    expect(loaded.money.map((m) => [m.id, m.equivalentOf])).toEqual([['m1', undefined], ['m2', 'm1']]);
    // One item per line, so a person corrects and diffs line by line.
    const text = readFileSync(gold, 'utf8');
    expect(text.split('\n').filter((l) => l.includes('"kind": "direct"'))).toHaveLength(1);
    expect(text).toMatch(/\n    \{ "text": "12%", "start": \d+, "end": \d+, "value": 12, "kind": "percent" \},?\n/);
  });

  it('refuses to overwrite an existing gold file without --force', async () => {
    const { article, gold } = articleDir();
    writeFileSync(gold, '{"hand": "checked"}');
    expect(await runGold(['draft', article], { extract: fromGold })).toBe(1);
    expect(output.stderr).toContain(`${gold} already exists`);
    expect(output.stderr).toContain('--force');
    expect(readFileSync(gold, 'utf8')).toBe('{"hand": "checked"}');
    expect(await runGold(['draft', article, '--force'], { extract: fromGold })).toBe(0);
    expect(GoldSchema.parse(JSON.parse(readFileSync(gold, 'utf8'))).id).toBe('ferry');
  });

  it('drafts from the real pipeline a file valid against the schema (whatever the stages find today)', async () => {
    const { article, gold } = articleDir();
    expect(await runGold(['draft', article])).toBe(0);
    expect(loadGold(gold, FERRY_TEXT).split).toBe('dev');
  });

  it('exits 1 for a missing article', async () => {
    expect(await runGold(['draft', '/nonexistent/x.txt'], { extract: fromGold })).toBe(1);
    expect(output.stderr).toContain('no such file');
  });

  it.each([[['draft']], [['draft', 'a.txt', 'b.txt']], [['draft', 'x.json']], [['draft', 'x.txt', '--split', 'train']], [['undo']]])(
    'rejects %j as a usage error',
    async (argv) => {
      await expect(runGold(argv, { extract: fromGold })).rejects.toBeInstanceOf(UsageError);
    },
  );
});

describe('quarry gold check', () => {
  it('passes a valid corpus', async () => {
    const dir = makeCorpus();
    expect(await runGold(['check', dir])).toBe(0);
    expect(output.stdout).toContain('3 gold files checked, 0 invalid');
  });

  it('names the file and span of a mismatch, for a folder and for one file', async () => {
    const dir = makeCorpus();
    const path = join(dir, 'ferry.gold.json');
    const gold = JSON.parse(readFileSync(path, 'utf8'));
    gold.entities[2].mentions[0].text = 'Southampton';
    writeFileSync(path, JSON.stringify(gold));
    expect(await runGold(['check', dir])).toBe(1);
    expect(output.stderr).toMatch(/ferry\.gold\.json: entities\[2\]\.mentions\[0\] \[\d+, \d+\) is "Southampton" but the article has "Portsmouth"/);
    output.stderr = '';
    expect(await runGold(['check', path])).toBe(1);
    expect(output.stderr).toContain('entities[2].mentions[0]');
  });
});
