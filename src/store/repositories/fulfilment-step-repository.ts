import { and, asc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { Db, Dialect, Tables } from '../database.js';

export type FulfilmentStepRow = Omit<Tables['fulfilmentSteps']['$inferSelect'], 'input' | 'result' | 'afterSteps'> & {
  afterSteps: string[] | null;
  input: Record<string, string>;
  result: Record<string, unknown> | null;
};
export type StepStatus = 'waiting' | 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'cancelled';

export class FulfilmentStepRepository {
  constructor(private readonly db: Db, private readonly tables: Tables, private readonly dialect: Dialect) {}

  async insert(rows: FulfilmentStepRow[]): Promise<void> {
    if (rows.length) await this.db.insert(this.tables.fulfilmentSteps).values(rows);
  }

  async findById(id: string): Promise<FulfilmentStepRow | undefined> {
    const { fulfilmentSteps } = this.tables;
    return (await this.db.select().from(fulfilmentSteps).where(eq(fulfilmentSteps.id, id)).limit(1))[0] as FulfilmentStepRow | undefined;
  }

  async listByRequest(requestId: string): Promise<FulfilmentStepRow[]> {
    const { fulfilmentSteps } = this.tables;
    return await this.db.select().from(fulfilmentSteps).where(eq(fulfilmentSteps.requestId, requestId))
      .orderBy(asc(fulfilmentSteps.seq)) as FulfilmentStepRow[];
  }

  /** Manual tasks of a team in these statuses, oldest first. */
  async listManualByTeam(team: string, statuses: StepStatus[]): Promise<FulfilmentStepRow[]> {
    const { fulfilmentSteps } = this.tables;
    return await this.db.select().from(fulfilmentSteps)
      .where(and(eq(fulfilmentSteps.team, team), eq(fulfilmentSteps.kind, 'manual'), inArray(fulfilmentSteps.status, statuses)))
      .orderBy(asc(fulfilmentSteps.createdAt), asc(fulfilmentSteps.seq)) as FulfilmentStepRow[];
  }

  /**
   * Starts calling an integration step for `owner` until `until`: only from the status the
   * caller saw, so two runners never start the same step. False when it had moved on.
   */
  async startRunning(id: string, from: StepStatus, input: { owner: string; until: number; at: number; attempts: number }): Promise<boolean> {
    const { fulfilmentSteps } = this.tables;
    const started = await this.db.update(fulfilmentSteps)
      .set({ status: 'running', claimedBy: input.owner, claimedUntil: input.until, updatedAt: input.at, attempts: input.attempts })
      .where(and(eq(fulfilmentSteps.id, id), eq(fulfilmentSteps.status, from)))
      .returning({ id: fulfilmentSteps.id });
    return started.length === 1;
  }

  async renewClaim(id: string, owner: string, until: number): Promise<void> {
    const { fulfilmentSteps } = this.tables;
    await this.db.update(fulfilmentSteps).set({ claimedUntil: until })
      .where(and(eq(fulfilmentSteps.id, id), eq(fulfilmentSteps.claimedBy, owner), eq(fulfilmentSteps.status, 'running')));
  }

  /**
   * Records a running step's outcome if `owner` still holds it; false when another runner took
   * the step over (this owner's lease ran out), whose outcome then counts instead.
   */
  async finishRunning(id: string, owner: string, patch: Pick<Partial<FulfilmentStepRow>, 'status' | 'result' | 'error' | 'updatedAt' | 'notBefore'>): Promise<boolean> {
    const { fulfilmentSteps } = this.tables;
    const finished = await this.db.update(fulfilmentSteps).set({ ...patch, claimedBy: null, claimedUntil: null })
      .where(and(eq(fulfilmentSteps.id, id), eq(fulfilmentSteps.status, 'running'), eq(fulfilmentSteps.claimedBy, owner)))
      .returning({ id: fulfilmentSteps.id });
    return finished.length === 1;
  }

  /** Requests with a running step whose runner's lease ran out (its replica died mid-call), oldest first. */
  async requestsWithStalledSteps(now: number, limit = 50): Promise<string[]> {
    const { fulfilmentSteps } = this.tables;
    const rows = await this.db.select({ requestId: fulfilmentSteps.requestId }).from(fulfilmentSteps)
      .where(and(eq(fulfilmentSteps.status, 'running'), lt(fulfilmentSteps.claimedUntil, now)))
      .orderBy(asc(fulfilmentSteps.updatedAt)).limit(limit);
    return [...new Set(rows.map((r) => r.requestId))];
  }

  /**
   * Requests in fulfilment whose next step (the first not done or cancelled) is waiting while
   * no work for them is queued or claimed: nothing would ever run them on (work lost, or left
   * from before the queue). Longest waiting first.
   */
  async requestsWaitingWithoutWork(limit = 50): Promise<string[]> {
    const { fulfilmentSteps: s, fulfilmentQueue: q, requests: r } = this.tables;
    const rows = await this.db.select({ requestId: s.requestId }).from(s)
      .innerJoin(r, eq(r.id, s.requestId))
      .where(and(
        eq(s.status, 'waiting'),
        eq(r.status, 'in_fulfilment'),
        notExists(this.db.select({ id: q.id }).from(q).where(eq(q.requestId, s.requestId))),
        // No earlier step still open: this waiting step is the one the plan stopped at.
        sql`not exists (select 1 from fulfilment_steps earlier where earlier.request_id = ${s.requestId} and earlier.seq < ${s.seq} and earlier.status not in ('done', 'skipped', 'cancelled'))`,
      ))
      .orderBy(asc(s.updatedAt)).limit(limit);
    return [...new Set(rows.map((row) => row.requestId))];
  }

  /**
   * Takes over a running step whose runner's lease ran out, for `owner` until `until`; false
   * when its runner renewed in time or another replica took it first.
   */
  async takeOver(id: string, owner: string, now: number, until: number): Promise<boolean> {
    const { fulfilmentSteps } = this.tables;
    const taken = await this.db.update(fulfilmentSteps).set({ claimedBy: owner, claimedUntil: until })
      .where(and(eq(fulfilmentSteps.id, id), eq(fulfilmentSteps.status, 'running'), lt(fulfilmentSteps.claimedUntil, now)))
      .returning({ id: fulfilmentSteps.id });
    return taken.length === 1;
  }

  /**
   * Changes a step only from the status the caller saw (`from`); false when it had moved on,
   * so two runners never both start, finish or announce the same step.
   */
  async moveFrom(id: string, from: StepStatus, patch: Partial<Omit<FulfilmentStepRow, 'id' | 'requestId' | 'stepId' | 'seq' | 'kind' | 'createdAt'>>): Promise<boolean> {
    const { fulfilmentSteps } = this.tables;
    const moved = await this.db.update(fulfilmentSteps).set(patch)
      .where(and(eq(fulfilmentSteps.id, id), eq(fulfilmentSteps.status, from)))
      .returning({ id: fulfilmentSteps.id });
    return moved.length === 1;
  }

  /** Steps in a status across all requests (failed ones for the owner teams' listing), oldest first. */
  async listByStatus(status: StepStatus, limit = 500): Promise<FulfilmentStepRow[]> {
    const { fulfilmentSteps } = this.tables;
    return await this.db.select().from(fulfilmentSteps).where(eq(fulfilmentSteps.status, status))
      .orderBy(asc(fulfilmentSteps.updatedAt)).limit(limit) as FulfilmentStepRow[];
  }

  async update(id: string, patch: Partial<Omit<FulfilmentStepRow, 'id' | 'requestId' | 'stepId' | 'seq' | 'kind' | 'createdAt'>>): Promise<void> {
    const { fulfilmentSteps } = this.tables;
    await this.db.update(fulfilmentSteps).set(patch).where(eq(fulfilmentSteps.id, id));
  }

  /** Done integration steps calling one of `operations`, oldest first: what was provisioned (reconciliation). */
  async listDoneByOperations(operations: string[]): Promise<FulfilmentStepRow[]> {
    const { fulfilmentSteps: s } = this.tables;
    if (!operations.length) return [];
    return await this.db.select().from(s)
      .where(and(eq(s.kind, 'integration'), eq(s.status, 'done'), inArray(s.operation, operations)))
      .orderBy(asc(s.createdAt), asc(s.seq)) as FulfilmentStepRow[];
  }
}
