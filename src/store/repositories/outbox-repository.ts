import { and, asc, count, desc, eq, gt, gte, isNotNull, isNull, inArray, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Dialect, Tables } from '../database.js';

export interface OutboxRow {
  id: number;
  personId: string;
  payload: unknown;
  createdAt: number;
  deliveredAt: number | null;
  attempts: number;
  lastError: string | null;
  /** When the attempts ran out: a dead letter. */
  deadAt: number | null;
}

/** A message the attempts ran out for, as the service desk sees it. */
export interface DeadLetterRow extends OutboxRow {
  deadAt: number;
}

/** How a failed attempt is recorded: when to offer the rows again, after how many attempts they are dead. */
export interface FailedAttempt {
  now: number;
  nextAttemptAt: number;
  maxAttempts: number;
  error: string;
}

export class OutboxRepository {
  constructor(private readonly db: Db, private readonly tables: Tables, private readonly dialect: Dialect) {}

  private get columns() {
    const { outbox } = this.tables;
    return { id: outbox.id, personId: outbox.personId, payload: outbox.payload, createdAt: outbox.createdAt, deliveredAt: outbox.deliveredAt, attempts: outbox.attempts, lastError: outbox.lastError, deadAt: outbox.deadAt };
  }

  /** Neither delivered nor dead: still to be offered. */
  private get pending(): SQL {
    const { outbox } = this.tables;
    return and(isNull(outbox.deliveredAt), isNull(outbox.deadAt))!;
  }

  async add(personId: string, payload: unknown, createdAt: number): Promise<number> {
    const { outbox } = this.tables;
    const [row] = await this.db.insert(outbox).values({ personId, payload, createdAt, nextAttemptAt: createdAt }).returning({ id: outbox.id });
    return row!.id;
  }

