import { desc, eq } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { slackUsers } from '../schema/index.js';

export interface SlackUserRow {
  slackUserId: string;
  email: string | null;
  fetchedAt: number;
}

/** Slack user id <-> email, as users.info last said. */
export class SlackUserRepository {
  constructor(private readonly db: SqliteDb) {}

  async find(slackUserId: string): Promise<SlackUserRow | undefined> {
    return this.db.select().from(slackUsers).where(eq(slackUsers.slackUserId, slackUserId)).get();
  }

  async byEmail(email: string): Promise<SlackUserRow | undefined> {
    return this.db.select().from(slackUsers).where(eq(slackUsers.email, email)).orderBy(desc(slackUsers.fetchedAt)).limit(1).get();
  }

  async save(row: SlackUserRow): Promise<void> {
    this.db.insert(slackUsers).values(row).onConflictDoUpdate({ target: slackUsers.slackUserId, set: { email: row.email, fetchedAt: row.fetchedAt } }).run();
  }
}
