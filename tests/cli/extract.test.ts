import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RecordSchema } from '../../schemas/record.ts';
import { ROOT, runCli, tempDir } from '../helpers.ts';

const SEED = readFileSync(join(ROOT, 'corpus/000_6d8a06d22f37ec03.txt'), 'utf8');
const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('quarry extract, end to end', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    mkdirSync(join(dir, 'in/sub'), { recursive: true });
    writeFileSync(join(dir, 'in/seed.txt'), SEED);
    writeFileSync(join(dir, 'in/sub/b.txt'), 'Mary Jones said: “We will act.”\n');
    writeFileSync(join(dir, 'in/sub/b.gold.json'), '{}');
  });

  it('writes one validated record per article, with json as the default format', async () => {
    const out = join(dir, 'out-json');
    const r = await runCli(['extract', join(dir, 'in'), '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['b.json', 'errors.jsonl', 'seed.json']);
    const seed = RecordSchema.parse(JSON.parse(readFileSync(join(out, 'seed.json'), 'utf8')));
    expect(seed.id).toBe('seed');
    expect(seed.source.path).toBe(join(dir, 'in/seed.txt'));
    expect(seed.stats.characters).toBe(SEED.length);
    expect(readFileSync(join(out, 'errors.jsonl'), 'utf8')).toBe('');
    expect(r.stderr).toMatch(/2 extracted, 0 failed/);
  });

  it('writes records.jsonl in input order with --format jsonl, and the same records as json', async () => {
    const out = join(dir, 'out-jsonl');
    const r = await runCli(['extract', join(dir, 'in/sub/b.txt'), join(dir, 'in/seed.txt'), '--out', out, '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const lines = readJsonl(join(out, 'records.jsonl'));
    expect(lines.map((l) => l.id)).toEqual(['b', 'seed']);
    const asJson = JSON.parse(readFileSync(join(dir, 'out-json/seed.json'), 'utf8'));
    expect(lines[1]).toEqual(asJson);
  });

  it('reads JSONL on stdin and writes JSONL to stdout with --out -, messages on stderr', async () => {
    const input = [
      JSON.stringify({ id: 'x1', text: SEED, title: 'Summit', url: 'https://example.org/a', publishedAt: '2025-03-31' }),
      JSON.stringify({ id: 'x2', text: 'Short one, said Bob.' }),
    ].join('\n');
    const r = await runCli(['extract', '-', '--out', '-'], { input, cwd: dir });
    expect(r.code).toBe(0);
    const recs = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((x) => x.id)).toEqual(['x1', 'x2']);
    expect(recs[0].source).toMatchObject({ path: '-', line: 1, title: 'Summit', url: 'https://example.org/a', publishedAt: '2025-03-31' });
    expect(r.stderr).toMatch(/2 extracted/);
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });

  it('gives every bad input one error line and still writes the good articles', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'empty.txt'), '');
    writeFileSync(join(bad, 'blank.txt'), '  \n\t\n');
    writeFileSync(join(bad, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
    writeFileSync(join(bad, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0]));
    writeFileSync(join(bad, 'good.txt'), 'The council said it would act.');
    writeFileSync(
      join(bad, 'batch.jsonl'),
      [
        JSON.stringify({ id: 'ok1', text: 'Fine text, the mayor said.' }),
        '{"id": "broken", "text": ',
        JSON.stringify({ text: 'no id here' }),
        JSON.stringify({ id: 'good', text: 'Duplicate of the .txt id.' }),
        JSON.stringify({ id: '../escape', text: 'Tries to climb out.' }),
        JSON.stringify({ id: '/etc/evil', text: 'Absolute path.' }),
        JSON.stringify({ id: 'ws', text: '   ' }),
      ].join('\n') + '\n',
    );
    const out = join(dir, 'out-bad');
    const r = await runCli(['extract', join(bad, 'batch.jsonl'), bad, join(dir, 'missing.txt'), '--out', out]);
    expect(r.code).toBe(1);
    const errors = readJsonl(join(out, 'errors.jsonl'));
    const byWhat = (pred: (e: { source: string; line?: number; id?: string; error: string }) => boolean) => errors.filter(pred);
    expect(byWhat((e) => e.line === 2 && /malformed JSON/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.line === 3 && /missing "id"/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.id === '../escape' && /unsafe id/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.id === '/etc/evil' && /unsafe id/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.id === 'ws' && /empty/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.id === 'good' && /duplicate id/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.id === 'empty' && /empty/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.id === 'blank' && /empty/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.id === 'latin1' && /invalid UTF-8/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.id === 'binary' && /binary/.test(e.error))).toHaveLength(1);
    expect(byWhat((e) => e.source.endsWith('missing.txt') && /no such file/.test(e.error))).toHaveLength(1);
    expect(errors).toHaveLength(11);
    // The good articles came out, and nothing was written outside the output folder.
    expect(readdirSync(out).sort()).toEqual(['errors.jsonl', 'good.json', 'ok1.json']);
    expect(existsSync(join(dir, 'escape.json'))).toBe(false);
    expect(existsSync('/etc/evil.json')).toBe(false);
    expect(r.stderr).toMatch(/batch\.jsonl:2: malformed JSON/);
  });

  it('takes --files-from and glob patterns', async () => {
    const list = join(dir, 'list.txt');
    writeFileSync(list, `# articles\n${join(dir, 'in/seed.txt')}\n\n`);
    const out = join(dir, 'out-list');
    const r = await runCli(['extract', '--files-from', list, `${dir}/in/**/*.txt`, '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['b.json', 'errors.jsonl', 'seed.json']);
  });

  it('exits 2 on usage errors: unknown flag, bad format, no input at all', async () => {
    expect((await runCli(['extract', '--nope'])).code).toBe(2);
    expect((await runCli(['extract', '--format', 'xml', '--out', join(dir, 'o2')])).code).toBe(2);
    const none = await runCli(['extract', join(dir, 'does-not-exist'), '--out', join(dir, 'o3')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no input found/);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });

  it('documents every flag in --help', async () => {
    const r = await runCli(['extract', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--out', '--format', '--files-from', '--quiet']) expect(r.stdout).toContain(flag);
  });
});
