import type { Reply } from '../../src/messages/reply.js';

type ApprovalReply = Extract<Reply, { kind: 'approval' }>;

const outcomeWords: Record<NonNullable<ApprovalReply['outcome']>['decision'], string> = {
  approved: 'Approved',
  denied: 'Denied',
  cancelled: 'Cancelled: the request was cancelled',
  withdrawn: 'Withdrawn: no longer needed',
};

/** An approval card shows the decision and no buttons once `outcome` is set. */
export function approvalCardData(reply: ApprovalReply): Record<string, unknown> {
  const outcome = reply.outcome;
  return {
    approvalId: reply.approvalId,
    requestNumber: reply.requestNumber,
    title: reply.title,
    requester: reply.requester,
    summary: reply.summary.map((s) => ({ label: s.label, value: s.value || '-' })),
    cost: reply.cost ?? null,
    risk: reply.risk,
    reason: reply.reason,
    outcome: outcome?.decision ?? null,
    outcomeText: outcome ? `${outcomeWords[outcome.decision]}${outcome.by ? ` by ${outcome.by}` : ''}` : null,
    outcomeComment: outcome?.comment ?? null,
    outcomeStyle: outcome?.decision === 'approved' ? 'good' : outcome?.decision === 'denied' ? 'attention' : 'emphasis',
  };
}
