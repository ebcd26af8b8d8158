import { and, asc, count, eq, gte, isNull, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type DialogOutcome = 'submitted' | 'cancelled' | 'handed-off' | 'abandoned';

export interface DialogOutcomeRow {
  id: string;
  conversationId: string;
  personId: string;
  requestTypeId: string;
  startedAt: number;
  endedAt: number | null;
  outcome: string | null;
  step: string | null;
}

/** Every dialog started and how it ended; the basis of the abandonment rate. */
export class DialogOutcomeRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async start(row: { id: string; conversationId: string; personId: string; requestTypeId: string; startedAt: number; step?: string | null }): Promise<void> {
    await this.db.insert(this.tables.dialogOutcomes).values({ ...row, step: row.step ?? null, endedAt: null, outcome: null });
  }

  /** The step an open dialog moved on to; a dialog that ended keeps the step it ended at. */
  async reachedStep(id: string, step: string): Promise<void> {
    const { dialogOutcomes } = this.tables;
    await this.db.update(dialogOutcomes).set({ step }).where(and(eq(dialogOutcomes.id, id), isNull(dialogOutcomes.outcome)));
  }

  /** Ends an open dialog; a dialog that already ended keeps its first outcome. */
  async end(id: string, outcome: DialogOutcome, at: number): Promise<boolean> {
    const { dialogOutcomes } = this.tables;
    const ended = await this.db.update(dialogOutcomes).set({ outcome, endedAt: at })
      .where(and(eq(dialogOutcomes.id, id), isNull(dialogOutcomes.outcome))).returning({ id: dialogOutcomes.id });
    return ended.length > 0;
  }

  async find(id: string): Promise<DialogOutcomeRow | undefined> {
    const { dialogOutcomes } = this.tables;
    return (await this.db.select().from(dialogOutcomes).where(eq(dialogOutcomes.id, id)).limit(1))[0];
  }

  /**
   * A conversation's dialogs in the order they ran. They never overlap (starting one ends
   * the one before), so among dialogs started in the same millisecond the ended ones came
   * first, in the order they ended.
   */
  async ofConversation(conversationId: string): Promise<DialogOutcomeRow[]> {
    const { dialogOutcomes } = this.tables;
    return this.db.select().from(dialogOutcomes).where(eq(dialogOutcomes.conversationId, conversationId))
      .orderBy(asc(dialogOutcomes.startedAt), sql`${dialogOutcomes.endedAt} is null`, asc(dialogOutcomes.endedAt));
  }

  /** Open dialogs whose conversation has been quiet since `idleSince` become abandoned. */
  async markAbandoned(idleSince: number, at: number): Promise<number> {
    const { conversations, dialogOutcomes } = this.tables;
    const activeConversations = this.db.select({ id: conversations.id }).from(conversations).where(gte(conversations.updatedAt, idleSince));
    const abandoned = await this.db.update(dialogOutcomes).set({ outcome: 'abandoned', endedAt: at })
      .where(and(
        isNull(dialogOutcomes.outcome),
        lt(dialogOutcomes.startedAt, idleSince),
        notInArray(dialogOutcomes.conversationId, activeConversations),
      )).returning({ id: dialogOutcomes.id });
    return abandoned.length;
  }

  /** Dialogs started in the window, and how many of them were abandoned. */
  async counts(window: { from?: number; to?: number } = {}): Promise<{ started: number; abandoned: number }> {
    const { dialogOutcomes } = this.tables;
    const inWindow = and(
      window.from === undefined ? undefined : gte(dialogOutcomes.startedAt, window.from),
      window.to === undefined ? undefined : lte(dialogOutcomes.startedAt, window.to),
    );
    const [started] = await this.db.select({ n: count() }).from(dialogOutcomes).where(inWindow);
    const [abandoned] = await this.db.select({ n: count() }).from(dialogOutcomes)
      .where(and(inWindow, eq(dialogOutcomes.outcome, 'abandoned')));
    return { started: started?.n ?? 0, abandoned: abandoned?.n ?? 0 };
  }
}
