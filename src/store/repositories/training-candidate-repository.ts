import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type TrainingCandidateRow = Tables['trainingCandidates']['$inferSelect'];

/** Candidate training examples from triage, and the catalog admins' decisions on them. */
export class TrainingCandidateRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  /** False when the triage item already has a candidate. */
  async insert(row: TrainingCandidateRow): Promise<boolean> {
    const { trainingCandidates } = this.tables;
    const inserted = await this.db.insert(trainingCandidates).values(row).onConflictDoNothing().returning({ id: trainingCandidates.id });
    return inserted.length > 0;
  }

  async find(id: string): Promise<TrainingCandidateRow | undefined> {
    const { trainingCandidates } = this.tables;
    return (await this.db.select().from(trainingCandidates).where(eq(trainingCandidates.id, id)).limit(1))[0];
  }

  async list(status?: string): Promise<TrainingCandidateRow[]> {
    const { trainingCandidates } = this.tables;
    return this.db.select().from(trainingCandidates)
      .where(status === undefined ? undefined : eq(trainingCandidates.status, status))
      .orderBy(asc(trainingCandidates.proposedAt), asc(trainingCandidates.id));
  }

  /** Decides a proposed candidate; false when it was already decided. */
  async decide(id: string, status: 'accepted' | 'rejected', decidedBy: string, at: number): Promise<boolean> {
    const { trainingCandidates } = this.tables;
    const decided = await this.db.update(trainingCandidates).set({ status, decidedBy, decidedAt: at })
      .where(and(eq(trainingCandidates.id, id), eq(trainingCandidates.status, 'proposed'))).returning({ id: trainingCandidates.id });
    return decided.length > 0;
  }
}
