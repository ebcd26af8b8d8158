import { and, asc, eq } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { triageItems } from '../schema/index.js';

export type TriageRow = typeof triageItems.$inferSelect;

/** The queue of messages the engine could not place, for service-desk agents. */
export class TriageRepository {
  constructor(private readonly db: SqliteDb) {}

  async insert(row: TriageRow): Promise<void> {
    this.db.insert(triageItems).values(row).run();
  }

  async find(id: string): Promise<TriageRow | undefined> {
    return this.db.select().from(triageItems).where(eq(triageItems.id, id)).get();
  }

  async list(status?: string): Promise<TriageRow[]> {
    return this.db.select().from(triageItems)
      .where(status === undefined ? undefined : eq(triageItems.status, status))
      .orderBy(asc(triageItems.createdAt), asc(triageItems.id)).all();
  }

  /** Resolves an open item; false when it was already resolved (the caller answers 409). */
  async resolve(id: string, resolution: unknown, resolvedBy: string, at: number): Promise<boolean> {
    const result = this.db.update(triageItems).set({ status: 'resolved', resolution, resolvedBy, resolvedAt: at })
      .where(and(eq(triageItems.id, id), eq(triageItems.status, 'open'))).run();
    return result.changes > 0;
  }
}
