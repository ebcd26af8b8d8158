import type { Catalog } from '../catalog/catalog.js';
import type { Reply } from '../messages/reply.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { displayFields, formatCost } from '../request-records/display-fields.js';
import { formatRequestNumber } from '../request-records/request-number.js';

export type ApprovalCard = Extract<Reply, { kind: 'approval' }>;
export type CardOutcome = NonNullable<ApprovalCard['outcome']>;

/** The approval card an approver sees, from stored state; sensitive answers are masked. */
export function approvalCard(catalog: Catalog, request: RequestRow, requesterName: string, approval: ApprovalRow, outcome?: CardOutcome): ApprovalCard {
  const requestType = catalog.requestType(request.requestTypeId);
  const cost = formatCost(request.cost, requestType?.cost?.currency);
  return {
    kind: 'approval',
    approvalId: approval.id,
    requestNumber: formatRequestNumber(request.number),
    title: requestType?.title ?? request.requestTypeId,
    requester: requesterName,
    summary: requestType ? displayFields(catalog, requestType, request.fields) : [],
    ...(cost ? { cost } : {}),
    risk: requestType?.risk ?? 'unknown',
    reason: approval.reason,
    ...(outcome ? { outcome } : {}),
  };
}
