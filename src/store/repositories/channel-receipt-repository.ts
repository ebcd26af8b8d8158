import { and, asc, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Db, Dialect, Tables } from '../database.js';

/** A delivery acked but not handled yet, as the channel delivered it. */
export interface PendingDelivery {
  receiptId: string;
  body: Record<string, unknown>;
}

/**
 * Every channel's inbox: durable dedupe of inbound deliveries (the first insert of a
 * channel's receipt id wins) and the deliveries acked but not yet handled, each held by one
 * replica with a lease.
 */
export class ChannelReceiptRepository {
  constructor(private readonly db: Db, private readonly tables: Tables, private readonly dialect: Dialect) {}

  /** Records a key handled on the spot (nothing to take over); true the first time it is seen. */
  async firstSeen(channel: string, receiptId: string, at: number): Promise<boolean> {
    const { channelReceipts } = this.tables;
    const taken = await this.db.insert(channelReceipts).values({ channel, receiptId, receivedAt: at, doneAt: at }).onConflictDoNothing()
      .returning({ receiptId: channelReceipts.receiptId });
    return taken.length === 1;
  }

  /**
   * Records a delivery and claims it for `owner` until `now + leaseMs`. True the first time a
   * receipt id is seen on the channel, false for every repeat (which must not be handled again).
   */
  async accept(input: { channel: string; receiptId: string; body: Record<string, unknown>; owner: string; now: number; leaseMs: number }): Promise<boolean> {
    const { channelReceipts } = this.tables;
    const taken = await this.db.insert(channelReceipts)
      .values({ channel: input.channel, receiptId: input.receiptId, receivedAt: input.now, body: input.body, claimedBy: input.owner, claimedUntil: input.now + input.leaseMs })
      .onConflictDoNothing()
      .returning({ receiptId: channelReceipts.receiptId });
    return taken.length === 1;
  }

  /** Extends `owner`'s leases on deliveries it is still handling. */
  async renew(channel: string, receiptIds: string[], owner: string, until: number): Promise<void> {
    const { channelReceipts } = this.tables;
    if (!receiptIds.length) return;
    await this.db.update(channelReceipts).set({ claimedUntil: until })
      .where(and(eq(channelReceipts.channel, channel), inArray(channelReceipts.receiptId, receiptIds), eq(channelReceipts.claimedBy, owner), isNull(channelReceipts.doneAt)));
  }

  /** The delivery was handled (or failed for good): its body is dropped and nobody takes it over. */
  async finish(channel: string, receiptId: string, at: number): Promise<void> {
    const { channelReceipts } = this.tables;
    await this.db.update(channelReceipts).set({ body: null, claimedUntil: null, doneAt: at })
      .where(and(eq(channelReceipts.channel, channel), eq(channelReceipts.receiptId, receiptId)));
  }

  /**
   * Claims a channel's acked deliveries whose holder's lease ran out (the replica died before
   * handling them), oldest first, passing over rows another transaction is claiming.
   */
  async claimStalled(channel: string, owner: string, now: number, leaseMs: number, limit = 20): Promise<PendingDelivery[]> {
    const { channelReceipts } = this.tables;
    const stalled = await this.dialect.skipLocked(this.db.select({ receiptId: channelReceipts.receiptId }).from(channelReceipts)
      .where(and(eq(channelReceipts.channel, channel), isNotNull(channelReceipts.claimedUntil), lt(channelReceipts.claimedUntil, now), isNull(channelReceipts.doneAt)))
      .orderBy(asc(channelReceipts.receivedAt)).limit(limit));
    if (!stalled.length) return [];
    const claimed = await this.db.update(channelReceipts).set({ claimedBy: owner, claimedUntil: now + leaseMs })
      .where(and(eq(channelReceipts.channel, channel), inArray(channelReceipts.receiptId, stalled.map((s) => s.receiptId))))
      .returning({ receiptId: channelReceipts.receiptId, body: channelReceipts.body, receivedAt: channelReceipts.receivedAt });
    return claimed
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .flatMap((row) => (row.body && typeof row.body === 'object' ? [{ receiptId: row.receiptId, body: row.body as Record<string, unknown> }] : []));
  }

  /** Drops a channel's finished receipts older than `at`; unfinished ones stay. */
  async purgeBefore(channel: string, at: number): Promise<number> {
    const { channelReceipts } = this.tables;
    const purged = await this.db.delete(channelReceipts)
      .where(and(eq(channelReceipts.channel, channel), lt(channelReceipts.receivedAt, at), isNotNull(channelReceipts.doneAt)))
      .returning({ receiptId: channelReceipts.receiptId });
    return purged.length;
  }
}
