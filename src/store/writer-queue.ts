/**
 * Runs one piece of work at a time, in arrival order, whether the one before succeeded or
 * failed: SQLite's single writer, so nothing interleaves with a transaction's statements.
 */
export class WriterQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Settles once everything queued so far has finished. */
  async drained(): Promise<void> {
    await this.tail;
  }
}
