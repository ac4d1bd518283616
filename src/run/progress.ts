/**
 * Progress on stderr: a one-line bar redrawn in place when stderr is a
 * terminal, a plain line every few seconds when it is not (log files and CI
 * keep readable lines, no carriage-return soup), nothing with --quiet.
 */
import { SingleBar } from 'cli-progress';

export interface Counts {
  extracted: number;
  skipped: number;
  failed: number;
  /** UTF-8 bytes of the article texts extracted so far (a batch run reports them; the benchmark reads them). */
  bytes?: number;
}

export interface Progress {
  update(counts: Counts): void;
  /** Clears the bar (the summary line follows). */
  done(): void;
}

export interface ProgressOptions {
  quiet: boolean;
  stream?: NodeJS.WriteStream;
  /** Articles expected, when known up front (only .txt inputs); JSONL streams have no total. */
  total?: number;
  /** Interval of the plain lines when stderr is not a terminal. */
  plainEveryMs?: number;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { update() {}, done() {} };
  const started = Date.now();
  let last = 0;
  const describe = (c: Counts) => {
    const n = c.extracted + c.skipped + c.failed;
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? n / secs : 0;
    return { n, rate, text: `${n} done (${c.extracted} extracted, ${c.skipped} skipped, ${c.failed} failed), ${rate.toFixed(1)} articles/s` };
  };
  if (stream.isTTY) {
    // cli-progress draws and redraws the line (throttled, cursor hidden and
    // restored, cleared at the end). The ETA is ours, from the whole run's
    // rate: its own moving window swings with the size of the last articles.
    const bar = new SingleBar({
      stream,
      format: options.total ? 'quarry extract [{bar}] {percentage}% ETA {left} {text}' : 'quarry extract {text}',
      barsize: 24,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: true,
      linewrap: false,
      fps: 10,
    });
    let shown = false;
    return {
      update(c) {
        const { n, rate, text } = describe(c);
        const payload = { text, left: options.total ? duration((options.total - n) / rate) : '' };
        if (!shown) {
          bar.start(options.total ?? 0, n, payload);
          shown = true;
        } else bar.update(n, payload);
      },
      done() {
        if (shown) bar.stop();
      },
    };
  }
  const every = options.plainEveryMs ?? 10_000;
  return {
    update(c) {
      const now = Date.now();
      if (now - started < every || now - last < every) return;
      last = now;
      stream.write(`quarry extract: ${describe(c).text}\n`);
    },
    done() {},
  };
}
