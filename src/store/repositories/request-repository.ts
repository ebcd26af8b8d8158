import { and, asc, desc, eq, gt, inArray, lt, notInArray } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type RequestRow = Omit<Tables['requests']['$inferSelect'], 'fields'> & { fields: Record<string, unknown> };
export type RequestHistoryRow = Tables['requestHistory']['$inferSelect'];

/** Statuses after which nothing more happens to a request. */
export const finalStatuses = ['rejected', 'fulfilled', 'failed', 'cancelled', 'closed'] as const;

export class RequestRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async insert(row: RequestRow): Promise<void> {
    await this.db.insert(this.tables.requests).values(row);
  }

  async findBySubmissionKey(key: string): Promise<RequestRow | undefined> {
    const { requests } = this.tables;
    return (await this.db.select().from(requests).where(eq(requests.submissionKey, key)).limit(1))[0] as RequestRow | undefined;
  }

  async findById(id: string): Promise<RequestRow | undefined> {
    const { requests } = this.tables;
    return (await this.db.select().from(requests).where(eq(requests.id, id)).limit(1))[0] as RequestRow | undefined;
  }

  async findByNumber(number: number): Promise<RequestRow | undefined> {
    const { requests } = this.tables;
    return (await this.db.select().from(requests).where(eq(requests.number, number)).limit(1))[0] as RequestRow | undefined;
  }

  async listByRequester(requesterId: string, options: { includeClosed?: boolean; requestTypeId?: string; limit?: number } = {}): Promise<RequestRow[]> {
    const { requests } = this.tables;
    const conditions = [eq(requests.requesterId, requesterId)];
    if (!options.includeClosed) conditions.push(notInArray(requests.status, [...finalStatuses]));
    if (options.requestTypeId) conditions.push(eq(requests.requestTypeId, options.requestTypeId));
    return await this.db.select().from(requests).where(and(...conditions))
      .orderBy(desc(requests.createdAt), desc(requests.number)).limit(options.limit ?? 50) as RequestRow[];
  }

  /** Requests in `status` since before `before` (their last change), oldest first. */
  async listInStatusSince(status: string, before: number, limit = 200): Promise<RequestRow[]> {
    const { requests } = this.tables;
    return await this.db.select().from(requests).where(and(eq(requests.status, status), lt(requests.updatedAt, before)))
      .orderBy(asc(requests.updatedAt)).limit(limit) as RequestRow[];
  }

  async listByIds(ids: string[]): Promise<RequestRow[]> {
    const { requests } = this.tables;
    if (!ids.length) return [];
    return await this.db.select().from(requests).where(inArray(requests.id, ids)) as RequestRow[];
  }

  /** Creation times of a person's requests of a type after `since`, oldest first (for throttling). */
  async createdSince(requesterId: string, requestTypeId: string, since: number): Promise<number[]> {
    const { requests } = this.tables;
    const rows = await this.db.select({ createdAt: requests.createdAt }).from(requests)
      .where(and(eq(requests.requesterId, requesterId), eq(requests.requestTypeId, requestTypeId), gt(requests.createdAt, since)))
      .orderBy(asc(requests.createdAt));
    return rows.map((r) => r.createdAt);
  }

  /** Requests of these types after `afterNumber`, in number order: a job's pass over them, a page at a time. */
  async listOfTypes(requestTypeIds: string[], afterNumber: number, limit = 200): Promise<RequestRow[]> {
    const { requests } = this.tables;
    if (!requestTypeIds.length) return [];
    return await this.db.select().from(requests).where(and(inArray(requests.requestTypeId, requestTypeIds), gt(requests.number, afterNumber)))
      .orderBy(asc(requests.number)).limit(limit) as RequestRow[];
  }

  /** Replaces the stored answers (a sensitive one deleted); nothing else changes. */
  async replaceFields(id: string, fields: Record<string, unknown>): Promise<void> {
    const { requests } = this.tables;
    await this.db.update(requests).set({ fields }).where(eq(requests.id, id));
  }

  async update(id: string, patch: Partial<Pick<RequestRow, 'status' | 'subStatus' | 'updatedAt' | 'closedAt' | 'dueAt'>>): Promise<void> {
    const { requests } = this.tables;
    await this.db.update(requests).set(patch).where(eq(requests.id, id));
  }

  async addHistory(row: Omit<RequestHistoryRow, 'id'>): Promise<void> {
    await this.db.insert(this.tables.requestHistory).values(row);
  }

  async history(requestId: string): Promise<RequestHistoryRow[]> {
    const { requestHistory } = this.tables;
    return this.db.select().from(requestHistory).where(eq(requestHistory.requestId, requestId)).orderBy(asc(requestHistory.id));
  }
}
