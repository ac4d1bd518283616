/**
 * What `quarry view` reads: articles (as `quarry extract` takes them) or
 * records (`<id>.json` files, `records.jsonl`), told apart by content. A
 * record carries no text, so its article is found again through
 * `record.source.path` (and `source.line` for JSONL articles) and checked
 * against `record.source.sha256`: a record is only ever drawn over the exact
 * text its offsets were taken from.
 */
import { createReadStream, existsSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { RecordSchema, type Record } from '../../schemas/record.ts';
import { articleFromBytes, articleFromObject, decodeArticle, globToRegExp, idOfFile, readFileBytes, readJsonlLines, resolveInputs, walk, withClaimedIds, type Article, type InputError, type InputSpec } from '../io/inputs.ts';
import { sha256Hex, validateRecord } from '../pipeline.ts';

export interface RecordItem {
  kind: 'record';
  record: Record;
  /** Where the record was read from (file, or file:line). */
  origin: string;
  originPath: string;
  /** The record's line in a records JSONL file. */
  line?: number;
}

export type ViewItem = Article | RecordItem | InputError;

/** A parsed JSON value that is shaped like a record rather than an article line. */
const looksLikeRecord = (o: unknown): boolean => typeof o === 'object' && o !== null && 'schemaVersion' in o && 'entities' in o;

/** The first few KB of a file as text ('' when unreadable): enough to see a record's leading keys. */
async function fileHead(path: string, bytes = 4096): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}

/** In a folder: articles, article or record JSONL, and record files; never gold, error lists or other JSON. */
async function folderInputs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const path of await walk(dir)) {
    const name = basename(path);
    if (name.endsWith('.txt')) out.push(path);
    else if (name.endsWith('.jsonl') && name !== 'errors.jsonl') out.push(path);
    else if (name.endsWith('.json') && !name.endsWith('.gold.json')) {
      // Folders hold other JSON (baseline.json, package files): only records are inputs here.
      if (/"schemaVersion"\s*:/.test(await fileHead(path))) out.push(path);
    }
  }
  return out;
}

const isGlob = (arg: string) => /[*?[{]/.test(arg);

/** Files a glob matches below its static prefix (as `quarry extract` expands them), record files included. */
async function globInputs(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/);
  const firstMagic = parts.findIndex(isGlob);
  const base = parts.slice(0, firstMagic).join('/') || '.';
  const re = globToRegExp(parts.slice(firstMagic).join('/'));
  const files = await walk(base).catch(() => [] as string[]);
  return files.filter((f) => re.test(relative(base, f).split(sep).join('/')) && /\.(txt|jsonl|json)$/.test(f) && !f.endsWith('.gold.json') && basename(f) !== 'errors.jsonl');
}

/**
 * INPUT arguments to sources, in the order given: folders and globs are
 * walked for articles and records, files and `-` taken as they are. A path
 * that does not exist, or a glob matching nothing, is an error for itself.
 */
export async function resolveViewInputs(args: string[], stdin: Readable): Promise<Array<InputSpec | InputError>> {
  const out: Array<InputSpec | InputError> = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    if (seen.has(resolve(path))) return;
    seen.add(resolve(path));
    out.push({ path });
  };
  for (const arg of args) {
    const info = arg === '-' ? undefined : await stat(arg).catch(() => undefined);
    if (info?.isDirectory()) (await folderInputs(arg)).forEach(add);
    else if (!info && isGlob(arg)) {
      const matches = await globInputs(arg);
      if (matches.length === 0) out.push({ kind: 'error', source: arg, error: 'the pattern matches no article or record file' });
      matches.forEach(add);
    } else out.push(...(await resolveInputs([arg], stdin)));
  }
  return out;
}

function recordItem(json: unknown, origin: string, originPath: string, line?: number): RecordItem | InputError {
  const parsed = RecordSchema.safeParse(json);
  if (!parsed.success) {
    const rawId = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'string' ? rawId : undefined;
    const why = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    return { kind: 'error', source: originPath, ...(line !== undefined && { line }), ...(id !== undefined && { id }), error: `not a valid quarry record: ${why}` };
  }
  return { kind: 'record', record: parsed.data, origin, originPath, ...(line !== undefined && { line }) };
}

function jsonlItem(line: string, source: string, lineNo: number): ViewItem {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    return { kind: 'error', source, line: lineNo, error: `malformed JSON: ${(err as Error).message}` };
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { kind: 'error', source, line: lineNo, error: 'a JSONL line must be an object (an article {"id","text"} or a record)' };
  if (looksLikeRecord(obj)) return recordItem(obj, `${source}:${lineNo}`, source, lineNo);
  return articleFromObject(obj as { [k: string]: unknown }, source, lineNo);
}

