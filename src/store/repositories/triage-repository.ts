import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type TriageRow = Tables['triageItems']['$inferSelect'];

/** The queue of messages the engine could not place, for service-desk agents. */
export class TriageRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async insert(row: TriageRow): Promise<void> {
    await this.db.insert(this.tables.triageItems).values(row);
  }

  async find(id: string): Promise<TriageRow | undefined> {
    const { triageItems } = this.tables;
    return (await this.db.select().from(triageItems).where(eq(triageItems.id, id)).limit(1))[0];
  }

  async list(status?: string): Promise<TriageRow[]> {
    const { triageItems } = this.tables;
    return this.db.select().from(triageItems)
      .where(status === undefined ? undefined : eq(triageItems.status, status))
      .orderBy(asc(triageItems.createdAt), asc(triageItems.id));
  }

  /** Resolves an open item; false when it was already resolved (the caller answers 409). */
  async resolve(id: string, resolution: unknown, resolvedBy: string, at: number): Promise<boolean> {
    const { triageItems } = this.tables;
    const resolved = await this.db.update(triageItems).set({ status: 'resolved', resolution, resolvedBy, resolvedAt: at })
      .where(and(eq(triageItems.id, id), eq(triageItems.status, 'open'))).returning({ id: triageItems.id });
    return resolved.length > 0;
  }
}
