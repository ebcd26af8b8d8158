import { and, count, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/** What the database holds right now, counted for /metrics when it is scraped. */
export interface Gauges {
  requestsByStatus: Record<string, number>;
  approvalsByStatus: Record<string, number>;
  stepsByStatus: Record<string, number>;
  triageByStatus: Record<string, number>;
  /** Notifications neither delivered nor dead. */
  outboxPending: number;
  outboxDeadLetters: number;
  /** Fulfilment work queued (claimed or not). */
  fulfilmentQueued: number;
  /** Queued work whose replica's lease ran out: another replica takes it over on its next sweep. */
  fulfilmentLeasesExpired: number;
}

export class GaugeRepository {
  constructor(
    private readonly db: Db,
    private readonly tables: Tables,
  ) {}

  async read(now: number): Promise<Gauges> {
    const { requests, approvals, fulfilmentSteps, triageItems, outbox, fulfilmentQueue } = this.tables;
    const byStatus = async (rows: Promise<Array<{ status: string; n: number }>>) => Object.fromEntries((await rows).map((r) => [r.status, Number(r.n)]));
    const one = async (rows: Promise<Array<{ n: number }>>) => Number((await rows)[0]?.n ?? 0);
    const [requestsByStatus, approvalsByStatus, stepsByStatus, triageByStatus, outboxPending, outboxDeadLetters, fulfilmentQueued, fulfilmentLeasesExpired] =
      await Promise.all([
        byStatus(this.db.select({ status: requests.status, n: count() }).from(requests).groupBy(requests.status)),
        byStatus(this.db.select({ status: approvals.status, n: count() }).from(approvals).groupBy(approvals.status)),
        byStatus(this.db.select({ status: fulfilmentSteps.status, n: count() }).from(fulfilmentSteps).groupBy(fulfilmentSteps.status)),
        byStatus(this.db.select({ status: triageItems.status, n: count() }).from(triageItems).groupBy(triageItems.status)),
        one(
          this.db
            .select({ n: count() })
            .from(outbox)
            .where(and(isNull(outbox.deliveredAt), isNull(outbox.deadAt))),
        ),
        one(
          this.db
            .select({ n: count() })
            .from(outbox)
            .where(and(isNull(outbox.deliveredAt), isNotNull(outbox.deadAt))),
        ),
        one(this.db.select({ n: count() }).from(fulfilmentQueue)),
        one(
          this.db
            .select({ n: count() })
            .from(fulfilmentQueue)
            .where(and(isNotNull(fulfilmentQueue.claimedBy), lt(fulfilmentQueue.claimedUntil, now))),
        ),
      ]);
    return { requestsByStatus, approvalsByStatus, stepsByStatus, triageByStatus, outboxPending, outboxDeadLetters, fulfilmentQueued, fulfilmentLeasesExpired };
  }
}
