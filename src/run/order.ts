/**
 * Puts results that finish in any order back into input order. Workers finish
 * out of order; records.jsonl and errors.jsonl must not depend on --jobs, so
 * each article gets a sequence number when it is read and is released only
 * when every earlier one has been. The caller bounds how far reading may run
 * ahead of writing, which bounds this buffer too.
 */
export class Reorderer<T> {
  private readonly waiting = new Map<number, T>();
  private next = 0;
  private flushing: Promise<void> = Promise.resolve();
  private failure: unknown;

  /** `release` is called with each run of consecutive results, in order, one call at a time. */
  constructor(private readonly release: (items: T[]) => Promise<void>) {}

  /** The sequence number of the first result not yet released. */
  get released(): number {
    return this.next;
  }

  get buffered(): number {
    return this.waiting.size;
  }

  /** Hands in result `seq`; whatever is now consecutive goes to `release` (see drained()). */
  put(seq: number, item: T): void {
    this.waiting.set(seq, item);
    const batch: T[] = [];
    while (this.waiting.has(this.next)) {
      batch.push(this.waiting.get(this.next)!);
      this.waiting.delete(this.next);
      this.next++;
    }
    if (batch.length) {
      this.flushing = this.flushing.then(async () => {
        if (this.failure === undefined) {
          try {
            await this.release(batch);
          } catch (err) {
            this.failure = err;
          }
        }
      });
    }
  }

  /** Resolves when every released batch has been written; rejects if a write failed. */
  async drained(): Promise<void> {
    await this.flushing;
    if (this.failure !== undefined) throw this.failure;
  }
}
