#!/usr/bin/env -S node --single-threaded-gc
// Node's flags are in the shebang: see src/cli/node-flags.ts for why, and
// pass the same ones when starting this file with `node` yourself.
// Runs the TypeScript sources through tsx's loader: no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
