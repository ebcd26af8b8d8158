import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type ApprovalRow = Tables['approvals']['$inferSelect'];
export type ApprovalStatus = 'waiting' | 'pending' | 'approved' | 'denied' | 'cancelled';

export class ApprovalRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async insert(rows: ApprovalRow[]): Promise<void> {
    if (rows.length) await this.db.insert(this.tables.approvals).values(rows);
  }

  async findById(id: string): Promise<ApprovalRow | undefined> {
    const { approvals } = this.tables;
    return (await this.db.select().from(approvals).where(eq(approvals.id, id)).limit(1))[0];
  }

  async listByRequest(requestId: string): Promise<ApprovalRow[]> {
    const { approvals } = this.tables;
    return this.db.select().from(approvals).where(eq(approvals.requestId, requestId))
      .orderBy(asc(approvals.stageIndex), asc(approvals.createdAt), asc(approvals.id));
  }

  /** Approvals still to be decided (asked now, or waiting for an earlier stage), oldest first. */
  async listOpen(limit = 500): Promise<ApprovalRow[]> {
    const { approvals } = this.tables;
    return this.db.select().from(approvals).where(inArray(approvals.status, ['pending', 'waiting']))
      .orderBy(asc(approvals.createdAt), asc(approvals.id)).limit(limit);
  }

  async listPendingFor(approverId: string): Promise<ApprovalRow[]> {
    const { approvals } = this.tables;
    return this.db.select().from(approvals).where(and(eq(approvals.approverId, approverId), eq(approvals.status, 'pending')))
      .orderBy(asc(approvals.createdAt));
  }

  /** Pending approvals whose approver was last asked before `before`, oldest first. */
  async listUnansweredSince(before: number, limit = 200): Promise<ApprovalRow[]> {
    const { approvals } = this.tables;
    return this.db.select().from(approvals).where(and(eq(approvals.status, 'pending'), lt(approvals.askedAt, before)))
      .orderBy(asc(approvals.askedAt)).limit(limit);
  }

  async markAsked(ids: string[], at: number): Promise<void> {
    const { approvals } = this.tables;
    if (ids.length) await this.db.update(approvals).set({ askedAt: at }).where(inArray(approvals.id, ids));
  }

  async update(id: string, patch: Partial<Pick<ApprovalRow, 'status' | 'decidedBy' | 'decidedAt' | 'comment' | 'approverId' | 'approverRole' | 'askedAt'>>): Promise<void> {
    const { approvals } = this.tables;
    await this.db.update(approvals).set(patch).where(eq(approvals.id, id));
  }

  async setStatus(ids: string[], status: ApprovalStatus, patch: Partial<Pick<ApprovalRow, 'decidedAt' | 'comment'>> = {}): Promise<void> {
    const { approvals } = this.tables;
    if (ids.length) await this.db.update(approvals).set({ status, ...patch }).where(inArray(approvals.id, ids));
  }

  /** Approvals assigned to `approverId` not decided yet (pending, or a later stage waiting). */
  async listOpenFor(approverId: string): Promise<ApprovalRow[]> {
    const { approvals } = this.tables;
    return this.db.select().from(approvals).where(and(eq(approvals.approverId, approverId), inArray(approvals.status, ['pending', 'waiting'])))
      .orderBy(asc(approvals.createdAt));
  }
}
