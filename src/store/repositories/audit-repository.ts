import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export interface AuditEntry {
  at: number;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  channel: string;
}

export type AuditRow = AuditEntry & { id: number };

/** Append-only: audit rows are written with the change they describe and never updated. */
export class AuditRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async add(entry: AuditEntry): Promise<void> {
    await this.db.insert(this.tables.auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
  }

  async listForTarget(targetType: string, targetId: string): Promise<AuditRow[]> {
    const { auditLog } = this.tables;
    return this.db.select().from(auditLog)
      .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
      .orderBy(asc(auditLog.id));
  }

  /** Rows about a request and about its approvals and steps (by their ids). */
  async listForRequest(requestId: string, relatedIds: string[]): Promise<AuditRow[]> {
    const { auditLog } = this.tables;
    const own = and(eq(auditLog.targetType, 'request'), eq(auditLog.targetId, requestId));
    const where = relatedIds.length ? or(own, inArray(auditLog.targetId, relatedIds)) : own;
    return this.db.select().from(auditLog).where(where).orderBy(asc(auditLog.id));
  }
}
