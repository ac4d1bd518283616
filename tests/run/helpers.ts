/** Helpers for the scale tests: archives, a CLI child we can signal, peak memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusTexts, writeSyntheticJsonl } from '../../src/run/synthetic.ts';
import { cliArgv, ROOT, type RunResult } from '../helpers.ts';

/** Corpus articles cut to their first three paragraphs: real prose, fast to extract, so tests stay quick. */
export const shortTexts = () => corpusTexts().map((t) => t.split('\n').filter((p) => p.trim()).slice(0, 3).join('\n'));

/** A JSONL archive of `count` short synthetic articles, with bad lines mixed in when `bad`. */
export async function makeArchive(path: string, count: number, opts: { bad?: boolean; seed?: number } = {}): Promise<string[]> {
  await writeSyntheticJsonl(path, { count, texts: shortTexts(), seed: opts.seed ?? 7 });
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  if (opts.bad) {
    // Errors at known places: they must land in errors.jsonl in input order, whatever --jobs is.
    lines.splice(3, 0, '{"id": "broken", "text": ');
    lines.splice(20, 0, JSON.stringify({ text: 'no id' }));
    lines.splice(45, 0, lines[10]); // duplicate id
    lines.splice(70, 0, JSON.stringify({ id: 'blank', text: '   ' }));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return lines;
}

export interface Child {
  child: ChildProcess;
  done: Promise<RunResult>;
  /** Highest VmHWM (peak resident set of the whole process, worker threads included) seen, in MB. */
  peakRssMb: () => number;
}

/** Starts `quarry` like runCli does, but hands back the child so a test can signal it and watch its memory. */
export function startCli(args: string[], opts: { env?: NodeJS.ProcessEnv; watchMemory?: boolean } = {}): Child {
  const child = spawn(process.execPath, cliArgv(args), { cwd: ROOT, env: { ...process.env, ...opts.env } });
  let stdout = '';
  let stderr = '';
  let peakKb = 0;
  const readHwm = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      /* exited */
    }
  };
  const timer = opts.watchMemory ? setInterval(readHwm, 50) : undefined;
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdin!.end();
  const done = new Promise<RunResult>((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      ok({ code: code ?? (signal ? -1 : null), stdout, stderr });
    });
  });
  return { child, done, peakRssMb: () => peakKb / 1024 };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `probe` is true, polling; throws after `timeoutMs`. */
export async function waitFor(probe: () => boolean, timeoutMs = 30_000, everyMs = 10): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await sleep(everyMs);
  }
}

/** Every file of a folder with its content (to compare two output folders). */
export function folderContents(dir: string): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

export const jsonlIds = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).id as string);
