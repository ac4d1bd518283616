/**
 * Where `quarry load` finds records: output folders (their `*.json` records and
 * `records*.jsonl`), single `.json` records, `.jsonl` files (one record a
 * line) and `-` (JSONL on standard input). Each record comes with its origin
 * (`path` or `path:line`) so a bad one can be named.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export type RecordFile = { path: string; format: 'json' | 'jsonl' } | { stdin: Readable };

export interface SourceError {
  kind: 'error';
  origin: string;
  error: string;
}

export interface RecordInput {
  kind: 'record';
  value: unknown;
  origin: string;
}

/** What an output folder holds besides records: `errors.jsonl`, the database itself, … */
function isRecordFileName(name: string): 'json' | 'jsonl' | undefined {
  if (name.startsWith('.')) return undefined;
  if (name.endsWith('.json')) return 'json';
  if (/^records.*\.jsonl$/.test(name)) return 'jsonl';
  return undefined;
}

/**
 * Expands the arguments into record files, in argument order and, inside a
 * folder, in file-name order (so a load is reproducible). A folder is read
 * one level deep: `quarry extract` writes flat folders, and deeper files in
 * `output/` may be other tools' JSON.
 */
export async function listRecordFiles(args: string[], stdin: Readable): Promise<{ files: RecordFile[]; errors: SourceError[] }> {
  const files: RecordFile[] = [];
  const errors: SourceError[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push({ stdin });
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      errors.push({ kind: 'error', origin: arg, error: code === 'ENOENT' ? 'no such file or folder' : (err as Error).message });
      continue;
    }
    if (info.isDirectory()) {
      const names = (await readdir(arg, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name).sort();
      for (const name of names) {
        const format = isRecordFileName(name);
        if (format) files.push({ path: join(arg, name), format });
      }
    } else if (arg.endsWith('.json')) {
      files.push({ path: arg, format: 'json' });
    } else if (arg.endsWith('.jsonl')) {
      files.push({ path: arg, format: 'jsonl' });
    } else {
      errors.push({ kind: 'error', origin: arg, error: 'not a folder, .json record or .jsonl file' });
    }
  }
  return { files, errors };
}

async function* readJsonlLines(stream: Readable, source: string): AsyncGenerator<RecordInput | SourceError> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const origin = `${source}:${n}`;
    try {
      yield { kind: 'record', value: JSON.parse(line), origin };
    } catch (err) {
      yield { kind: 'error', origin, error: `malformed JSON: ${(err as Error).message}` };
    }
  }
}

/** Every JSON value in the files, in order; unreadable files and malformed JSON come as errors in place. */
export async function* readRecordInputs(files: RecordFile[]): AsyncGenerator<RecordInput | SourceError> {
  for (const file of files) {
    if ('stdin' in file) {
      yield* readJsonlLines(file.stdin, '-');
      continue;
    }
    if (file.format === 'jsonl') {
      const stream = createReadStream(file.path);
      // An unreadable file surfaces as an error event on the first read.
      try {
        yield* readJsonlLines(stream, file.path);
      } catch (err) {
        yield { kind: 'error', origin: file.path, error: (err as Error).message };
      } finally {
        stream.destroy();
      }
      continue;
    }
    let text: string;
    try {
      text = await readFile(file.path, 'utf8');
    } catch (err) {
      yield { kind: 'error', origin: file.path, error: (err as Error).message };
      continue;
    }
    try {
      yield { kind: 'record', value: JSON.parse(text), origin: file.path };
    } catch (err) {
      yield { kind: 'error', origin: file.path, error: `malformed JSON: ${(err as Error).message}` };
    }
  }
}
