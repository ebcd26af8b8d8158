import { and, asc, eq, exists, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/**
 * The window and filters every report reads with: `from` inclusive, `to` exclusive (ms since
 * the epoch); `requestTypes` undefined means every type, an empty list none.
 */
export interface ReportWindow {
  from: number;
  to: number;
  requestTypes?: string[] | undefined;
}

export interface ReportRequestRow {
  id: string;
  requestTypeId: string;
  status: string;
  createdAt: number;
  dueAt: number;
}

export interface ReportHistoryRow {
  requestId: string;
  toStatus: string;
  subStatus: string | null;
  at: number;
}

export interface ReportApprovalRow {
  requestId: string;
  stageIndex: number;
  stageId: string;
  approverRole: string | null;
  status: string;
  createdAt: number;
  decidedAt: number | null;
}

export interface ReportStepRow {
  id: string;
  requestId: string;
  kind: string;
  status: string;
  completedBy: string | null;
}

/**
 * Plain reads for the reports (src/reports/): rows of one window, filtered in SQL that both
 * dialects run the same way; the figures (medians, rates) are computed above, in one place.
 */
export class ReportRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  /** Requests submitted in the window, of the chosen types. */
  async requests(window: ReportWindow): Promise<ReportRequestRow[]> {
    const { requests } = this.tables;
    return this.db.select({ id: requests.id, requestTypeId: requests.requestTypeId, status: requests.status, createdAt: requests.createdAt, dueAt: requests.dueAt })
      .from(requests).where(this.requestsIn(window)).orderBy(asc(requests.createdAt), asc(requests.id));
  }

  /** The status history of the requests submitted in the window, oldest first. */
  async history(window: ReportWindow): Promise<ReportHistoryRow[]> {
    const { requestHistory } = this.tables;
    return this.db.select({ requestId: requestHistory.requestId, toStatus: requestHistory.toStatus, subStatus: requestHistory.subStatus, at: requestHistory.at })
      .from(requestHistory).where(inArray(requestHistory.requestId, this.requestIds(window)))
      .orderBy(asc(requestHistory.requestId), asc(requestHistory.at), asc(requestHistory.id));
  }

  async approvals(window: ReportWindow): Promise<ReportApprovalRow[]> {
    const { approvals } = this.tables;
    return this.db.select({
      requestId: approvals.requestId, stageIndex: approvals.stageIndex, stageId: approvals.stageId, approverRole: approvals.approverRole,
      status: approvals.status, createdAt: approvals.createdAt, decidedAt: approvals.decidedAt,
    }).from(approvals).where(inArray(approvals.requestId, this.requestIds(window))).orderBy(asc(approvals.requestId), asc(approvals.stageIndex));
  }

  async steps(window: ReportWindow): Promise<ReportStepRow[]> {
    const { fulfilmentSteps } = this.tables;
    return this.db.select({ id: fulfilmentSteps.id, requestId: fulfilmentSteps.requestId, kind: fulfilmentSteps.kind, status: fulfilmentSteps.status, completedBy: fulfilmentSteps.completedBy })
      .from(fulfilmentSteps).where(inArray(fulfilmentSteps.requestId, this.requestIds(window))).orderBy(asc(fulfilmentSteps.requestId), asc(fulfilmentSteps.seq));
  }

  /** Steps of the window's requests that the service desk ran again or marked done by hand (their audit entries). */
  async reworkedStepIds(window: ReportWindow, actions: string[]): Promise<string[]> {
    const { auditLog, fulfilmentSteps } = this.tables;
    const steps = this.db.select({ id: fulfilmentSteps.id }).from(fulfilmentSteps).where(inArray(fulfilmentSteps.requestId, this.requestIds(window)));
    const rows = await this.db.selectDistinct({ id: auditLog.targetId }).from(auditLog)
      .where(and(eq(auditLog.targetType, 'fulfilment-step'), inArray(auditLog.action, actions), inArray(auditLog.targetId, steps)));
    return rows.map((r) => r.id);
  }

  /** Forms started in the window, of the chosen types: how each ended and at which step. */
  async dialogs(window: ReportWindow): Promise<Array<{ requestTypeId: string; outcome: string | null; step: string | null }>> {
    const { dialogOutcomes } = this.tables;
    return this.db.select({ requestTypeId: dialogOutcomes.requestTypeId, outcome: dialogOutcomes.outcome, step: dialogOutcomes.step })
      .from(dialogOutcomes)
      .where(and(gte(dialogOutcomes.startedAt, window.from), lt(dialogOutcomes.startedAt, window.to), typeIn(dialogOutcomes.requestTypeId, window.requestTypes)));
  }

  /** Conversations started in the window, and whether any of their messages went to the service desk. */
  async conversations(window: ReportWindow): Promise<Array<{ id: string; withAgent: boolean }>> {
    const { conversations, triageItems } = this.tables;
    const handedOff = this.db.select({ id: triageItems.id }).from(triageItems)
      .where(eq(sql`${triageItems.channel} || ':' || ${triageItems.conversationId}`, conversations.id));
    const rows = await this.db.select({ id: conversations.id, withAgent: sql<unknown>`case when ${exists(handedOff)} then 1 else 0 end` })
      .from(conversations).where(and(gte(conversations.createdAt, window.from), lt(conversations.createdAt, window.to)));
    return rows.map((r) => ({ id: r.id, withAgent: Number(r.withAgent) === 1 }));
  }

  /** The classifier's decisions in the window, oldest first. */
  async nluDecisions(window: ReportWindow): Promise<Array<{ conversationId: string; confidence: number; decision: string; routed: string; at: number }>> {
    const { nluDecisions } = this.tables;
    return this.db.select({ conversationId: nluDecisions.conversationId, confidence: nluDecisions.confidence, decision: nluDecisions.decision, routed: nluDecisions.routed, at: nluDecisions.at })
      .from(nluDecisions).where(and(gte(nluDecisions.at, window.from), lt(nluDecisions.at, window.to))).orderBy(asc(nluDecisions.at), asc(nluDecisions.id));
  }

  /** The first classifier decision ever made in each of these conversations. */
  async firstDecisionAt(window: ReportWindow): Promise<Map<string, number>> {
    const { nluDecisions } = this.tables;
    const inWindow = this.db.select({ id: nluDecisions.conversationId }).from(nluDecisions)
      .where(and(gte(nluDecisions.at, window.from), lt(nluDecisions.at, window.to)));
    const rows = await this.db.select({ conversationId: nluDecisions.conversationId, at: sql<number>`min(${nluDecisions.at})` })
      .from(nluDecisions).where(inArray(nluDecisions.conversationId, inWindow)).groupBy(nluDecisions.conversationId);
    return new Map(rows.map((r) => [r.conversationId, Number(r.at)]));
  }

  private requestsIn(window: ReportWindow) {
    const { requests } = this.tables;
    return and(gte(requests.createdAt, window.from), lt(requests.createdAt, window.to), typeIn(requests.requestTypeId, window.requestTypes));
  }

  private requestIds(window: ReportWindow) {
    const { requests } = this.tables;
    return this.db.select({ id: requests.id }).from(requests).where(this.requestsIn(window));
  }
}

/** No filter when the list is undefined; an empty list matches nothing. */
function typeIn(column: Parameters<typeof inArray>[0], types: string[] | undefined) {
  if (types === undefined) return undefined;
  return types.length === 0 ? sql`1 = 0` : inArray(column, types);
}
