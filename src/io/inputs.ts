/**
 * Readers: turn the command line's INPUT arguments into a stream of articles,
 * each either ready to extract or an error that names its source. Nothing here
 * throws for a bad article: a bad input costs only itself.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { grown } from '../core/typed.ts';
import { IdTable } from './id-table.ts';

export interface Article {
  kind: 'article';
  id: string;
  text: string;
  source: { path: string; line?: number; title?: string; url?: string; publishedAt?: string };
}

export interface InputError {
  kind: 'error';
  source: string;
  line?: number;
  id?: string;
  error: string;
}

export type InputItem = Article | InputError;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Why an id cannot name a file inside the output folder, or undefined when it
 * can. Ids become `<id>.json`, so anything that could climb out of the folder
 * or hide as a dotfile is refused rather than rewritten.
 */
export function unsafeIdReason(id: string): string | undefined {
  if (id.length === 0) return 'the id is empty';
  if (id.length > 200) return 'the id is longer than 200 characters';
  if (/[/\\]/.test(id)) return `the id ${JSON.stringify(id)} contains a path separator`;
  if (id === '.' || id === '..' || id.startsWith('.')) return `the id ${JSON.stringify(id)} starts with a dot`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f:*?"<>|]/.test(id)) return `the id ${JSON.stringify(id)} contains a character not allowed in file names`;
  return undefined;
}

/** Decodes bytes as strict UTF-8 text, or says why the bytes are not an article. */
export function decodeArticle(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.includes(0)) return { error: 'binary content (NUL bytes), not text' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { error: 'invalid UTF-8' };
  }
  // A byte-order mark is an encoding artefact, not part of the article; strip it so offsets count the text.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { error: 'empty or whitespace-only text' };
  return { text };
}

/** Turns a glob into a RegExp over '/'-separated relative paths (supports **, *, ?, [..], {a,b}). */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '{') {
      const close = glob.indexOf('}', i + 1);
      if (close < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, close).split(',').map((s) => s.replace(/[.+^$()|\\]/g, '\\$&')).join('|') + ')';
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const isGlob = (arg: string) => /[*?[{]/.test(arg);

/** Every file below `dir`, sorted, skipping node_modules and hidden folders. */
export async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      out.push(...(await walk(path)));
    } else if (e.isFile()) out.push(path);
  }
  return out;
}

/** Files an article can come from: plain text, or JSONL with one article a line. */
const isArticleFile = (path: string) => path.endsWith('.txt') || path.endsWith('.jsonl');

/** The files a glob matches, below its static prefix, in sorted order. */
async function expandGlob(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/);
  const firstMagic = parts.findIndex(isGlob);
  const base = parts.slice(0, firstMagic).join('/') || '.';
  const rest = parts.slice(firstMagic).join('/');
  const re = globToRegExp(rest);
  let files: string[];
  try {
    files = await walk(base);
  } catch {
    return [];
  }
  return files.filter((f) => re.test(relative(base, f).split(sep).join('/')));
}

export type InputSpec = { path: string } | { stdin: Readable };

/**
 * Expands INPUT arguments (files, directories, globs, `-`) into a list of
 * sources, in the order given, directories and globs sorted. A path that does
 * not exist becomes an InputError; the rest still run.
 */
export async function resolveInputs(args: string[], stdin: Readable): Promise<Array<InputSpec | InputError>> {
  const out: Array<InputSpec | InputError> = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path });
  };
  for (const arg of args) {
    if (arg === '-') {
      out.push({ stdin });
      continue;
    }
    if (isGlob(arg)) {
      const matches = (await expandGlob(arg)).filter(isArticleFile);
      if (matches.length === 0) out.push({ kind: 'error', source: arg, error: 'the pattern matches no .txt or .jsonl file' });
      matches.forEach(add);
      continue;
    }
    let info;
    try {
      info = await stat(arg);
    } catch {
      out.push({ kind: 'error', source: arg, error: 'no such file or directory' });
      continue;
    }
    if (info.isDirectory()) (await walk(arg)).filter(isArticleFile).forEach(add);
    else add(arg);
  }
  return out;
}

/** Reads a `--files-from` list: one path a line, blank lines and #-comments ignored. */
export async function readFileList(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function parseJsonlLine(line: string, source: string, lineNo: number): InputItem {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    return { kind: 'error', source, line: lineNo, error: `malformed JSON: ${(err as Error).message}` };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    return { kind: 'error', source, line: lineNo, error: 'a JSONL line must be an object {"id", "text", …}' };
  }
  return articleFromObject(obj as { [k: string]: unknown }, source, lineNo);
}

/** The article a parsed JSONL object describes (`{"id","text"}` plus optional title, url, publishedAt), or why it is none. */
export function articleFromObject(o: { [k: string]: unknown }, source: string, lineNo: number): Article | InputError {
  const id = typeof o.id === 'number' ? String(o.id) : o.id;
  if (typeof id !== 'string' || id === '') return { kind: 'error', source, line: lineNo, error: 'missing "id"' };
  if (typeof o.text !== 'string') return { kind: 'error', source, line: lineNo, id, error: 'missing "text" (a string)' };
  if (o.text.trim() === '') return { kind: 'error', source, line: lineNo, id, error: 'empty or whitespace-only text' };
  const meta: Article['source'] = { path: source, line: lineNo };
  for (const key of ['title', 'url', 'publishedAt'] as const) if (typeof o[key] === 'string') meta[key] = o[key] as string;
  return { kind: 'article', id, text: o.text, source: meta };
}

