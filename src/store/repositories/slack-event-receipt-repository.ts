import { and, asc, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Db, Dialect, Tables } from '../database.js';

/** An event acked but not handled yet, as the Events API delivered it. */
export interface PendingSlackEvent {
  eventId: string;
  body: Record<string, unknown>;
}

/**
 * The Slack event inbox: durable dedupe of deliveries (the first insert of an event id wins)
 * and the events acked but not yet handled, each held by one replica with a lease.
 */
export class SlackEventReceiptRepository {
  constructor(private readonly db: Db, private readonly tables: Tables, private readonly dialect: Dialect) {}

  /** Records a key handled on the spot (nothing to take over); true the first time it is seen. */
  async firstSeen(eventId: string, at: number): Promise<boolean> {
    const { slackEventReceipts } = this.tables;
    const taken = await this.db.insert(slackEventReceipts).values({ eventId, receivedAt: at, doneAt: at }).onConflictDoNothing()
      .returning({ eventId: slackEventReceipts.eventId });
    return taken.length === 1;
  }

  /**
   * Records a delivery and claims it for `owner` until `now + leaseMs`. True the first time an
   * event id is seen, false for every repeat (which must not be handled again).
   */
  async accept(input: { eventId: string; body: Record<string, unknown>; owner: string; now: number; leaseMs: number }): Promise<boolean> {
    const { slackEventReceipts } = this.tables;
    const taken = await this.db.insert(slackEventReceipts)
      .values({ eventId: input.eventId, receivedAt: input.now, body: input.body, claimedBy: input.owner, claimedUntil: input.now + input.leaseMs })
      .onConflictDoNothing()
      .returning({ eventId: slackEventReceipts.eventId });
    return taken.length === 1;
  }

  /** Extends `owner`'s leases on events it is still handling. */
  async renew(eventIds: string[], owner: string, until: number): Promise<void> {
    const { slackEventReceipts } = this.tables;
    if (!eventIds.length) return;
    await this.db.update(slackEventReceipts).set({ claimedUntil: until })
      .where(and(inArray(slackEventReceipts.eventId, eventIds), eq(slackEventReceipts.claimedBy, owner), isNull(slackEventReceipts.doneAt)));
  }

  /** The event was handled (or failed for good): its body is dropped and nobody takes it over. */
  async finish(eventId: string, at: number): Promise<void> {
    const { slackEventReceipts } = this.tables;
    await this.db.update(slackEventReceipts).set({ body: null, claimedUntil: null, doneAt: at })
      .where(eq(slackEventReceipts.eventId, eventId));
  }

  /**
   * Claims acked events whose holder's lease ran out (the replica died before handling
   * them), oldest first, passing over rows another transaction is claiming.
   */
  async claimStalled(owner: string, now: number, leaseMs: number, limit = 20): Promise<PendingSlackEvent[]> {
    const { slackEventReceipts } = this.tables;
    const stalled = await this.dialect.skipLocked(this.db.select({ eventId: slackEventReceipts.eventId }).from(slackEventReceipts)
      .where(and(isNotNull(slackEventReceipts.claimedUntil), lt(slackEventReceipts.claimedUntil, now), isNull(slackEventReceipts.doneAt)))
      .orderBy(asc(slackEventReceipts.receivedAt)).limit(limit));
    if (!stalled.length) return [];
    const claimed = await this.db.update(slackEventReceipts).set({ claimedBy: owner, claimedUntil: now + leaseMs })
      .where(inArray(slackEventReceipts.eventId, stalled.map((s) => s.eventId)))
      .returning({ eventId: slackEventReceipts.eventId, body: slackEventReceipts.body, receivedAt: slackEventReceipts.receivedAt });
    return claimed
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .flatMap((row) => (row.body && typeof row.body === 'object' ? [{ eventId: row.eventId, body: row.body as Record<string, unknown> }] : []));
  }

  /** Slack retries for about an hour; older receipts only take space. Unfinished ones stay. */
  async purgeBefore(at: number): Promise<number> {
    const { slackEventReceipts } = this.tables;
    const purged = await this.db.delete(slackEventReceipts).where(and(lt(slackEventReceipts.receivedAt, at), isNotNull(slackEventReceipts.doneAt)))
      .returning({ eventId: slackEventReceipts.eventId });
    return purged.length;
  }
}
