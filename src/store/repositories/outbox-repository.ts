import { and, asc, desc, eq, gte, isNull, inArray, lt, ne, notInArray, or } from 'drizzle-orm';
import type { Db, Dialect, Tables } from '../database.js';

export interface OutboxRow {
  id: number;
  personId: string;
  payload: unknown;
  createdAt: number;
  deliveredAt: number | null;
}

export class OutboxRepository {
  constructor(private readonly db: Db, private readonly tables: Tables, private readonly dialect: Dialect) {}

  private get columns() {
    const { outbox } = this.tables;
    return { id: outbox.id, personId: outbox.personId, payload: outbox.payload, createdAt: outbox.createdAt, deliveredAt: outbox.deliveredAt };
  }

  async add(personId: string, payload: unknown, createdAt: number): Promise<number> {
    const { outbox } = this.tables;
    const [row] = await this.db.insert(outbox).values({ personId, payload, createdAt }).returning({ id: outbox.id });
    return row!.id;
  }

  /**
   * Claims undelivered rows for `owner` until `now + leaseMs`, oldest first, and returns
   * them: rows another owner holds unexpired are passed over, and so is everyone whose
   * earlier message another owner is delivering, so each person's messages keep their
   * order across replicas. Rows of an owner that died are claimable once its lease ends.
   * Call inside a store transaction; deliver after commit, then `markDelivered`.
   */
  async claimPending(owner: string, now: number, leaseMs: number, limit = 200): Promise<OutboxRow[]> {
    const { outbox } = this.tables;
    const heldElsewhere = and(isNull(outbox.deliveredAt), ne(outbox.claimedBy, owner), gte(outbox.claimedUntil, now));
    const busyPeople = this.db.select({ personId: outbox.personId }).from(outbox).where(heldElsewhere);
    const free = or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now), eq(outbox.claimedBy, owner));
    const candidates = await this.dialect.skipLocked(this.db.select({ id: outbox.id }).from(outbox)
      .where(and(isNull(outbox.deliveredAt), free, notInArray(outbox.personId, busyPeople)))
      .orderBy(asc(outbox.id)).limit(limit));
    if (!candidates.length) return [];
    const claimed = await this.db.update(outbox).set({ claimedBy: owner, claimedUntil: now + leaseMs })
      .where(inArray(outbox.id, candidates.map((c) => c.id))).returning(this.columns);
    return claimed.sort((a, b) => a.id - b.id);
  }

  /** Gives back rows `owner` claimed but could not deliver, for whoever flushes next. */
  async releaseClaims(owner: string, ids: number[]): Promise<void> {
    const { outbox } = this.tables;
    if (!ids.length) return;
    await this.db.update(outbox).set({ claimedBy: null, claimedUntil: null })
      .where(and(inArray(outbox.id, ids), eq(outbox.claimedBy, owner), isNull(outbox.deliveredAt)));
  }

  async forPerson(personId: string): Promise<OutboxRow[]> {
    const { outbox } = this.tables;
    return this.db.select(this.columns).from(outbox).where(eq(outbox.personId, personId)).orderBy(asc(outbox.id));
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
