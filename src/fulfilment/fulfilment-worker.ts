import { whileRenewing } from '../replicas/replica-claims.js';
import type { FulfilmentJobRow } from '../store/repositories/fulfilment-queue-repository.js';
import { backoffMs } from './failure-policy.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import type { RunEnd } from './run-steps.js';

/** Node runs a longer timer at once (and warns): the longest delay it keeps. */
const longestTimerMs = 2_147_483_647;

/**
 * Runs queued fulfilment work on this replica. `wake` claims what is due (with a lease it
 * renews while it works, so a replica that dies hands its work over once the lease runs
 * out) and runs it until nothing is due; a retry's backoff sets a timer for when it falls
 * due. Callers only wake it after their commit; a periodic sweep wakes it for the work of
 * other replicas.
 */
export class FulfilmentWorker {
  private draining: Promise<number> | undefined;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: FulfilmentContext, private readonly run: (job: FulfilmentJobRow) => Promise<RunEnd>) {}

  /** Runs what is due now; resolves with how many runs this wake-up (or the one under way) made. */
  wake(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    const draining = this.drain().finally(() => { this.draining = undefined; });
    this.draining = draining;
    return draining;
  }

  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.idle();
  }

  private async drain(): Promise<number> {
    let runs = 0;
    try {
      do {
        this.again = false;
        for (;;) {
          const { owner, leaseMs } = this.ctx.claims;
          const jobs = await this.ctx.store.transaction((repos) => repos.fulfilmentQueue.claimDue(owner, this.ctx.now(), leaseMs, this.ctx.concurrency ?? 4));
          if (!jobs.length) break;
          await Promise.all(jobs.map((job) => this.runOne(job)));
          runs += jobs.length;
        }
        // Inside the loop: work committed (and woken) while the next due time is read is claimed
        // in this drain, not left for the timer after idle() has already resolved.
        await this.wakeWhenNextDue();
      } while (this.again && !this.stopped);
    } catch (error) {
      this.ctx.log.error({ err: error }, 'the fulfilment worker could not claim work; the next sweep tries again');
    }
    return runs;
  }

  /** One claimed piece of work: run, then drop it from the queue or give it back for later. */
  private async runOne(job: FulfilmentJobRow): Promise<void> {
    const { owner, leaseMs } = this.ctx.claims;
    const renew = () => this.ctx.store.transaction((repos) => repos.fulfilmentQueue.renewClaim(job.id, owner, this.ctx.now() + leaseMs));
    try {
      const end = await whileRenewing(this.ctx.claims, renew, () => this.run(job));
      await this.ctx.store.transaction(async (repos) => {
        // A retry's backoff or a wait's end: the same row runs again then, on whichever replica claims it.
        if (end.kind === 'later') await repos.fulfilmentQueue.retryLater(job.id, owner, { runAfter: end.at, attempts: job.attempts, lastError: null });
        else await repos.fulfilmentQueue.complete(job.id, owner);
      });
    } catch (error) {
      const attempts = job.attempts + 1;
      const runAfter = this.ctx.now() + backoffMs(this.ctx.failurePolicy, attempts);
      this.ctx.log.error({ requestId: job.requestId, work: job.kind, attempts, err: error }, 'a fulfilment run failed; it runs again after its backoff');
      await this.ctx.store.transaction((repos) => repos.fulfilmentQueue.retryLater(job.id, owner, { runAfter, attempts, lastError: error instanceof Error ? error.message : String(error) }))
        .catch(() => undefined); // the claim runs out and the work is claimed again
    }
    await this.ctx.outbox.flush().catch((err: unknown) => this.ctx.log.warn({ err }, 'outbox flush after fulfilment failed; the notifier sweeps it'));
  }

  private async wakeWhenNextDue(): Promise<void> {
    clearTimeout(this.timer);
    const at = await this.ctx.store.read.fulfilmentQueue.nextDueAt();
    if (at === undefined || this.stopped) return;
    // Due already yet not claimable: another replica is claiming it; look again shortly.
    const delay = at - this.ctx.now();
    // Work waiting for a day weeks ahead (a leaver's last day) is past what a timer can hold;
    // the periodic sweep wakes the worker long before then anyway.
    this.timer = setTimeout(() => { void this.wake(); }, delay > 0 ? Math.min(delay, longestTimerMs) : 250);
    this.timer.unref();
  }
}
