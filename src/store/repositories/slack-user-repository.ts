import { desc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export interface SlackUserRow {
  slackUserId: string;
  email: string | null;
  fetchedAt: number;
}

/** Slack user id <-> email, as users.info last said. */
export class SlackUserRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async find(slackUserId: string): Promise<SlackUserRow | undefined> {
    const { slackUsers } = this.tables;
    return (await this.db.select().from(slackUsers).where(eq(slackUsers.slackUserId, slackUserId)).limit(1))[0];
  }

  async byEmail(email: string): Promise<SlackUserRow | undefined> {
    const { slackUsers } = this.tables;
    return (await this.db.select().from(slackUsers).where(eq(slackUsers.email, email)).orderBy(desc(slackUsers.fetchedAt)).limit(1))[0];
  }

  async save(row: SlackUserRow): Promise<void> {
    const { slackUsers } = this.tables;
    await this.db.insert(slackUsers).values(row).onConflictDoUpdate({ target: slackUsers.slackUserId, set: { email: row.email, fetchedAt: row.fetchedAt } });
  }
}
