import { and, asc, desc, eq, isNull, inArray } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export interface OutboxRow {
  id: number;
  personId: string;
  payload: unknown;
  createdAt: number;
  deliveredAt: number | null;
}

export class OutboxRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async add(personId: string, payload: unknown, createdAt: number): Promise<number> {
    const { outbox } = this.tables;
    const [row] = await this.db.insert(outbox).values({ personId, payload, createdAt }).returning({ id: outbox.id });
    return row!.id;
  }

  async undelivered(limit = 200): Promise<OutboxRow[]> {
    const { outbox } = this.tables;
    return this.db.select().from(outbox).where(isNull(outbox.deliveredAt)).orderBy(asc(outbox.id)).limit(limit);
  }

  async forPerson(personId: string): Promise<OutboxRow[]> {
    const { outbox } = this.tables;
    return this.db.select().from(outbox).where(eq(outbox.personId, personId)).orderBy(asc(outbox.id));
  }

  async markDelivered(ids: number[], at: number): Promise<void> {
    const { outbox } = this.tables;
    if (!ids.length) return;
    await this.db.update(outbox).set({ deliveredAt: at }).where(and(inArray(outbox.id, ids), isNull(outbox.deliveredAt)));
  }

  /** Channels the person has talked to us on, most recent first: where to reach them. */
  async recentChannels(personId: string): Promise<string[]> {
    const { conversations } = this.tables;
    const rows = await this.db.select({ channel: conversations.channel }).from(conversations)
      .where(eq(conversations.personId, personId)).orderBy(desc(conversations.updatedAt)).limit(20);
    return [...new Set(rows.map((r) => r.channel))];
  }
}
