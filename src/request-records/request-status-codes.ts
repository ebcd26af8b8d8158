export const requestStatuses = ['submitted', 'awaiting_approval', 'approved', 'rejected', 'in_fulfilment', 'fulfilled', 'failed', 'cancelled', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Sub-statuses a fulfiller may set while a request is in fulfilment. */
export const fulfilmentSubStatuses = ['in_progress', 'awaiting_parts', 'scheduled', 'awaiting_customer'] as const;
export type FulfilmentSubStatus = (typeof fulfilmentSubStatuses)[number];

const labels: Record<RequestStatus, string> = {
  submitted: 'Submitted',
  awaiting_approval: 'Awaiting approval',
  approved: 'Approved',
  rejected: 'Rejected',
  in_fulfilment: 'In fulfilment',
  fulfilled: 'Fulfilled',
  failed: 'Failed',
  cancelled: 'Cancelled',
  closed: 'Closed',
};

/** Sub-statuses as the requester reads them; `awaiting_approval` is set by an extra approval stage, not by hand. */
const subStatusLabels: Record<string, string> = { awaiting_customer: 'awaiting you', awaiting_approval: 'awaiting an extra approval' };

export function statusLabel(status: string, subStatus?: string | null): string {
  const main = labels[status as RequestStatus] ?? status;
  return subStatus ? `${main} (${subStatusLabels[subStatus] ?? subStatus.replace(/_/g, ' ')})` : main;
}

/** Nothing more happens to a request in these statuses; it cannot be cancelled. */
export function isFinal(status: string): boolean {
  return ['rejected', 'fulfilled', 'failed', 'cancelled', 'closed'].includes(status);
}
