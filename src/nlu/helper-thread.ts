import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { OneVsRestJob } from './one-vs-rest-job.js';
import { startWorker } from './start-worker.js';

/**
 * A second thread that trains a share of a one-vs-rest job. It is started before the
 * features are built, so that its start-up (about half a second with the TypeScript
 * loader) overlaps that work instead of delaying the SVMs; it then waits for the job.
 */
export class HelperThread {
  private constructor(private readonly worker: Worker) {}

  /** A started helper, or none on a single core or when a thread cannot be started. */
  static start(): HelperThread | undefined {
    if (availableParallelism() < 2) return undefined;
    try {
      const worker = startWorker('one-vs-rest-worker', { lean: true });
      worker.unref();
      // A helper that fails to start or dies only leaves its classes to the calling thread.
      worker.on('error', () => {});
      return new HelperThread(worker);
    } catch {
      return undefined;
    }
  }

  /** Hands the job over; the helper takes classes from it until none are left. */
  share(job: OneVsRestJob): void {
    this.worker.postMessage(job);
  }

  stop(): void {
    void this.worker.terminate();
  }
}
