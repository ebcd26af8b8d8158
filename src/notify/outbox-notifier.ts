import type { CardChange } from '../messages/card-change.js';
import type { Reply } from '../messages/reply.js';
import { replicaClaims, type ReplicaClaims } from '../replicas/replica-claims.js';
import type { OutboxRow } from '../store/repositories/outbox-repository.js';
import type { Repositories } from '../store/repositories.js';
import type { Store } from '../store/store.js';
import { defaultDeliveryPolicy, retryDelayMs, type DeliveryPolicy } from './delivery-policy.js';
import type { ChannelDelivery, Notifier } from './notifier.js';
import { readOutboxPayload, type OutboxPayload } from './outbox-payload.js';
import { inPreferredOrder, preferredChannels } from './preferred-channels.js';
import type { Logger } from '../shared/logger.js';

type Log = Pick<Logger, 'warn'>;

/** Writes a message to the outbox; use inside the transaction of the change it reports. */
export async function enqueue(repos: Repositories, personId: string, replies: Reply[], at: number): Promise<void> {
  if (replies.length) await repos.outbox.add(personId, { replies } satisfies OutboxPayload, at);
}

/**
 * Writes a card's change to the outbox for the person the card was sent to; use inside the
 * transaction that made the change. Every channel holding a copy applies it.
 */
export async function enqueueCardChange(repos: Repositories, personId: string, change: CardChange, at: number): Promise<void> {
  await repos.outbox.add(personId, { cardChange: change } satisfies OutboxPayload, at);
}

/** What offering a message to the person's channels came to. */
type Attempt = { delivered: true } | { delivered: false; unreachable: boolean; error: string };

const delivered: Attempt = { delivered: true };

export interface OutboxNotifierOptions {
  now?: () => number;
  /** This process as the owner of the outbox rows it claims; replicas never deliver the same row. */
  claims?: ReplicaClaims;
  policy?: Partial<DeliveryPolicy>;
}

/**
 * The outbox notifier: every message is a row first, so a channel that is down loses
 * nothing. `flush` offers each due message to the person's channels (their preferred first,
 * until one delivers) and hands each card change to every channel (each updates the copies
 * it holds), batch after batch until nothing is due or its time budget is spent. A message
 * nobody could take waits for its next attempt (src/notify/delivery-policy.ts), and so do
 * the person's later ones, in order; after the last attempt it is a dead letter. Nobody
 * else's messages wait for it.
 */
