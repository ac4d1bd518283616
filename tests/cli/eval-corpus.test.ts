/**
 * The regression gate `npm test` runs (issue 3): the real pipeline over the
 * committed corpus must not fall below `corpus/baseline.json` by more than the
 * default tolerance. Skipped until a baseline is committed; when it fails,
 * the message lists the figures that dropped. After an intended change, run
 * `npx quarry eval --baseline corpus/baseline.json --update-baseline` and
 * commit the new baseline with the change.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runEval } from '../../src/cli/commands/eval.ts';

const BASELINE = 'corpus/baseline.json';

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!existsSync(BASELINE))('corpus regression gate', () => {
  it(`no figure drops below ${BASELINE} beyond the tolerance, and every gold file is valid`, async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    const code = await runEval(['--corpus', 'corpus', '--baseline', BASELINE]);
    vi.restoreAllMocks();
    const report = out.slice(out.indexOf('changes against') >= 0 ? out.indexOf('changes against') : Math.max(0, out.length - 2000));
    expect(code, report).toBe(0);
  });
});
