import { and, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/** A channel's conversation reference for a person (their personal chat) or a place (a channel). */
export interface ChannelConversationRow {
  channel: string;
  key: string;
  reference: unknown;
  updatedAt: number;
}

/** Conversation references for proactive messages, per channel. */
export class ChannelConversationRepository {
  constructor(
    private readonly db: Db,
    private readonly tables: Tables,
  ) {}

  async find(channel: string, key: string): Promise<ChannelConversationRow | undefined> {
    const { channelConversations } = this.tables;
    return (
      await this.db
        .select()
        .from(channelConversations)
        .where(and(eq(channelConversations.channel, channel), eq(channelConversations.key, key)))
        .limit(1)
    )[0];
  }

  async save(row: ChannelConversationRow): Promise<void> {
    const { channelConversations } = this.tables;
    await this.db
      .insert(channelConversations)
      .values(row)
      .onConflictDoUpdate({ target: [channelConversations.channel, channelConversations.key], set: { reference: row.reference, updatedAt: row.updatedAt } });
  }
}
