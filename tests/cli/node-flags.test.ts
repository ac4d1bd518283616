import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_NODE_FLAGS } from '../../src/cli/node-flags.ts';
import { BIN, ROOT, tempDir } from '../helpers.ts';

describe("the CLI's Node flags", () => {
  it('are what the shebang of bin/quarry.js passes', () => {
    const shebang = readFileSync(BIN, 'utf8').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${CLI_NODE_FLAGS.join(' ')}`);
  });

  it('are passed by the npm scripts that run the CLI or measure it', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const name of ['quarry', 'bench']) {
      expect(scripts[name].split(' ').slice(0, 1 + CLI_NODE_FLAGS.length)).toEqual(['node', ...CLI_NODE_FLAGS]);
    }
  });

  // What a user gets from `npx quarry` or a global install: the executable itself, through its shebang.
  it.runIf(existsSync('/proc/self/cmdline'))('reach the process started from the executable', async () => {
    const out = tempDir();
    const child = spawn(BIN, ['extract', '-', '--out', out, '--quiet'], { cwd: ROOT, stdio: ['pipe', 'ignore', 'pipe'] });
    const exited = new Promise<number | null>((ok) => child.on('close', ok));
    // env execs node in its place: the pid is node's once env has gone (the CLI then waits on its input).
    let cmdline: string[] = [];
    for (let i = 0; i < 200 && (!cmdline.includes(BIN) || basename(cmdline[0]) === 'env'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    }
    child.stdin.end('{"id": "a1", "text": "The council said it would spend £7.7bn."}\n');
    expect(await exited).toBe(0);
    expect(cmdline.slice(1, 1 + CLI_NODE_FLAGS.length)).toEqual([...CLI_NODE_FLAGS]);
    expect(readFileSync(join(out, 'a1.json'), 'utf8')).toContain('7700000000');
  }, 30_000);
});
