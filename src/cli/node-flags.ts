/**
 * The flags `quarry` runs Node with: bin/quarry.js's shebang
 * (`#!/usr/bin/env -S node …`) carries them, and whatever starts the CLI
 * another way (the npm scripts, the tests, the benchmark's child) passes
 * these. They must be on Node's command line: V8 decides at heap set-up
 * whether a heap marks concurrently, and setting these from inside a running
 * process (v8.setFlagsFromString, even as the launcher's first statement and
 * with every flag it implies spelled out) crashed Node 20 on its next full
 * collection (“Check failed: concurrent_marking_handle_ …”), as did
 * `--no-concurrent-marking --no-parallel-marking` on the command line.
 *
 * `--single-threaded-gc`: V8 collects each heap on the thread that owns it,
 * with no helper threads (no parallel scavenge, no concurrent marking or
 * sweeping). A batch run keeps one pool thread busy per core (--jobs defaults
 * to the number of cores), so V8's helper threads, four per process, only
 * take CPU from the other pool threads, and share the work with locks and
 * stealing. Measured with 2 workers on the 2-core VM (scratch, per-thread CPU
 * from /proc, warm pool, rounds of 1,000 articles, alternating processes,
 * 2026-12-07): helper threads 417-538 µs of CPU per article without the
 * flag, 180-240 with it, and the pool threads' own CPU per article no higher;
 * 2 workers at 589, 626, 672, 565, 675, 655, 594 articles/s without it and
 * 707, 723, 800, 672, 660, 714, 638 with it; 1 worker at 360 and 371
 * without, 370 and 398 with.
 */
export const CLI_NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];
