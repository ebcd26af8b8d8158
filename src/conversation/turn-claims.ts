import { ConflictError } from '../shared/errors.js';
import type { ReplicaClaims } from '../replicas/replica-claims.js';
import type { ConversationRow } from '../store/repositories/conversation-repository.js';
import type { Store } from '../store/store.js';
import { freshState } from './conversation-state.js';
import type { Turn } from '../messages/turn.js';

/** Waits between attempts to take a conversation another replica is answering. */
const retryDelaysMs = [20, 50, 100, 200, 400];

/**
 * A conversation's turns run one at a time across replicas: a turn claims the conversation
 * row first and the save at its end lets it go. Two messages of one person that reach two
 * replicas at once are answered one after the other; a replica that dies mid-turn holds
 * the conversation only until its lease runs out.
 */
export class TurnClaims {
  constructor(private readonly store: Store, private readonly claims: ReplicaClaims, private readonly now: () => number) {}

  /** Resolves with the conversation's row (none when new) once this replica holds it. */
  async claim(key: string, turn: Turn): Promise<ConversationRow | undefined> {
    const { owner, leaseMs } = this.claims;
    const giveUpAt = this.now() + 2 * leaseMs;
    for (let attempt = 0; ; attempt += 1) {
      const claim = await this.store.transaction((repos) => repos.conversations.claim({
        id: key, channel: turn.channel, personId: turn.person.id, emptyState: freshState(), owner, now: this.now(), leaseMs,
      }));
      if (claim.claimed) return claim.row;
      if (this.now() > giveUpAt) throw new ConflictError('Your previous message is still being answered. Please send this one again in a moment.');
      await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)]));
    }
  }

  async renew(key: string): Promise<void> {
    await this.store.transaction((repos) => repos.conversations.renewClaim(key, this.claims.owner, this.now() + this.claims.leaseMs));
  }

  async release(key: string): Promise<void> {
    await this.store.transaction((repos) => repos.conversations.releaseClaim(key, this.claims.owner)).catch(() => undefined);
  }
}
