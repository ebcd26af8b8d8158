import { eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export interface ConversationRow {
  id: string;
  channel: string;
  personId: string;
  /** Unvalidated: the engine parses it and starts fresh when it does not fit. */
  state: unknown;
  createdAt: number;
  updatedAt: number;
}

/** The conversation engine's state per channel conversation; the key is `channel:conversationId`. */
export class ConversationRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async find(id: string): Promise<ConversationRow | undefined> {
    const { conversations } = this.tables;
    return (await this.db.select().from(conversations).where(eq(conversations.id, id)).limit(1))[0];
  }

  async save(row: { id: string; channel: string; personId: string; state: unknown; now: number }): Promise<void> {
    const { conversations } = this.tables;
    await this.db.insert(conversations)
      .values({ id: row.id, channel: row.channel, personId: row.personId, state: row.state, createdAt: row.now, updatedAt: row.now })
      .onConflictDoUpdate({ target: conversations.id, set: { state: row.state, personId: row.personId, updatedAt: row.now } });
  }
}
