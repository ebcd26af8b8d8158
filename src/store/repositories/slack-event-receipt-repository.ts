import { lt } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/** Durable dedupe of Slack deliveries: the first insert of an event id wins. */
export class SlackEventReceiptRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  /** True the first time an event id is seen, false for every repeat. */
  async firstSeen(eventId: string, at: number): Promise<boolean> {
    const { slackEventReceipts } = this.tables;
    const taken = await this.db.insert(slackEventReceipts).values({ eventId, receivedAt: at }).onConflictDoNothing()
      .returning({ eventId: slackEventReceipts.eventId });
    return taken.length === 1;
  }

  /** Slack retries for about an hour; older receipts only take space. */
  async purgeBefore(at: number): Promise<number> {
    const { slackEventReceipts } = this.tables;
    const purged = await this.db.delete(slackEventReceipts).where(lt(slackEventReceipts.receivedAt, at))
      .returning({ eventId: slackEventReceipts.eventId });
    return purged.length;
  }
}
