/**
 * Writers. Every file lands atomically (written to a temporary name in the
 * same folder, then renamed), so a run killed at any moment leaves either the
 * old file or the new one, never half a record. Paths are built only from
 * checked ids and always resolved inside the output folder.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Record } from '../../schemas/record.ts';
import type { InputError } from './inputs.ts';
import { unsafeIdReason } from './inputs.ts';

/** The path of `name` inside `dir`, or a throw if it would land anywhere else. */
export function pathInside(dir: string, name: string): string {
  const root = resolve(dir);
  const path = resolve(root, name);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new Error(`refusing to write ${JSON.stringify(name)} outside the output folder ${dir}`);
  }
  return path;
}

let tmpCounter = 0;

/** Writes `data` to `path` via a temporary sibling and a rename. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${++tmpCounter}`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Serialises a record the one way quarry does: two-space JSON for files, one line for JSONL. */
export const recordJson = (record: Record) => JSON.stringify(record, null, 2) + '\n';
export const recordLine = (record: Record) => JSON.stringify(record) + '\n';

export interface RecordSink {
  write(record: Record): Promise<void>;
  close(): Promise<void>;
}

/** `--format json`: one `<id>.json` per article. */
export function jsonDirSink(dir: string): RecordSink {
  return {
    async write(record) {
      const unsafe = unsafeIdReason(record.id);
      if (unsafe) throw new Error(`unsafe id: ${unsafe}`);
      await writeFileAtomic(pathInside(dir, `${record.id}.json`), recordJson(record));
    },
    async close() {},
  };
}

function streamWrite(stream: Writable, chunk: string): Promise<void> {
  return new Promise((ok, fail) => {
    stream.write(chunk, (err) => (err ? fail(err) : ok()));
  });
}

/**
 * `--format jsonl`: `records.jsonl` in input order. Lines go to a temporary
 * file that replaces the old one only when the run closes cleanly.
 */
export function jsonlFileSink(dir: string, name = 'records.jsonl'): RecordSink {
  const path = pathInside(dir, name);
  const tmp = `${path}.tmp-${process.pid}`;
  let stream: WriteStream | undefined;
  return {
    async write(record) {
      stream ??= createWriteStream(tmp);
      await streamWrite(stream, recordLine(record));
    },
    async close() {
      stream ??= createWriteStream(tmp);
      const s = stream;
      await new Promise<void>((ok, fail) => s.end((err?: Error | null) => (err ? fail(err) : ok())));
      await rename(tmp, path);
    },
  };
}

/** `--out -`: JSONL on standard output; messages stay on stderr. */
export function stdoutSink(out: Writable = process.stdout): RecordSink {
  return {
    write: (record) => streamWrite(out, recordLine(record)),
    async close() {},
  };
}

/** The one line an article's failure gets in `errors.jsonl`. */
export function errorLine(e: Omit<InputError, 'kind'>): string {
  const { source, line, id, error } = e;
  return JSON.stringify({ source, ...(line !== undefined && { line }), ...(id !== undefined && { id }), error }) + '\n';
}

/** Writes the run's `errors.jsonl` (rewritten each run, empty when nothing failed). */
export async function writeErrors(dir: string, errors: Array<Omit<InputError, 'kind'>>, name = 'errors.jsonl'): Promise<void> {
  await writeFileAtomic(pathInside(dir, name), errors.map(errorLine).join(''));
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

