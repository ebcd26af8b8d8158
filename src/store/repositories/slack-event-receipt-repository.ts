import { lt } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { slackEventReceipts } from '../schema/index.js';

/** Durable dedupe of Slack deliveries: the first insert of an event id wins. */
export class SlackEventReceiptRepository {
  constructor(private readonly db: SqliteDb) {}

  /** True the first time an event id is seen, false for every repeat. */
  async firstSeen(eventId: string, at: number): Promise<boolean> {
    const result = this.db.insert(slackEventReceipts).values({ eventId, receivedAt: at }).onConflictDoNothing().run();
    return result.changes === 1;
  }

  /** Slack retries for about an hour; older receipts only take space. */
  async purgeBefore(at: number): Promise<number> {
    return this.db.delete(slackEventReceipts).where(lt(slackEventReceipts.receivedAt, at)).run().changes;
  }
}
