/**
 * Loads quarry's TypeScript sources as one plain-JavaScript module, bundled
 * in memory by esbuild, instead of through tsx's module hooks.
 *
 * Why: on Node 20 a thread that registers module hooks (tsx's `register()`)
 * gets its own hooks thread, a whole extra V8 isolate, and worker threads do
 * not inherit the main thread's hooks, so every pool thread had to register
 * its own. Measured with the pipeline loaded in one worker thread: 87 MB of
 * resident memory through tsx, 47 MB as a bundle (scratch measurement of
 * 2026-11-25; the 1 GB archive's budget is 500 MB for the whole process).
 *
 * The bundle is kept as a `data:` URL, so nothing is written to disk. A
 * `data:` module can import only absolute URLs, so every package import is
 * resolved here to its file URL with Node's own ESM resolution (as tsx left
 * package imports to Node), and stays external: each package is loaded from
 * node_modules exactly as before. `import.meta.url` (and `.filename`,
 * `.dirname`) in each source file is replaced by that file's own, so paths
 * to the lexicons and the model still resolve from where the file lives.
 */
import { build, stop } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundles = new Map<string, Promise<string>>();
/** Builds under way: esbuild's service process is stopped when none is left. */
let building = 0;

/**
 * A `data:` URL of the ES module bundling `entry` (a file URL of a .ts or
 * .js source) with every source file it imports; built once per process.
 */
export function bundledModuleUrl(entry: URL): Promise<string> {
  let url = bundles.get(entry.href);
  if (!url) {
    url = bundleModule(entry);
    bundles.set(entry.href, url);
  }
  return url;
}

async function bundleModule(entry: URL): Promise<string> {
  building++;
  try {
    return await buildBundle(entry);
  } finally {
    // esbuild keeps a Go service process for later calls; a run needs one
    // bundle, so it is stopped rather than kept beside the run (the next
    // call, if any, starts it again).
    if (--building === 0) await stop();
  }
}

async function buildBundle(entry: URL): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    // Not 'node20': for any Node target esbuild 0.28 rewrites every regex
    // literal with a Unicode property escape (/\p{Lu}/u) as
    // `new RegExp("\\p{Lu}", "u")`, a constructor call each time the line
    // runs, and the stages have dozens in per-token code. Node 20 has all of
    // ES2022, the regexes included, so nothing needs lowering. Measured with
    // `npm run bench -- --instructions --warm 1200 --articles 600`: 19.64
    // million instructions per article with 'node20', 19.07 with 'es2022'.
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'quarry-sources',
        setup(b) {
          // Bare specifiers: packages and node builtins.
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('node:')) return { path: args.path, external: true };
            try {
              return { path: import.meta.resolve(args.path), external: true };
            } catch {
              // Not installed (an optional or dev-only package): left as it
              // was, so importing it fails only if and when it is used.
              return { path: args.path, external: true };
            }
          });
          b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
            const source = await readFile(args.path, 'utf8');
            return {
              contents: source
                .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
                .replaceAll('import.meta.filename', JSON.stringify(args.path))
                .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path))),
              loader: args.path.endsWith('ts') ? 'ts' : 'js',
            };
          });
        },
      },
    ],
  });
  return `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].contents).toString('base64')}`;
}
