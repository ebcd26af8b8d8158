import { and, asc, desc, eq, gt, inArray, notInArray } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { requestHistory, requests } from '../schema/index.js';

export type RequestRow = Omit<typeof requests.$inferSelect, 'fields'> & { fields: Record<string, unknown> };
export type RequestHistoryRow = typeof requestHistory.$inferSelect;

/** Statuses after which nothing more happens to a request. */
export const finalStatuses = ['rejected', 'fulfilled', 'failed', 'cancelled', 'closed'] as const;

export class RequestRepository {
  constructor(private readonly db: SqliteDb) {}

  async insert(row: RequestRow): Promise<void> {
    this.db.insert(requests).values(row).run();
  }

  async findById(id: string): Promise<RequestRow | undefined> {
    return this.db.select().from(requests).where(eq(requests.id, id)).get() as RequestRow | undefined;
  }

  async findByNumber(number: number): Promise<RequestRow | undefined> {
    return this.db.select().from(requests).where(eq(requests.number, number)).get() as RequestRow | undefined;
  }

  async listByRequester(requesterId: string, options: { includeClosed?: boolean; requestTypeId?: string; limit?: number } = {}): Promise<RequestRow[]> {
    const conditions = [eq(requests.requesterId, requesterId)];
    if (!options.includeClosed) conditions.push(notInArray(requests.status, [...finalStatuses]));
    if (options.requestTypeId) conditions.push(eq(requests.requestTypeId, options.requestTypeId));
    return this.db.select().from(requests).where(and(...conditions))
      .orderBy(desc(requests.createdAt), desc(requests.number)).limit(options.limit ?? 50).all() as RequestRow[];
  }

  async listByIds(ids: string[]): Promise<RequestRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(requests).where(inArray(requests.id, ids)).all() as RequestRow[];
  }

  /** Creation times of a person's requests of a type after `since`, oldest first (for throttling). */
  async createdSince(requesterId: string, requestTypeId: string, since: number): Promise<number[]> {
    return this.db.select({ createdAt: requests.createdAt }).from(requests)
      .where(and(eq(requests.requesterId, requesterId), eq(requests.requestTypeId, requestTypeId), gt(requests.createdAt, since)))
      .orderBy(asc(requests.createdAt)).all().map((r) => r.createdAt);
  }

  async update(id: string, patch: Partial<Pick<RequestRow, 'status' | 'subStatus' | 'updatedAt' | 'closedAt'>>): Promise<void> {
    this.db.update(requests).set(patch).where(eq(requests.id, id)).run();
  }

  async addHistory(row: Omit<RequestHistoryRow, 'id'>): Promise<void> {
    this.db.insert(requestHistory).values(row).run();
  }

  async history(requestId: string): Promise<RequestHistoryRow[]> {
    return this.db.select().from(requestHistory).where(eq(requestHistory.requestId, requestId)).orderBy(asc(requestHistory.id)).all();
  }
}
