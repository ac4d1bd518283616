/**
 * The extractor's identity. The fingerprint changes whenever the version, a
 * lexicon, the model weights or the record-making code change, so a rerun knows which records are
 * stale (issue 7: skip only records made by the same pipeline).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTRACTOR_VERSION = '0.1.0';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What shapes a record: the lexicons and model weights, and the code of the
 * layers that build it (a stage fix must not leave old records looking
 * current to a rerun). CLI, I/O and database code do not change records.
 */
const DATA_DIRS = ['models', 'lexicons', 'schemas/record.ts', 'src/core', 'src/adapters', 'src/stages', 'src/ner', 'src/pipeline.ts'];

function listFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return [dir];
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

let cached: string | undefined;

/** `<version>+<12 hex digits>`: the version plus a hash of the data and code that make a record. */
export function pipelineFingerprint(): string {
  if (cached) return cached;
  const hash = createHash('sha256').update(EXTRACTOR_VERSION);
  for (const dir of DATA_DIRS) {
    for (const file of listFiles(join(PROJECT_ROOT, dir))) {
      hash.update(file.slice(PROJECT_ROOT.length)).update(readFileSync(file));
    }
  }
  cached = `${EXTRACTOR_VERSION}+${hash.digest('hex').slice(0, 12)}`;
  return cached;
}