export class OutboxNotifier implements Notifier {
  private readonly deliveries: ChannelDelivery[] = [];
  private readonly held = new Map<string, number>();
  /** People whose messages a flush passed over because they were held. */
  private readonly keptWhileHeld = new Set<string>();
  private flushing: Promise<number> | undefined;
  private flushAgain: Promise<number> | undefined;
  private readonly now: () => number;
  private readonly claims: ReplicaClaims;
  private readonly policy: DeliveryPolicy;

  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly store: Store, private readonly log: Log, options: OutboxNotifierOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.claims = options.claims ?? replicaClaims();
    this.policy = { ...defaultDeliveryPolicy, ...options.policy };
  }

  /**
   * Delivers what is due every lease period even when nothing happens here: rows a replica
   * claimed and died with, and rows whose next attempt has come.
   */
  startSweeping(): void {
    this.sweeper ??= setInterval(() => {
      this.flush().catch((err: unknown) => this.log.warn({ err }, 'outbox sweep failed; trying again later'));
    }, this.claims.leaseMs);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  register(delivery: ChannelDelivery): void {
    this.deliveries.push(delivery);
  }

  async notify(personId: string, replies: Reply[]): Promise<void> {
    await this.store.transaction((repos) => enqueue(repos, personId, replies, this.now()));
    await this.flush();
  }

  /**
   * Holds a person's messages while a turn of theirs is being answered, so a notification
   * the turn itself caused (a password reset fulfilled at once) lands after the turn's own
   * reply, not before it. The returned function releases the hold and delivers: also what
   * was waiting because the person could not be reached, since they just talked to us.
   */
  hold(personId: string): () => Promise<void> {
    this.held.set(personId, (this.held.get(personId) ?? 0) + 1);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const count = (this.held.get(personId) ?? 1) - 1;
      if (count > 0) this.held.set(personId, count);
      else this.held.delete(personId);
      if (count > 0) return;
      // Only a flush during the hold can have left this person's messages behind.
      const keptBehind = this.keptWhileHeld.delete(personId);
      if (await this.forgetWaiting(personId) || keptBehind) await this.flush();
    };
  }

  /**
   * The person can be reached now (they opened a channel or talk to us on one): forget that
   * they could not be, make their waiting messages due, and deliver.
   */
  async reachable(personId: string): Promise<number> {
    await this.forgetWaiting(personId);
    return this.flush();
  }

  /** Ends the person's unreachable memory and backoff; false when there was neither (a read, no write). */
  private async forgetWaiting(personId: string): Promise<boolean> {
    if (!(await this.store.read.outbox.waitsOn(personId, this.now()))) return false;
    await this.store.transaction((repos) => repos.outbox.reachable(personId, this.now()));
    return true;
  }

  /** Delivers what is due; returns how many rows were delivered. Concurrent calls share one run. */
  flush(): Promise<number> {
    if (this.flushing) {
      // Rows written after the running flush read the outbox get a run of their own.
      this.flushAgain ??= this.flushing.catch(() => 0).then(() => {
        this.flushAgain = undefined;
        return this.flush();
      });
      return this.flushAgain;
    }
    this.flushing = this.deliverDue().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async deliverDue(): Promise<number> {
    if (!this.deliveries.length) return 0;
    const started = this.now();
    // Held people are passed over for the rest of this flush; everyone else a batch could
    // not serve now waits for a later attempt in the database, so each batch is new work.
    const passedOver = new Set<string>();
    let count = 0;
    do {
      // Claimed with a lease: another replica flushing at the same time gets other rows, and
      // the rows of a replica that died are taken over once its lease runs out. Twice the
      // usual lease: one batch's deliveries may wait on a rate-limited channel.
      const rows = await this.store.transaction((repos) => repos.outbox.claimPending(this.claims.owner, this.now(), 2 * this.claims.leaseMs, { limit: this.policy.batchSize, skipPeople: [...passedOver] }));
      if (!rows.length) break;
      count += await this.deliverBatch(rows, passedOver);
    } while (this.now() - started < this.policy.flushBudgetMs);
    return count;
  }

  private async deliverBatch(rows: OutboxRow[], passedOver: Set<string>): Promise<number> {
    let count = 0;
    const kept: number[] = [];
    const failed = new Set<string>();
    for (const row of rows) {
      if (this.held.has(row.personId)) {
        this.keptWhileHeld.add(row.personId);
        passedOver.add(row.personId);
      }
      if (failed.has(row.personId) || this.held.has(row.personId)) {
        kept.push(row.id); // keep the person's messages in order
        continue;
      }
      const attempt = await this.deliverRow(row.personId, readOutboxPayload(row.payload));
      if (attempt.delivered) {
        // Marked at once, not with the batch: a replica that dies mid-batch leaves only the
        // message it was posting (if any) to be delivered a second time by the next one.
        await this.store.transaction((repos) => repos.outbox.markDelivered([row.id], this.now()));
        count += 1;
      } else {
        failed.add(row.personId);
        await this.recordFailure(row, attempt);
      }
    }
    if (kept.length) await this.store.transaction((repos) => repos.outbox.releaseClaims(this.claims.owner, kept));
    return count;
  }

  /**
   * A person no channel reaches fails every message of theirs alike, so the attempt counts
   * for all of them and the person is remembered; a channel's error counts for this message.
   */
  private async recordFailure(row: OutboxRow, attempt: Extract<Attempt, { delivered: false }>): Promise<void> {
    const now = this.now();
    const failure = { now, nextAttemptAt: now + retryDelayMs(this.policy, row.attempts + 1), maxAttempts: this.policy.maxAttempts, error: attempt.error };
    const dead = await this.store.transaction(async (repos) => {
      if (!attempt.unreachable) return repos.outbox.recordFailure({ ids: [row.id] }, failure);
      await repos.outbox.rememberUnreachable(row.personId, now + this.policy.unreachableMs);
      return repos.outbox.recordFailure({ personId: row.personId }, failure);
    });
    if (dead) this.log.warn({ outboxId: row.id, dead }, 'outbox messages ran out of attempts and are dead letters');
  }

  private async deliverRow(personId: string, payload: OutboxPayload | undefined): Promise<Attempt> {
    if (!payload) {
      this.log.warn({ personId }, 'an outbox row of no known kind was dropped');
      return delivered;
    }
    if ('replies' in payload) return this.deliverOne(personId, payload.replies);
    const change = payload.cardChange;
    // Every channel, not only the preferred: a copy may sit in any channel the card reached.
    for (const delivery of this.deliveries) {
      try {
        await delivery.applyCardChange(personId, change);
      } catch (error) {
        // The change itself is stored; a copy that could not be updated shows it when clicked.
        this.log.warn({ channel: delivery.channel, err: error instanceof Error ? error.message : String(error) }, 'updating a card copy failed');
      }
    }
    return change.tell ? this.deliverOne(personId, [change.card]) : delivered;
  }

  private async deliverOne(personId: string, replies: Reply[]): Promise<Attempt> {
    const preferred = preferredChannels(replies, await this.store.read.outbox.recentChannels(personId));
    const errors: string[] = [];
    for (const delivery of inPreferredOrder(this.deliveries, preferred)) {
      try {
        if (await delivery.deliver(personId, replies)) return delivered;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors.push(`${delivery.channel}: ${message}`);
        this.log.warn({ channel: delivery.channel, err: message }, 'delivery failed; kept in the outbox');
      }
    }
    return errors.length
      ? { delivered: false, unreachable: false, error: errors.join('; ') }
      : { delivered: false, unreachable: true, error: 'no channel reaches the person' };
  }
}
