import { randomUUID } from 'node:crypto';
import type { Catalog } from '../catalog/catalog.js';
import type { ApprovalStageInsert } from '../fulfilment/fulfilment-context.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';
import type { Repositories } from '../store/repositories.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import { askStage } from './open-approvals.js';

/**
 * One more approval stage, after the request's last, opened at once: its approvers get the
 * normal card and decide through the same engine (a fulfilment team's extra approval).
 */
export function approvalStageInserter(catalog: () => Catalog): ApprovalStageInsert {
  return async (repos: Repositories, input) => {
    const stageIndex = Math.max(-1, ...(await repos.approvals.listByRequest(input.request.id)).map((r) => r.stageIndex)) + 1;
    const rows: ApprovalRow[] = input.approvers.map((a) => ({
      id: randomUUID(), requestId: input.request.id, stageId: input.stageId, stageIndex, approverId: a.personId, approverRole: a.role,
      reason: input.reason, status: 'pending', decidedBy: null, decidedAt: null, comment: null, createdAt: input.at, askedAt: null,
    }));
    await repos.approvals.insert(rows);
    await askStage(repos, await catalogOfRequest(repos, catalog(), input.request), input.request, input.requesterName, rows, input.at);
    return rows;
  };
}
