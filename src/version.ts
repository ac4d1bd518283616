/**
 * The extractor's identity. The fingerprint changes whenever the version, a
 * lexicon or the model weights change, so a rerun knows which records are
 * stale (issue 7: skip only records made by the same pipeline).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTRACTOR_VERSION = '0.1.0';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders whose files shape the output besides the code. */
const DATA_DIRS = ['models', 'lexicons'];

function listFiles(dir: string): string[] {
  let names: string[];
  try {
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

/** `<version>+<12 hex digits>`: the version plus a hash of the data the stages load. */
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
