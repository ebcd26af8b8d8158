import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type FulfilmentStepRow = Omit<Tables['fulfilmentSteps']['$inferSelect'], 'input' | 'result'> & {
  input: Record<string, string>;
  result: Record<string, unknown> | null;
};
export type StepStatus = 'waiting' | 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export class FulfilmentStepRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

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

  async update(id: string, patch: Partial<Omit<FulfilmentStepRow, 'id' | 'requestId' | 'stepId' | 'seq' | 'kind' | 'createdAt'>>): Promise<void> {
    const { fulfilmentSteps } = this.tables;
    await this.db.update(fulfilmentSteps).set(patch).where(eq(fulfilmentSteps.id, id));
  }
}
