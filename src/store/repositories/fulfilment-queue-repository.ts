import { and, asc, eq, inArray, isNull, lt, lte, min, or } from 'drizzle-orm';
import type { Db, Dialect, Tables } from '../database.js';

export type FulfilmentJobKind = 'start' | 'resume';
export type FulfilmentJobRow = Omit<Tables['fulfilmentQueue']['$inferSelect'], 'kind'> & { kind: FulfilmentJobKind };

/** The fulfilment module's queue: rows are added in the caller's transaction and claimed by any replica's worker. */
export class FulfilmentQueueRepository {
  constructor(private readonly db: Db, private readonly tables: Tables, private readonly dialect: Dialect) {}

  async add(row: FulfilmentJobRow): Promise<void> {
    await this.db.insert(this.tables.fulfilmentQueue).values(row);
  }

  /** Work on the request that no worker has started yet (a second "resume" would do nothing more). */
  async hasUnclaimed(requestId: string, kind: FulfilmentJobKind): Promise<boolean> {
    const { fulfilmentQueue: q } = this.tables;
    const rows = await this.db.select({ id: q.id }).from(q)
      .where(and(eq(q.requestId, requestId), eq(q.kind, kind), isNull(q.claimedBy))).limit(1);
    return rows.length === 1;
  }

  /**
   * Claims due rows for `owner` until `now + leaseMs`, oldest first: rows nobody holds, and
   * rows whose holder's lease ran out (its replica died). Rows another transaction is
   * claiming are passed over (SKIP LOCKED on Postgres).
   */
  async claimDue(owner: string, now: number, leaseMs: number, limit = 10): Promise<FulfilmentJobRow[]> {
    const { fulfilmentQueue: q } = this.tables;
    const due = await this.dialect.skipLocked(this.db.select({ id: q.id }).from(q)
      .where(and(lte(q.runAfter, now), or(isNull(q.claimedUntil), lt(q.claimedUntil, now))))
      .orderBy(asc(q.runAfter), asc(q.createdAt)).limit(limit));
    if (!due.length) return [];
    const claimed = await this.db.update(q).set({ claimedBy: owner, claimedUntil: now + leaseMs })
      .where(inArray(q.id, due.map((d) => d.id))).returning() as FulfilmentJobRow[];
    return claimed.sort((a, b) => a.runAfter - b.runAfter || a.createdAt - b.createdAt);
  }

  async renewClaim(id: string, owner: string, until: number): Promise<void> {
    const { fulfilmentQueue: q } = this.tables;
    await this.db.update(q).set({ claimedUntil: until }).where(and(eq(q.id, id), eq(q.claimedBy, owner)));
  }

  /** Done: the row goes. False when another owner took it over meanwhile. */
  async complete(id: string, owner: string): Promise<boolean> {
    const { fulfilmentQueue: q } = this.tables;
    const gone = await this.db.delete(q).where(and(eq(q.id, id), eq(q.claimedBy, owner))).returning({ id: q.id });
    return gone.length === 1;
  }

  /** Gives the row back to run again at `runAfter` (a step's retry, or a run that threw). */
  async retryLater(id: string, owner: string, patch: { runAfter: number; attempts: number; lastError: string | null }): Promise<void> {
    const { fulfilmentQueue: q } = this.tables;
    await this.db.update(q).set({ ...patch, claimedBy: null, claimedUntil: null }).where(and(eq(q.id, id), eq(q.claimedBy, owner)));
  }

  /** When the earliest row nobody holds falls due (to wake the worker then), or undefined. */
  async nextDueAt(): Promise<number | undefined> {
    const { fulfilmentQueue: q } = this.tables;
    const [row] = await this.db.select({ at: min(q.runAfter) }).from(q).where(isNull(q.claimedBy));
    return row?.at ?? undefined;
  }

  async listByRequest(requestId: string): Promise<FulfilmentJobRow[]> {
    const { fulfilmentQueue: q } = this.tables;
    return await this.db.select().from(q).where(eq(q.requestId, requestId)).orderBy(asc(q.createdAt)) as FulfilmentJobRow[];
  }
}
