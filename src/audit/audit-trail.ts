import type { Repositories } from '../store/repositories.js';

export type AuditChannel = 'webchat' | 'slack' | 'teams' | 'api' | 'cli' | 'system';

export interface AuditFact {
  actorId: string;
  action: string;
  targetType: 'request' | 'approval' | 'fulfilment-step' | 'api-token' | 'outbox-message' | 'access-grant' | 'person' | 'reconciliation';
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  channel: AuditChannel;
  at: number;
}

/** Records a state change; call it inside the transaction that makes the change. */
export async function audit(repos: Repositories, fact: AuditFact): Promise<void> {
  await repos.audit.add({
    at: fact.at,
    actorId: fact.actorId,
    action: fact.action,
    targetType: fact.targetType,
    targetId: fact.targetId,
    before: fact.before ?? null,
    after: fact.after ?? null,
    reason: fact.reason ?? null,
    channel: fact.channel,
  });
}

/** The actor id of changes nobody clicked (fulfilment results, automatic approvals). */
export const systemActor = 'system';
