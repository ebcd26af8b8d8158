import { audit } from '../audit/audit-trail.js';
import type { Reply } from '../messages/reply.js';
import type { OutboxRow } from '../store/repositories/outbox-repository.js';
import type { Store } from '../store/store.js';
import { NotFoundError } from '../shared/errors.js';
import { readOutboxPayload } from './outbox-payload.js';

/** A notification nobody could deliver, as the service desk sees it: whom it was for and what it was about, not its text. */
export interface DeadLetterView {
  id: number;
  personId: string;
  /** The kinds of message it carried (`approval`, `status`, `text`...), or `card-changed`. */
  kinds: string[];
  requestNumbers: string[];
  attempts: number;
  lastError?: string;
  createdAt: string;
  deadAt?: string;
  state: 'dead' | 'pending' | 'delivered';
}

/**
 * The service desk's view of the outbox's dead letters, and a retry: the message is offered
 * again from its first attempt, the person's unreachable memory is dropped, and the retry is
 * audited. `deliver` is the notifier's `reachable`: it delivers at once when it can.
 */
export class DeadLetters {
  constructor(private readonly deps: { store: Store; deliver(personId: string): Promise<number>; now?: () => number }) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  async list(limit?: number): Promise<DeadLetterView[]> {
    return (await this.deps.store.read.outbox.deadLetters(limit)).map(viewOf);
  }

  async retry(id: number, actorId: string): Promise<DeadLetterView> {
    const at = this.now();
    const retried = await this.deps.store.transaction(async (repos) => {
      const row = await repos.outbox.retryDeadLetter(id, at);
      if (!row) return undefined;
      await audit(repos, { actorId, action: 'outbox.retry', targetType: 'outbox-message', targetId: String(id), before: { attempts: row.attempts, lastError: row.lastError }, channel: 'api', at });
      return row;
    });
    if (!retried) throw new NotFoundError(`No dead letter ${id}`);
    await this.deps.deliver(retried.personId);
    return viewOf((await this.deps.store.read.outbox.find(id)) ?? retried);
  }
}

function viewOf(row: OutboxRow): DeadLetterView {
  const payload = readOutboxPayload(row.payload);
  const replies: Reply[] = !payload ? [] : 'replies' in payload ? payload.replies : [payload.cardChange.card];
  const requestNumbers = [...new Set(replies.flatMap((r) => ('requestNumber' in r && typeof r.requestNumber === 'string' ? [r.requestNumber] : [])))];
  return {
    id: row.id,
    personId: row.personId,
    kinds: payload && 'cardChange' in payload ? ['card-changed'] : [...new Set(replies.map((r) => r.kind))],
    requestNumbers,
    attempts: row.attempts,
    ...(row.lastError ? { lastError: row.lastError } : {}),
    createdAt: new Date(row.createdAt).toISOString(),
    ...(row.deadAt !== null ? { deadAt: new Date(row.deadAt).toISOString() } : {}),
    state: row.deliveredAt !== null ? 'delivered' : row.deadAt !== null ? 'dead' : 'pending',
  };
}
