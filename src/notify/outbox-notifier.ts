import type { CardChange } from '../messages/card-change.js';
import type { Reply } from '../messages/reply.js';
import { replicaClaims, type ReplicaClaims } from '../replicas/replica-claims.js';
import type { Repositories } from '../store/repositories.js';
import type { Store } from '../store/store.js';
import type { ChannelDelivery, Notifier } from './notifier.js';
import { readOutboxPayload, type OutboxPayload } from './outbox-payload.js';
import { inPreferredOrder, preferredChannels } from './preferred-channels.js';

interface Log {
  warn(obj: object, msg: string): void;
}

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

/**
 * The outbox notifier: every message is a row first, so a channel that is down loses
 * nothing. `flush` offers each undelivered message to the person's channels (their
 * preferred first, until one delivers) and hands each card change to every channel (each
 * updates the copies it holds); rows nobody could take wait for the next flush.
 */
export class OutboxNotifier implements Notifier {
  private readonly deliveries: ChannelDelivery[] = [];
  private readonly held = new Map<string, number>();
  /** People whose messages a flush passed over because they were held. */
  private readonly keptWhileHeld = new Set<string>();
  private flushing: Promise<number> | undefined;
  private flushAgain: Promise<number> | undefined;

  private sweeper: NodeJS.Timeout | undefined;

  /** `claims`: this process as the owner of the outbox rows it claims; replicas never deliver the same row. */
  constructor(private readonly store: Store, private readonly log: Log, private readonly now: () => number = Date.now, private readonly claims: ReplicaClaims = replicaClaims()) {}

  /**
   * Delivers what is pending every lease period even when nothing happens here: rows a
   * replica claimed and died with, and rows no channel could take before.
   */
  startSweeping(): void {
    this.sweeper ??= setInterval(() => {
      this.flush().catch((err: unknown) => this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'outbox sweep failed; trying again later'));
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
   * reply, not before it. The returned function releases the hold and delivers.
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
      // Only a flush during the hold can have left this person's messages behind.
      if (count > 0 || !this.keptWhileHeld.delete(personId)) return;
      await this.flush();
    };
  }

  /** Delivers what it can; returns how many rows were delivered. Concurrent calls share one run. */
  flush(): Promise<number> {
    if (this.flushing) {
      // Rows written after the running flush read the outbox get a run of their own.
      this.flushAgain ??= this.flushing.catch(() => 0).then(() => {
        this.flushAgain = undefined;
        return this.flush();
      });
      return this.flushAgain;
    }
    this.flushing = this.deliverPending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async deliverPending(): Promise<number> {
    if (!this.deliveries.length) return 0;
    // Claimed with a lease: another replica flushing at the same time gets other rows, and
    // the rows of a replica that died are taken over once its lease runs out. Twice the
    // usual lease: one flush's deliveries may wait on a rate-limited channel.
    const rows = await this.store.transaction((repos) => repos.outbox.claimPending(this.claims.owner, this.now(), 2 * this.claims.leaseMs));
    let delivered = 0;
    const kept: number[] = [];
    const unreachable = new Set<string>();
    for (const row of rows) {
      if (unreachable.has(row.personId) || this.held.has(row.personId)) {
        if (this.held.has(row.personId)) this.keptWhileHeld.add(row.personId);
        kept.push(row.id);
        continue;
      }
      if (await this.deliverRow(row.personId, readOutboxPayload(row.payload))) {
        // Marked at once, not with the batch: a replica that dies mid-batch leaves only the
        // message it was posting (if any) to be delivered a second time by the next one.
        await this.store.transaction((repos) => repos.outbox.markDelivered([row.id], this.now()));
        delivered += 1;
      } else {
        unreachable.add(row.personId); // keep the person's messages in order
        kept.push(row.id);
      }
    }
    if (kept.length) await this.store.transaction((repos) => repos.outbox.releaseClaims(this.claims.owner, kept));
    return delivered;
  }

  private async deliverRow(personId: string, payload: OutboxPayload | undefined): Promise<boolean> {
    if (!payload) {
      this.log.warn({ personId }, 'an outbox row of no known kind was dropped');
      return true;
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
    return change.tell ? this.deliverOne(personId, [change.card]) : true;
  }

  private async deliverOne(personId: string, replies: Reply[]): Promise<boolean> {
    const preferred = preferredChannels(replies, await this.store.read.outbox.recentChannels(personId));
    for (const delivery of inPreferredOrder(this.deliveries, preferred)) {
      try {
        if (await delivery.deliver(personId, replies)) return true;
      } catch (error) {
        this.log.warn({ channel: delivery.channel, err: error instanceof Error ? error.message : String(error) }, 'delivery failed; kept in the outbox');
      }
    }
    return false;
  }
}
