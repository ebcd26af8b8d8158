import { and, asc, eq, inArray } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { fulfilmentSteps } from '../schema/index.js';

export type FulfilmentStepRow = Omit<typeof fulfilmentSteps.$inferSelect, 'input' | 'result'> & {
  input: Record<string, string>;
  result: Record<string, unknown> | null;
};
export type StepStatus = 'waiting' | 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export class FulfilmentStepRepository {
  constructor(private readonly db: SqliteDb) {}

  async insert(rows: FulfilmentStepRow[]): Promise<void> {
    if (rows.length) this.db.insert(fulfilmentSteps).values(rows).run();
  }

  async findById(id: string): Promise<FulfilmentStepRow | undefined> {
    return this.db.select().from(fulfilmentSteps).where(eq(fulfilmentSteps.id, id)).get() as FulfilmentStepRow | undefined;
  }

  async listByRequest(requestId: string): Promise<FulfilmentStepRow[]> {
    return this.db.select().from(fulfilmentSteps).where(eq(fulfilmentSteps.requestId, requestId))
      .orderBy(asc(fulfilmentSteps.seq)).all() as FulfilmentStepRow[];
  }

  /** Manual tasks of a team in these statuses, oldest first. */
  async listManualByTeam(team: string, statuses: StepStatus[]): Promise<FulfilmentStepRow[]> {
    return this.db.select().from(fulfilmentSteps)
      .where(and(eq(fulfilmentSteps.team, team), eq(fulfilmentSteps.kind, 'manual'), inArray(fulfilmentSteps.status, statuses)))
      .orderBy(asc(fulfilmentSteps.createdAt), asc(fulfilmentSteps.seq)).all() as FulfilmentStepRow[];
  }

  async update(id: string, patch: Partial<Omit<FulfilmentStepRow, 'id' | 'requestId' | 'stepId' | 'seq' | 'kind' | 'createdAt'>>): Promise<void> {
    this.db.update(fulfilmentSteps).set(patch).where(eq(fulfilmentSteps.id, id)).run();
  }
}
