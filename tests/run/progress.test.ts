import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/run/progress.ts';

/** A stderr stand-in that keeps what is written; `tty` makes it look like a terminal. */
function fakeStderr(tty: boolean): NodeJS.WriteStream & { written: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream & { written: () => string };
  Object.assign(stream, { isTTY: tty, columns: 120, rows: 40, written: () => chunks.join('') });
  return stream;
}

const counts = (extracted: number, failed = 0) => ({ extracted, skipped: 0, failed });

describe('createProgress', () => {
  it('draws a bar with percentage and ETA on a terminal when the total is known, and clears it at the end', () => {
    const stream = fakeStderr(true);
    const p = createProgress({ quiet: false, stream, total: 10 });
    p.update(counts(5));
    const drawn = stream.written();
    expect(drawn).toContain('quarry extract [');
    expect(drawn).toMatch(/50% ETA \S+ 5 done \(5 extracted, 0 skipped, 0 failed\)/);
    expect(drawn).toContain('█'.repeat(12));
    p.done();
    // Cleared: the summary line that follows starts on a clean line.
    expect(stream.written().length).toBeGreaterThan(drawn.length);
    expect(stream.written().slice(drawn.length)).toMatch(/\x1b\[|\r/);
  });

  it('shows counts and rate without a bar for a stream of unknown length', () => {
    const stream = fakeStderr(true);
    const p = createProgress({ quiet: false, stream });
    p.update(counts(3, 1));
    expect(stream.written()).toContain('quarry extract 4 done (3 extracted, 0 skipped, 1 failed)');
    expect(stream.written()).not.toContain('%');
    p.done();
  });

  it('prints plain lines at the interval when stderr is not a terminal', async () => {
    const stream = fakeStderr(false);
    const p = createProgress({ quiet: false, stream, plainEveryMs: 20 });
    p.update(counts(1));
    expect(stream.written()).toBe('');
    await new Promise((r) => setTimeout(r, 30));
    p.update(counts(2));
    expect(stream.written()).toMatch(/^quarry extract: 2 done \(2 extracted, 0 skipped, 0 failed\), [\d.]+ articles\/s\n$/);
    expect(stream.written()).not.toMatch(/\r|\x1b/);
    p.done();
  });

  it('writes nothing with --quiet', () => {
    const stream = fakeStderr(true);
    const p = createProgress({ quiet: true, stream, total: 3 });
    p.update(counts(3));
    p.done();
    expect(stream.written()).toBe('');
  });
});
