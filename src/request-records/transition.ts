import { audit, type AuditChannel } from '../audit/index.js';
import type { Repositories } from '../store/repositories.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { isFinal, type RequestStatus } from './request-status-codes.js';

export interface StatusChange {
  to: RequestStatus;
  subStatus?: string | null;
  actorId: string;
  reason?: string | null;
  channel: AuditChannel;
  at: number;
}

/** Moves a request to a status: the row, a history line and an audit row, in the caller's transaction. */
export async function transition(repos: Repositories, request: RequestRow, change: StatusChange): Promise<RequestRow> {
  const subStatus = change.subStatus === undefined ? (change.to === request.status ? request.subStatus : null) : change.subStatus;
  const closedAt = isFinal(change.to) ? change.at : null;
  await repos.requests.update(request.id, { status: change.to, subStatus, updatedAt: change.at, closedAt });
  await repos.requests.addHistory({
    requestId: request.id, fromStatus: request.status, toStatus: change.to, subStatus,
    actorId: change.actorId, reason: change.reason ?? null, at: change.at,
  });
  await audit(repos, {
    actorId: change.actorId, action: `request.${change.to}`, targetType: 'request', targetId: request.id,
    before: { status: request.status, subStatus: request.subStatus }, after: { status: change.to, subStatus },
    reason: change.reason ?? null, channel: change.channel, at: change.at,
  });
  return { ...request, status: change.to, subStatus, updatedAt: change.at, closedAt };
}
