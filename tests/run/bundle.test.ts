import { describe, expect, it } from 'vitest';
import { bundledModuleUrl } from '../../src/run/bundle.ts';
import { PROJECT_ROOT, pipelineFingerprint } from '../../src/version.ts';
import { extract } from '../../src/pipeline.ts';

// Pool threads run the bundle, the main thread the sources: both must find
// the same files (the fingerprint hashes the models and lexicons, found from
// each source file's own URL) and make the same records.
describe('bundledModuleUrl', () => {
  it('makes a data: module whose files resolve from where each source lives', async () => {
    const url = await bundledModuleUrl(new URL('../../src/version.ts', import.meta.url));
    expect(url.startsWith('data:text/javascript;base64,')).toBe(true);
    const bundled = await import(url);
    expect(bundled.PROJECT_ROOT).toBe(PROJECT_ROOT);
    expect(bundled.pipelineFingerprint()).toBe(pipelineFingerprint());
  });

  it('bundles the pipeline with its packages, which extracts as the sources do', async () => {
    const bundled = await import(await bundledModuleUrl(new URL('../../src/pipeline.ts', import.meta.url)));
    const text = 'Mayor Ana Ruiz said the city would spend £7.7bn. “It is a start,” she said.';
    expect(bundled.extract(text, { id: 'b' })).toEqual(extract(text, { id: 'b' }));
  });

  it('keeps regex literals with Unicode property escapes as literals', async () => {
    // esbuild turns /\p{L}/u into a `new RegExp(...)` call per evaluation for
    // a Node target (bundle.ts); the stages use dozens of them per token.
    const url = await bundledModuleUrl(new URL('../../src/pipeline.ts', import.meta.url));
    const code = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
    expect(code).toMatch(/\/\^?\\p\{L[a-z]?\}[^\n]*\/u/);
    expect(code).not.toMatch(/new RegExp\("[^"]*\\\\p\{/);
  });

  it('builds each entry once per process', async () => {
    const entry = new URL('../../src/version.ts', import.meta.url);
    expect(bundledModuleUrl(entry)).toBe(bundledModuleUrl(entry));
  });
});
