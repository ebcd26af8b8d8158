import { randomUUID } from 'node:crypto';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentJobKind } from '../store/repositories/fulfilment-queue-repository.js';
import type { FulfilmentCause } from './fulfilment.js';

/**
 * Queues work on a request in the caller's transaction, due at once (or not before
 * `notBefore`, when that is later). A "resume" already
 * waiting for a worker covers a second one: the worker runs whatever can run when it comes.
 */
export async function queueWork(repos: Repositories, work: { requestId: string; kind: FulfilmentJobKind; by: FulfilmentCause; at: number; notBefore?: number }): Promise<void> {
  if (work.kind === 'resume' && await repos.fulfilmentQueue.hasUnclaimed(work.requestId, 'resume')) return;
  await repos.fulfilmentQueue.add({
    id: randomUUID(), requestId: work.requestId, kind: work.kind, actorId: work.by.actorId, channel: work.by.channel,
    attempts: 0, runAfter: Math.max(work.at, work.notBefore ?? work.at), lastError: null, createdAt: work.at, claimedBy: null, claimedUntil: null,
  });
}
