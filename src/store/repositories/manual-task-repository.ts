import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';
import type { FulfilmentStepRow } from './fulfilment-step-repository.js';

export type ManualTaskRow = Tables['manualTasks']['$inferSelect'];
export type TaskNoteRow = Tables['taskNotes']['$inferSelect'];

/** The manual-work side of a team's tasks (assignee, SLA clock, sub-status detail) and their work notes. */
export class ManualTaskRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  /** Writes the task's row unless one exists (another process wrote it first); returns the stored row. */
  async insertIfAbsent(row: ManualTaskRow): Promise<ManualTaskRow> {
    const { manualTasks } = this.tables;
    await this.db.insert(manualTasks).values(row).onConflictDoNothing({ target: manualTasks.stepId });
    return (await this.find(row.stepId))!;
  }

  async find(stepId: string): Promise<ManualTaskRow | undefined> {
    const { manualTasks } = this.tables;
    return (await this.db.select().from(manualTasks).where(eq(manualTasks.stepId, stepId)).limit(1))[0];
  }

  async listByStepIds(stepIds: string[]): Promise<ManualTaskRow[]> {
    const { manualTasks } = this.tables;
    return stepIds.length ? this.db.select().from(manualTasks).where(inArray(manualTasks.stepId, stepIds)) : [];
  }

  /** Open manual steps (a team has them), of every team: what the SLA job looks at. */
  async pendingSteps(): Promise<FulfilmentStepRow[]> {
    const { fulfilmentSteps } = this.tables;
    return await this.db.select().from(fulfilmentSteps)
      .where(and(eq(fulfilmentSteps.kind, 'manual'), eq(fulfilmentSteps.status, 'pending')))
      .orderBy(asc(fulfilmentSteps.updatedAt)) as FulfilmentStepRow[];
  }

  /** The steps a person took or was given, in any status. */
  async stepIdsAssignedTo(personId: string): Promise<string[]> {
    const { manualTasks } = this.tables;
    return (await this.db.select({ stepId: manualTasks.stepId }).from(manualTasks).where(eq(manualTasks.assigneeId, personId))).map((r) => r.stepId);
  }

  /** The task of a request waiting on the extra approval stage `stageIndex`. */
  async findByExtraApproval(requestId: string, stageIndex: number): Promise<ManualTaskRow | undefined> {
    const { manualTasks } = this.tables;
    return (await this.db.select().from(manualTasks)
      .where(and(eq(manualTasks.requestId, requestId), eq(manualTasks.extraApprovalStage, stageIndex))).limit(1))[0];
  }

  async update(stepId: string, patch: Partial<Omit<ManualTaskRow, 'stepId' | 'requestId' | 'team'>>): Promise<void> {
    const { manualTasks } = this.tables;
    await this.db.update(manualTasks).set(patch).where(eq(manualTasks.stepId, stepId));
  }

  /** Records the breach unless it is already recorded; true for the one caller that recorded it. */
  async markBreached(stepId: string, at: number): Promise<boolean> {
    const { manualTasks } = this.tables;
    const marked = await this.db.update(manualTasks).set({ breachedAt: at })
      .where(and(eq(manualTasks.stepId, stepId), isNull(manualTasks.breachedAt)))
      .returning({ stepId: manualTasks.stepId });
    return marked.length === 1;
  }

  async addNote(row: TaskNoteRow): Promise<void> {
    await this.db.insert(this.tables.taskNotes).values(row);
  }

  /** Notes of these tasks, oldest first. */
  async notesOf(stepIds: string[]): Promise<TaskNoteRow[]> {
    const { taskNotes } = this.tables;
    return stepIds.length ? this.db.select().from(taskNotes).where(inArray(taskNotes.stepId, stepIds)).orderBy(asc(taskNotes.at), asc(taskNotes.id)) : [];
  }

  /** The notes a request's requester may read, oldest first. */
  async visibleNotesOfRequest(requestId: string): Promise<TaskNoteRow[]> {
    const { taskNotes } = this.tables;
    return this.db.select().from(taskNotes).where(and(eq(taskNotes.requestId, requestId), eq(taskNotes.visibility, 'requester'))).orderBy(asc(taskNotes.at), asc(taskNotes.id));
  }
}