  /**
   * Claims due rows for `owner` until `now + leaseMs`, oldest first, and returns them. Passed
   * over: rows another owner holds unexpired, and everyone whose earlier message another owner
   * is delivering or is waiting for its next attempt, so each person's messages keep their
   * order across replicas and retries; people remembered as unreachable; `skipPeople`. Rows
   * of an owner that died are claimable once its lease ends. Call inside a store
   * transaction; deliver after commit, then `markDelivered` or `recordFailure`.
   */
  async claimPending(owner: string, now: number, leaseMs: number, options: { limit?: number; skipPeople?: string[] } = {}): Promise<OutboxRow[]> {
    const { outbox, outboxUnreachable } = this.tables;
    const heldElsewhere = and(this.pending, ne(outbox.claimedBy, owner), gte(outbox.claimedUntil, now));
    const busyPeople = this.db.select({ personId: outbox.personId }).from(outbox).where(heldElsewhere);
    const waitingPeople = this.db.select({ personId: outbox.personId }).from(outbox).where(and(this.pending, gt(outbox.nextAttemptAt, now)));
    const unreachable = this.db.select({ personId: outboxUnreachable.personId }).from(outboxUnreachable).where(gt(outboxUnreachable.until, now));
    const free = or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now), eq(outbox.claimedBy, owner));
    const skip = options.skipPeople?.length ? [notInArray(outbox.personId, options.skipPeople)] : [];
    const candidates = await this.dialect.skipLocked(this.db.select({ id: outbox.id }).from(outbox)
      .where(and(this.pending, lte(outbox.nextAttemptAt, now), free, notInArray(outbox.personId, busyPeople),
        notInArray(outbox.personId, waitingPeople), notInArray(outbox.personId, unreachable), ...skip))
      .orderBy(asc(outbox.id)).limit(options.limit ?? 200));
    if (!candidates.length) return [];
    const claimed = await this.db.update(outbox).set({ claimedBy: owner, claimedUntil: now + leaseMs })
      .where(inArray(outbox.id, candidates.map((c) => c.id))).returning(this.columns);
    return claimed.sort((a, b) => a.id - b.id);
  }

  /**
   * Counts a failed attempt on the rows (`ids`, or every pending row of `personId` when the
   * person could not be reached at all): not offered again before `nextAttemptAt`, and dead
   * letters once they have had `maxAttempts`. Releases their claims. Returns how many died.
   */
  async recordFailure(target: { ids: number[] } | { personId: string }, attempt: FailedAttempt): Promise<number> {
    const { outbox } = this.tables;
    const rows = and(this.pending, 'ids' in target ? inArray(outbox.id, target.ids.length ? target.ids : [-1]) : eq(outbox.personId, target.personId));
    const failed = await this.db.update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: attempt.nextAttemptAt, lastError: attempt.error.slice(0, 500), claimedBy: null, claimedUntil: null })
      .where(rows).returning({ id: outbox.id });
    if (!failed.length) return 0;
    const dead = await this.db.update(outbox).set({ deadAt: attempt.now })
      .where(and(inArray(outbox.id, failed.map((f) => f.id)), gte(outbox.attempts, attempt.maxAttempts))).returning({ id: outbox.id });
    return dead.length;
  }

  /** Remembers until `until` that no channel reaches the person, for every replica. */
  async rememberUnreachable(personId: string, until: number): Promise<void> {
    const { outboxUnreachable } = this.tables;
    await this.db.insert(outboxUnreachable).values({ personId, until }).onConflictDoUpdate({ target: outboxUnreachable.personId, set: { until } });
  }

  /** Whether the person's messages wait on them: remembered as unreachable, or in backoff. */
  async waitsOn(personId: string, now: number): Promise<boolean> {
    const { outbox, outboxUnreachable } = this.tables;
    const remembered = await this.db.select({ personId: outboxUnreachable.personId }).from(outboxUnreachable)
      .where(and(eq(outboxUnreachable.personId, personId), gt(outboxUnreachable.until, now))).limit(1);
    if (remembered.length) return true;
    const waiting = await this.db.select({ id: outbox.id }).from(outbox)
      .where(and(this.pending, eq(outbox.personId, personId), gt(outbox.nextAttemptAt, now))).limit(1);
    return waiting.length > 0;
  }

  /** The person can be reached now (they opened a channel, they talk to us): forget otherwise, and make their waiting rows due. */
  async reachable(personId: string, now: number): Promise<void> {
    const { outbox, outboxUnreachable } = this.tables;
    await this.db.delete(outboxUnreachable).where(eq(outboxUnreachable.personId, personId));
    await this.db.update(outbox).set({ nextAttemptAt: now }).where(and(this.pending, eq(outbox.personId, personId), gt(outbox.nextAttemptAt, now)));
  }

  /** Dead letters, the most recent first. */
  async deadLetters(limit = 100): Promise<DeadLetterRow[]> {
    const { outbox } = this.tables;
    const rows = await this.db.select(this.columns).from(outbox)
      .where(and(isNull(outbox.deliveredAt), isNotNull(outbox.deadAt))).orderBy(desc(outbox.deadAt), desc(outbox.id)).limit(limit);
    return rows.map((r) => ({ ...r, deadAt: r.deadAt! }));
  }

  async countDeadLetters(): Promise<number> {
    const { outbox } = this.tables;
    const [row] = await this.db.select({ n: count() }).from(outbox).where(and(isNull(outbox.deliveredAt), isNotNull(outbox.deadAt)));
    return Number(row?.n ?? 0);
  }

  /** Makes a dead letter due again with its attempts reset (the person is tried afresh); undefined when `id` is no dead letter. */
  async retryDeadLetter(id: number, now: number): Promise<DeadLetterRow | undefined> {
    const { outbox } = this.tables;
    const [before] = await this.db.select(this.columns).from(outbox)
      .where(and(eq(outbox.id, id), isNull(outbox.deliveredAt), isNotNull(outbox.deadAt)));
    if (!before) return undefined;
    await this.db.update(outbox).set({ deadAt: null, attempts: 0, nextAttemptAt: now, lastError: null, claimedBy: null, claimedUntil: null }).where(eq(outbox.id, id));
    await this.reachable(before.personId, now);
    return { ...before, deadAt: before.deadAt! };
  }

  /** Gives back rows `owner` claimed but could not deliver, for whoever flushes next. */
  async releaseClaims(owner: string, ids: number[]): Promise<void> {
    const { outbox } = this.tables;
    if (!ids.length) return;
    await this.db.update(outbox).set({ claimedBy: null, claimedUntil: null })
      .where(and(inArray(outbox.id, ids), eq(outbox.claimedBy, owner), isNull(outbox.deliveredAt)));
  }

  async find(id: number): Promise<OutboxRow | undefined> {
    const { outbox } = this.tables;
    return (await this.db.select(this.columns).from(outbox).where(eq(outbox.id, id)).limit(1))[0];
  }

  async forPerson(personId: string): Promise<OutboxRow[]> {
    const { outbox } = this.tables;
    return this.db.select(this.columns).from(outbox).where(eq(outbox.personId, personId)).orderBy(asc(outbox.id));
  }

  async markDelivered(ids: number[], at: number): Promise<void> {
    const { outbox } = this.tables;
    if (!ids.length) return;
    await this.db.update(outbox).set({ deliveredAt: at }).where(and(inArray(outbox.id, ids), isNull(outbox.deliveredAt)));
  }

  /** Channels the person has talked to us on, most recent first: where to reach them. */
  async recentChannels(personId: string): Promise<string[]> {
    const { conversations } = this.tables;
    const rows = await this.db.select({ channel: conversations.channel }).from(conversations)
      .where(eq(conversations.personId, personId)).orderBy(desc(conversations.updatedAt)).limit(20);
    return [...new Set(rows.map((r) => r.channel))];
  }
}
