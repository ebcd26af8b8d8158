import { randomUUID } from 'node:crypto';
import type { Catalog } from '../catalog/catalog.js';
import type { Person } from '../directory/person.js';
import { enqueue } from '../notify/outbox-notifier.js';
import type { Repositories } from '../store/repositories.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { approvalCard } from './approval-card.js';
import type { PlannedStage } from './approval-policy.js';

/** Stores every stage's approvals (the first pending, later ones waiting) and sends the first cards. */
export async function openApprovals(repos: Repositories, catalog: Catalog, request: RequestRow, requester: Person, stages: PlannedStage[], at: number): Promise<ApprovalRow[]> {
  const rows: ApprovalRow[] = stages.flatMap((stage, stageIndex) => stage.approvers.map((a) => ({
    id: randomUUID(), requestId: request.id, stageId: stage.stageId, stageIndex, approverId: a.person.id,
    approverRole: a.role, reason: stage.reason, status: stageIndex === 0 ? 'pending' : 'waiting',
    decidedBy: null, decidedAt: null, comment: null, createdAt: at, askedAt: null,
  })));
  await repos.approvals.insert(rows);
  await askStage(repos, catalog, request, requester.name, rows.filter((r) => r.stageIndex === 0), at);
  return rows;
}

/** Sends each approver of a stage their card. */
export async function askStage(repos: Repositories, catalog: Catalog, request: RequestRow, requesterName: string, rows: ApprovalRow[], at: number): Promise<void> {
  for (const row of rows) await enqueue(repos, row.approverId, [approvalCard(catalog, request, requesterName, row)], at);
  await repos.approvals.markAsked(rows.map((r) => r.id), at);
}
