import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.ts';

describe('quarry extract --db', () => {
  it('loads each record into SQLite as it is made, idempotently', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in/a.txt'), '“We will act now,” said Mary Jones, the chief executive of Acme Corp.\n');
    writeFileSync(join(dir, 'in/b.txt'), 'The council said the scheme would cost £7.7bn over ten years.\n');
    const db = `sqlite:${join(dir, 'out/q.db')}`;
    const first = await runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/database 2 inserted, 0 replaced, 0 unchanged, 0 failed/);
    const again = await runCli(['extract', join(dir, 'in'), '--out', join(dir, 'out'), '--db', db, '--force']);
    expect(again.stderr).toMatch(/database 0 inserted, 0 replaced, 2 unchanged, 0 failed/);
    const sql = new Database(join(dir, 'out/q.db'), { readonly: true });
    expect(sql.prepare('SELECT id FROM articles ORDER BY id').all()).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(sql.prepare("SELECT amount, currency FROM money WHERE article_id = 'b'").get()).toEqual({ amount: 7700000000, currency: 'GBP' });
    expect(sql.prepare("SELECT speaker_name FROM quotes WHERE article_id = 'a'").get()).toEqual({ speaker_name: 'Mary Jones' });
    sql.close();
  });

  it('refuses an unsupported database URL as a usage error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Some text, the mayor said.');
    const r = await runCli(['extract', join(dir, 'a.txt'), '--out', join(dir, 'out'), '--db', 'mysql://h/db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unsupported database URL/);
  });
});
