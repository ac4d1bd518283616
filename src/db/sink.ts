/**
 * Records pushed one at a time (as `quarry extract --db URL` makes them) and
 * loaded in batches: the same shape as src/io's RecordSink (`write`, `close`),
 * so extract can write to its output folder and to a database side by side.
 */
import { DEFAULT_BATCH_SIZE } from './defaults.ts';
import type { LoadCounts, LoadOptions, Loader } from './index.ts';

export interface DatabaseSink {
  write(record: unknown): Promise<void>;
  /** Loads what is still buffered. Does not close the loader (its opener does). */
  close(): Promise<void>;
  /** Running totals, final after close(). */
  readonly counts: LoadCounts;
}

export function databaseSink(loader: Loader, options: Omit<LoadOptions, 'signal'> = {}): DatabaseSink {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const counts: LoadCounts = { inserted: 0, replaced: 0, unchanged: 0, failed: 0 };
  let buffer: unknown[] = [];
  let written = 0;
  const flush = async () => {
    if (!buffer.length) return;
    const batch = buffer;
    const offset = written;
    buffer = [];
    written += batch.length;
    const c = await loader.load(batch, {
      batchSize: batch.length,
      onFailure: options.onFailure && ((f) => options.onFailure!({ ...f, index: f.index + offset })),
    });
    counts.inserted += c.inserted;
    counts.replaced += c.replaced;
    counts.unchanged += c.unchanged;
    counts.failed += c.failed;
    options.onProgress?.({ ...counts });
  };
  return {
    async write(record) {
      buffer.push(record);
      if (buffer.length >= batchSize) await flush();
    },
    close: flush,
    counts,
  };
}
