/**
 * `quarry eval` end to end on a temporary corpus of three hand-written
 * articles. The extractor is injected: a perfect one (gold turned into a
 * record) sets the baseline, then doctored ones must fail the run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoldSchema } from '../../schemas/gold.ts';
import { FiguresFileSchema } from '../../src/eval/baseline.ts';
import type { RecordLists } from '../../src/eval/evaluate.ts';
import { runEval } from '../../src/cli/commands/eval.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { captureOutput } from '../helpers.ts';
import { ARTICLES, makeCorpus, recordFromGold } from '../eval/fixtures.ts';

const output = captureOutput();

/** An extractor that returns the gold answers, doctored by `breakIt`. */
function extractor(breakIt: (r: RecordLists, id: string) => void = () => {}) {
  return (text: string, options: { id: string }): RecordLists => {
    const a = ARTICLES.find((x) => x.text === text)!;
    const r = recordFromGold(GoldSchema.parse(a.gold()));
    breakIt(r, options.id);
    return r;
  };
}
const perfect = extractor();

describe('quarry eval', () => {
  it('prints the tables per split and stage and exits 0', async () => {
    const dir = makeCorpus();
    expect(await runEval(['--corpus', dir], { extract: perfect })).toBe(0);
    expect(output.stdout).toContain('3 articles (2 test, 1 dev)');
    for (const s of ['test (2 articles)', 'dev (1 article)', 'all (3 articles)', 'entities', 'quotes', 'numbers', 'money', 'strict', 'lenient', 'PERSON', 'partial', 'GBP', 'speakers']) {
      expect(output.stdout).toContain(s);
    }
    expect(output.stdout).toMatch(/quotes\s+all\s+100\.0\s+100\.0\s+100\.0\s+5\s+0\s+0/);
  });

  it('says how many articles have no gold and leaves them out', async () => {
    const dir = makeCorpus();
    writeFileSync(join(dir, 'extra.txt'), 'An article nobody has annotated yet.');
    expect(await runEval(['--corpus', dir], { extract: perfect })).toBe(0);
    expect(output.stdout).toContain('3 articles (2 test, 1 dev)');
    expect(output.stdout).toContain('1 without gold skipped');
  });

  it('exits 1 naming the drops when half the quotes are deleted', async () => {
    const dir = makeCorpus();
    expect(await runEval(['--corpus', dir, '--update-baseline'], { extract: perfect })).toBe(0);
    const baseline = join(dir, 'baseline.json');
    expect(existsSync(baseline)).toBe(true);

    output.stdout = '';
    const halfQuotes = extractor((r) => (r.quotes = r.quotes.filter((_, i) => i % 2 === 0)));
    expect(await runEval(['--corpus', dir, '--baseline', baseline], { extract: halfQuotes })).toBe(1);
    expect(output.stdout).toMatch(/all\.quotes\.strict\.recall\s+100\.0\s+→\s+60\.0\s+−40\.00 pt\s+DROP/);
    expect(output.stdout).toContain('FAIL:');
    expect(output.stdout).toContain('test.quotes.strict.f1');
    expect(output.stdout).not.toMatch(/entities\.strict\.f1.*DROP/);
  });

  it('exits 1 when entity spans shift by one character', async () => {
    const dir = makeCorpus();
    await runEval(['--corpus', dir, '--update-baseline'], { extract: perfect });
    output.stdout = '';
    const shifted = extractor((r) => {
      for (const e of r.entities) e.mentions = e.mentions.map((m) => ({ ...m, start: m.start + 1 }));
    });
    expect(await runEval(['--corpus', dir, '--baseline', join(dir, 'baseline.json')], { extract: shifted })).toBe(1);
    expect(output.stdout).toMatch(/all\.entities\.strict\.f1 .* DROP/);
    // Overlap still holds, so lenient figures did not move.
    expect(output.stdout).not.toContain('all.entities.lenient.f1');
  });

  it('exits 0 against an unchanged baseline, and when a drop stays within --tolerance', async () => {
    const dir = makeCorpus();
    const baseline = join(dir, 'baseline.json');
    await runEval(['--corpus', dir, '--update-baseline'], { extract: perfect });
    expect(await runEval(['--corpus', dir, '--baseline', baseline], { extract: perfect })).toBe(0);
    expect(output.stdout).toContain('(no change)');
    const halfQuotes = extractor((r) => (r.quotes = r.quotes.slice(0, 1)));
    expect(await runEval(['--corpus', dir, '--baseline', baseline, '--tolerance', '100'], { extract: halfQuotes })).toBe(0);
    expect(await runEval(['--corpus', dir, '--baseline', baseline, '--tolerance', '0'], { extract: halfQuotes })).toBe(1);
  });

  it('--update-baseline rewrites the file byte for byte the same on a rerun', async () => {
    const dir = makeCorpus();
    await runEval(['--corpus', dir, '--update-baseline'], { extract: perfect });
    const first = readFileSync(join(dir, 'baseline.json'), 'utf8');
    await runEval(['--corpus', dir, '--update-baseline'], { extract: perfect });
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toBe(first);
  });

  it('--json writes every figure, keyed and rounded to 4 decimals', async () => {
    const dir = makeCorpus();
    const out = join(dir, 'out', 'figures.json');
    const oneWrong = extractor((r, id) => id === 'ferry' && void r.numbers.pop());
    expect(await runEval(['--corpus', dir, '--json', out], { extract: oneWrong })).toBe(0);
    const file = FiguresFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.articles).toEqual({ dev: ['bus'], test: ['ferry', 'lab'] });
    expect(file.figures['test.numbers.strict.recall']).toBe(0.75);
    expect(file.figures['all.numbers.strict.f1']).toBe(0.9091);
    expect(file.figures['test.quotes.strict.f1']).toBe(1);
    expect(file.figures['dev.articles']).toBe(1);
    for (const [key, value] of Object.entries(file.figures)) {
      expect(key).toMatch(/^(dev|test|all)\./);
      expect(Math.round(value * 1e4) / 1e4).toBe(value);
    }
  });

  it('--misses lists false negatives and positives with article, span and sentence', async () => {
    const dir = makeCorpus();
    const broken = extractor((r, id) => {
      if (id !== 'lab') return;
      r.quotes.pop();
      r.numbers[0] = { ...r.numbers[0], start: r.numbers[0].start + 1, text: r.numbers[0].text.slice(1) };
      r.quotes[0].speaker = { name: 'Tom Hale', entityId: null, mention: null };
    });
    await runEval(['--corpus', dir, '--misses'], { extract: broken });
    expect(output.stdout).toContain('quotes misses: 1 FN, 0 FP, 1 wrong attribute');
    expect(output.stdout).toMatch(/FN\s+lab \[\d+, \d+\) direct "We expect the first trial to finish within two years,"/);
    expect(output.stdout).toContain('⟦We expect the first trial to finish within two years,⟧" he said.');
    expect(output.stdout).toMatch(/FP\s+lab \[\d+, \d+\) ordinal "irst"\s+\(gold ordinal \[\d+, \d+\) "first"\)/);
    expect(output.stdout).toContain('speaker "Tom Hale", gold "Lee Wong"');
  });

  it('--split keeps only that split', async () => {
    const dir = makeCorpus();
    const out = join(dir, 'test.json');
    await runEval(['--corpus', dir, '--split', 'test', '--json', out], { extract: perfect });
    expect(output.stdout).toContain('test (2 articles)');
    expect(output.stdout).not.toContain('dev (');
    const keys = Object.keys(FiguresFileSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).figures);
    expect(keys.every((k) => k.startsWith('test.'))).toBe(true);
  });

  it('exits 1 naming the file and span when a gold file does not match its article, and still scores the rest', async () => {
    const dir = makeCorpus();
    const path = join(dir, 'lab.gold.json');
    const gold = JSON.parse(readFileSync(path, 'utf8'));
    gold.numbers[1].start += 1;
    gold.numbers[1].end += 1;
    writeFileSync(path, JSON.stringify(gold));
    expect(await runEval(['--corpus', dir], { extract: perfect })).toBe(1);
    expect(output.stderr).toMatch(/lab\.gold\.json: numbers\[1\] \[\d+, \d+\) is "two" but the article has "wo "/);
    expect(output.stdout).toContain('2 articles');
    // And a baseline is never written from a partial corpus.
    expect(await runEval(['--corpus', dir, '--update-baseline'], { extract: perfect })).toBe(1);
    expect(existsSync(join(dir, 'baseline.json'))).toBe(false);
  });

  it('scores an article whose extraction throws as all missed and exits 1', async () => {
    const dir = makeCorpus();
    const throwing = (text: string, o: { id: string }) => {
      if (o.id === 'bus') throw new Error('boom');
      return perfect(text, o);
    };
    expect(await runEval(['--corpus', dir], { extract: throwing })).toBe(1);
    expect(output.stderr).toContain('bus.txt: extraction failed: boom');
    expect(output.stdout).toMatch(/dev \(1 article\)\n.*\n.*\n\s+entities\s+all\s+0\.0\s+0\.0\s+0\.0\s+0\s+0\s+2/);
  });

  it('exits 1 with a clear message for a baseline that is not a figures file', async () => {
    const dir = makeCorpus();
    const bad = join(dir, 'baseline.json');
    writeFileSync(bad, '{"figures": 3}');
    expect(await runEval(['--corpus', dir, '--baseline', bad], { extract: perfect })).toBe(1);
    expect(output.stderr).toContain(`${bad}: not a quarry eval figures file`);
  });

  it.each([
    [['--split', 'train']],
    [['--tolerance', 'x']],
    [['--tolerance', '-1']],
    [['--bogus']],
    [['extra-arg']],
    [['--update-baseline', '--split', 'dev']],
    [['--baseline', '/nonexistent/baseline.json']],
  ])('rejects %j as a usage error', async (argv) => {
    const dir = makeCorpus();
    await expect(runEval(['--corpus', dir, ...argv], { extract: perfect })).rejects.toBeInstanceOf(UsageError);
  });

  it('runs the real pipeline deterministically (whatever the stages find today)', async () => {
    const dir = makeCorpus();
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    expect(await runEval(['--corpus', dir, '--json', a])).toBe(0);
    expect(await runEval(['--corpus', dir, '--json', b])).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });
});