async function* readSource(spec: InputSpec): AsyncGenerator<ViewItem> {
  if ('stdin' in spec || spec.path.endsWith('.jsonl')) {
    const source = 'stdin' in spec ? '-' : spec.path;
    yield* readJsonlLines('stdin' in spec ? spec.stdin : createReadStream(spec.path), source, jsonlItem);
    return;
  }
  const { path } = spec;
  const read = await readFileBytes(path);
  if ('error' in read) {
    yield read.error;
    return;
  }
  if (!path.endsWith('.json')) {
    yield articleFromBytes(path, read.bytes);
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(read.bytes));
  } catch (err) {
    yield { kind: 'error', source: path, id: idOfFile(path), error: `not valid JSON: ${(err as Error).message}` };
    return;
  }
  yield recordItem(json, path, path);
}

/** Every article and record of the inputs, in order; an unsafe or repeated id fails that item alone. */
export function readViewItems(specs: Array<InputSpec | InputError>): AsyncGenerator<ViewItem> {
  return withClaimedIds<Article | RecordItem>(specs, readSource, (item) =>
    item.kind === 'article' ? { id: item.id, path: item.source.path, line: item.source.line } : { id: item.record.id, path: item.originPath, line: item.line },
  );
}

/** The article a record was made from, or why it cannot be found. */
export async function recordArticle(item: RecordItem, lines = new LineReader()): Promise<{ text: string; path: string } | { error: string }> {
  const { record } = item;
  const path = record.source.path;
  if (!path || path === '-') return { error: `record "${record.id}" does not say where its article is (source.path ${path ? 'is standard input' : 'is missing'}); view the article itself instead` };
  // Paths in records are as given to `quarry extract`, usually relative to where it ran; also try beside the record's own folder.
  const candidates = isAbsolute(path) ? [path] : [resolve(path), resolve(dirname(item.originPath), path), resolve(dirname(item.originPath), '..', path)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) return { error: `the article of record "${record.id}" is missing: ${path} not found` };
  let text: string;
  if (record.source.line !== undefined) {
    let line: string | undefined;
    try {
      line = await lines.line(found, record.source.line);
    } catch (err) {
      return { error: `the article of record "${record.id}" at ${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    if (line === undefined) return { error: `the article of record "${record.id}" is missing: ${path} has no line ${record.source.line}` };
    try {
      const o = JSON.parse(line) as { text?: unknown };
      if (typeof o.text !== 'string') return { error: `${path}:${record.source.line} has no "text" for record "${record.id}"` };
      text = o.text;
    } catch {
      return { error: `${path}:${record.source.line} is not valid JSON (record "${record.id}")` };
    }
  } else {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(found);
    } catch (err) {
      return { error: `the article of record "${record.id}" at ${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    const decoded = decodeArticle(bytes);
    if ('error' in decoded) return { error: `the article of record "${record.id}" at ${path}: ${decoded.error}` };
    text = decoded.text;
  }
  if (sha256Hex(text) !== record.source.sha256) {
    return { error: `the article at ${path} has changed since record "${record.id}" was made (sha256 differs); run quarry extract again` };
  }
  try {
    validateRecord(item.record, text);
  } catch (err) {
    return { error: `record "${record.id}" does not fit its article: ${(err as Error).message}` };
  }
  return { text, path: found === resolve(path) ? path : found };
}

/**
 * Reads given lines of JSONL article files. Records come in the order their
 * articles were read, so one forward cursor per file serves them all in a
 * single pass (a fresh read per record would be quadratic in the file).
 */
export class LineReader {
  private readonly cursors = new Map<string, { lines: ReturnType<typeof createInterface>; iter: AsyncIterator<string>; at: number }>();

  /** Line `n` (1-based) of `path`, or undefined when the file is shorter. */
  async line(path: string, n: number): Promise<string | undefined> {
    let c = this.cursors.get(path);
    if (!c || c.at >= n) {
      c?.lines.close();
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      c = { lines, iter: lines[Symbol.asyncIterator](), at: 0 };
      this.cursors.set(path, c);
    }
    while (c.at < n) {
      const next = await c.iter.next();
      if (next.done) {
        this.cursors.delete(path);
        return undefined;
      }
      if (++c.at === n) return next.value;
    }
    return undefined;
  }

  close(): void {
    for (const c of this.cursors.values()) c.lines.close();
    this.cursors.clear();
  }
}

/** Where an article's gold file sits: `<id>.gold.json` beside it (beside the JSONL file for JSONL articles). */
export function goldPathFor(articlePath: string, id: string): string | undefined {
  if (articlePath === '-') return undefined;
  return join(dirname(articlePath), `${id}.gold.json`);
}