/**
 * Streams the non-blank lines of a JSONL source, each turned into an item by
 * `parseLine`, so memory does not grow with the file. A source that cannot be
 * read (or breaks off) gives one error item instead of ending the run.
 */
export async function* readJsonlLines<T>(
  stream: Readable,
  source: string,
  parseLine: (line: string, source: string, lineNo: number) => T,
): AsyncGenerator<T | InputError> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() !== '') yield parseLine(line, source, lineNo);
    }
  } catch (err) {
    yield { kind: 'error', source, error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

/** The articles of a JSONL source, line by line. */
export const readJsonl = (stream: Readable, source: string): AsyncGenerator<InputItem> => readJsonlLines(stream, source, parseJsonlLine);

async function* readSource(spec: InputSpec): AsyncGenerator<InputItem> {
  if ('stdin' in spec) {
    yield* readJsonl(spec.stdin, '-');
    return;
  }
  const { path } = spec;
  if (path.endsWith('.jsonl')) {
    yield* readJsonl(createReadStream(path), path);
    return;
  }
  const read = await readFileBytes(path);
  yield 'error' in read ? read.error : articleFromBytes(path, read.bytes);
}

/** The bytes of a file, or the error line its id gets when it cannot be read. */
export async function readFileBytes(path: string): Promise<{ bytes: Uint8Array } | { error: InputError }> {
  try {
    return { bytes: await readFile(path) };
  } catch (err) {
    const error = `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
    return { error: { kind: 'error', source: path, id: idOfFile(path), error } };
  }
}

/** A text file's article id: its name without the extension. */
export const idOfFile = (path: string) => basename(path).replace(/\.[^.]*$/, '');

/** The article a text file's bytes hold, or why they are not one (empty, binary, invalid UTF-8). */
export function articleFromBytes(path: string, bytes: Uint8Array): Article | InputError {
  const id = idOfFile(path);
  const decoded = decodeArticle(bytes);
  return 'error' in decoded ? { kind: 'error', source: path, id, error: decoded.error } : { kind: 'article', id, text: decoded.text, source: { path } };
}

/**
 * The ids taken so far, to refuse duplicates. A run over millions of
 * articles keeps one entry per article to its end, so an entry is the id's
 * IdTable entry (not the id string) and one number: where the id was first
 * seen, as an index into the list of source paths (consecutive articles share
 * one) and a line, not a "path:line" string per article.
 */
export class IdClaims {
  private readonly ids = new IdTable();
  /** Per entry: -(path + 1) for a file, path * 2^31 + line for a JSONL line. */
  private first = new Float64Array(0);
  private readonly paths: string[] = [];

  /**
   * Takes `id` for the item at `path` (and `line`, for JSONL), or says why it
   * cannot have it: an id that could escape the output folder, or one an
   * earlier item took.
   */
  claim(id: string, path: string, line?: number): string | undefined {
    const unsafe = unsafeIdReason(id);
    if (unsafe) return `unsafe id: ${unsafe}`;
    const entry = this.ids.intern(id);
    if (!this.ids.added) {
      const first = this.where(this.first[entry]);
      return `duplicate id "${id}" (first seen at ${first === placeName(path, line) ? 'the same place' : first})`;
    }
    if (this.paths[this.paths.length - 1] !== path) this.paths.push(path);
    const p = this.paths.length - 1;
    this.first = grown(this.first, this.ids.size);
    this.first[entry] = line === undefined ? -(p + 1) : p * 2 ** 31 + line;
    return undefined;
  }

  private where(code: number): string {
    return code < 0 ? this.paths[-code - 1] : placeName(this.paths[Math.floor(code / 2 ** 31)], code % 2 ** 31);
  }
}

const placeName = (path: string, line?: number) => (line ? `${path}:${line}` : path);

/**
 * The items `read` finds in each input, in input order, with ids checked: an
 * id that could escape the output folder, or that an earlier item already
 * took, becomes an error for that item alone. `placeOf` says which id an
 * item claims and where it was found. Shared by extract (articles) and view
 * (articles and records).
 */
export async function* withClaimedIds<T extends { kind: string }>(
  specs: Array<InputSpec | InputError>,
  read: (spec: InputSpec) => AsyncIterable<T | InputError>,
  placeOf: (item: T) => { id: string; path: string; line?: number },
): AsyncGenerator<T | InputError> {
  const ids = new IdClaims();
  for (const spec of specs) {
    if ('kind' in spec) {
      yield spec;
      continue;
    }
    for await (const item of read(spec)) {
      if (item.kind === 'error') {
        yield item;
        continue;
      }
      const { id, path, line } = placeOf(item as T);
      const problem = ids.claim(id, path, line);
      if (problem) {
        yield { kind: 'error', source: path, ...(line !== undefined && { line }), id, error: problem };
        continue;
      }
      yield item;
    }
  }
}

/** All articles of all inputs, in input order, with ids checked (withClaimedIds). */
export function readArticles(specs: Array<InputSpec | InputError>): AsyncGenerator<InputItem> {
  return withClaimedIds<Article>(specs, readSource, (a) => ({ id: a.id, path: a.source.path, line: a.source.line }));
}
