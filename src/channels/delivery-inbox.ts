import type { ChannelName } from '../messages/turn.js';
import { renewEveryMs, type ReplicaClaims } from '../replicas/replica-claims.js';
import type { PendingDelivery } from '../store/repositories/channel-receipt-repository.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../shared/logger.js';


/**
 * A channel's inbound deliveries (Slack events, Teams activities) kept in the database from
 * before the ack until their turn is done, so a delivery acked by a replica that dies is
 * still answered: its holder renews the lease while the turn runs, and when the lease runs
 * out another replica claims the delivery and handles it. Repeats and the channel's retries
 * of a delivery already taken are dropped.
 */
export class DeliveryInbox {
  private readonly handling = new Set<string>();
  private readonly replays = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;
  private readonly now: () => number;

  constructor(private readonly deps: { channel: ChannelName; store: Store; claims: ReplicaClaims; log: Pick<Logger, 'warn' | 'error'>; now?: () => number }) {
    this.now = deps.now ?? Date.now;
  }

  /** True the first time a delivery id arrives: it is stored and held by this replica until `finished`. */
  async accept(eventId: string, body: Record<string, unknown>): Promise<boolean> {
    const { owner, leaseMs } = this.deps.claims;
    const first = await this.deps.store.transaction((repos) => repos.channelReceipts.accept({ channel: this.deps.channel, receiptId: eventId, body, owner, now: this.now(), leaseMs }));
    if (first) this.handling.add(eventId);
    return first;
  }

  /** The event's turn is over, answered or failed: nobody handles it again. */
  async finished(eventId: string): Promise<void> {
    if (!this.handling.delete(eventId)) return; // already marked (as soon as its replies were posted)
    await this.deps.store.transaction((repos) => repos.channelReceipts.finish(this.deps.channel, eventId, this.now()))
      .catch((err: unknown) => this.deps.log.warn({ eventId, err }, 'marking a delivery handled failed; another replica may handle it again'));
  }

  /** Renews this replica's events and takes over those whose holder died, handing each to `replay`. */
  start(replay: (event: PendingDelivery) => Promise<unknown>): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.sweep(replay); }, renewEveryMs(this.deps.claims));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Resolves once every event taken over so far has been handled. */
  async idle(): Promise<void> {
    while (this.replays.size) await Promise.allSettled([...this.replays]);
  }

  private async sweep(replay: (event: PendingDelivery) => Promise<unknown>): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    const { owner, leaseMs } = this.deps.claims;
    try {
      const now = this.now();
      const stalled = await this.deps.store.transaction(async (repos) => {
        await repos.channelReceipts.renew(this.deps.channel, [...this.handling], owner, now + leaseMs);
        return repos.channelReceipts.claimStalled(this.deps.channel, owner, now, leaseMs);
      });
      if (!stalled.length) return;
      for (const event of stalled) this.handling.add(event.receiptId);
      // One after another, oldest first: a person's messages are answered in the order they wrote them.
      const work = (async () => {
        for (const event of stalled) {
          this.deps.log.warn({ channel: this.deps.channel, eventId: event.receiptId }, 'taking over a delivery whose replica stopped before answering it');
          await replay(event).catch((err: unknown) => this.deps.log.error({ channel: this.deps.channel, eventId: event.receiptId, err }, 'a delivery taken over failed'));
          await this.finished(event.receiptId);
        }
      })();
      this.replays.add(work);
      void work.finally(() => this.replays.delete(work));
    } catch (err) {
      this.deps.log.warn({ err }, 'renewing or taking over deliveries failed; trying again shortly');
    } finally {
      this.sweeping = false;
    }
  }
}
