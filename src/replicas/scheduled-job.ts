import type { Store } from '../store/store.js';
import { renewEveryMs, type ReplicaClaims } from './replica-claims.js';
import type { Logger } from '../shared/logger.js';


export interface ScheduledJob {
  /** Unique across the deployment: the lease's name. */
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs a job every `everyMs`, once across all replicas: each run first takes the job's lease
 * for a little less than the interval, so only one replica wins it per interval, and the
 * next replica takes over when the one that ran it dies. Runs once at start. Returns stop.
 */
export function scheduleAcrossReplicas(deps: { store: Store; claims: ReplicaClaims; log: Pick<Logger, 'warn'>; now?: () => number }, job: ScheduledJob): () => void {
  const now = deps.now ?? Date.now;
  const holdMs = Math.max(job.everyMs - renewEveryMs(deps.claims), Math.floor(job.everyMs / 2));
  let running: Promise<unknown> | undefined;
  const tick = (): void => {
    if (running) return;
    running = (async () => {
      const mine = await deps.store.transaction((repos) => repos.leases.acquire(`job:${job.name}`, deps.claims.owner, now(), holdMs));
      if (mine) await job.run();
    })()
      .catch((err: unknown) => deps.log.warn({ job: job.name, err }, 'a scheduled job failed; it runs again at its next time'))
      .finally(() => { running = undefined; });
  };
  tick();
  const timer = setInterval(tick, job.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
