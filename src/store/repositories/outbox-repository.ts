import { and, asc, desc, eq, isNull, inArray } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { conversations, outbox } from '../schema/index.js';

export interface OutboxRow {
  id: number;
  personId: string;
  payload: unknown;
  createdAt: number;
  deliveredAt: number | null;
}

export class OutboxRepository {
  constructor(private readonly db: SqliteDb) {}

  async add(personId: string, payload: unknown, createdAt: number): Promise<number> {
    return this.db.insert(outbox).values({ personId, payload, createdAt }).returning({ id: outbox.id }).get().id;
  }

  async undelivered(limit = 200): Promise<OutboxRow[]> {
    return this.db.select().from(outbox).where(isNull(outbox.deliveredAt)).orderBy(asc(outbox.id)).limit(limit).all();
  }

  async forPerson(personId: string): Promise<OutboxRow[]> {
    return this.db.select().from(outbox).where(eq(outbox.personId, personId)).orderBy(asc(outbox.id)).all();
  }

  async markDelivered(ids: number[], at: number): Promise<void> {
    if (!ids.length) return;
    this.db.update(outbox).set({ deliveredAt: at }).where(and(inArray(outbox.id, ids), isNull(outbox.deliveredAt))).run();
  }

  /** Channels the person has talked to us on, most recent first: where to reach them. */
  async recentChannels(personId: string): Promise<string[]> {
    const rows = this.db.select({ channel: conversations.channel }).from(conversations)
      .where(eq(conversations.personId, personId)).orderBy(desc(conversations.updatedAt)).limit(20).all();
    return [...new Set(rows.map((r) => r.channel))];
  }
}
