import { and, asc, eq, inArray } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { approvals } from '../schema/index.js';

export type ApprovalRow = typeof approvals.$inferSelect;
export type ApprovalStatus = 'waiting' | 'pending' | 'approved' | 'denied' | 'cancelled';

export class ApprovalRepository {
  constructor(private readonly db: SqliteDb) {}

  async insert(rows: ApprovalRow[]): Promise<void> {
    if (rows.length) this.db.insert(approvals).values(rows).run();
  }

  async findById(id: string): Promise<ApprovalRow | undefined> {
    return this.db.select().from(approvals).where(eq(approvals.id, id)).get();
  }

  async listByRequest(requestId: string): Promise<ApprovalRow[]> {
    return this.db.select().from(approvals).where(eq(approvals.requestId, requestId))
      .orderBy(asc(approvals.stageIndex), asc(approvals.createdAt), asc(approvals.id)).all();
  }

  async listPendingFor(approverId: string): Promise<ApprovalRow[]> {
    return this.db.select().from(approvals).where(and(eq(approvals.approverId, approverId), eq(approvals.status, 'pending')))
      .orderBy(asc(approvals.createdAt)).all();
  }

  async listByApprover(approverId: string): Promise<ApprovalRow[]> {
    return this.db.select().from(approvals).where(eq(approvals.approverId, approverId)).all();
  }

  async update(id: string, patch: Partial<Pick<ApprovalRow, 'status' | 'decidedBy' | 'decidedAt' | 'comment'>>): Promise<void> {
    this.db.update(approvals).set(patch).where(eq(approvals.id, id)).run();
  }

  async setStatus(ids: string[], status: ApprovalStatus, patch: Partial<Pick<ApprovalRow, 'decidedAt' | 'comment'>> = {}): Promise<void> {
    if (ids.length) this.db.update(approvals).set({ status, ...patch }).where(inArray(approvals.id, ids)).run();
  }
}
