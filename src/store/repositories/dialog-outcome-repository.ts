import { and, asc, count, eq, gte, isNull, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { conversations, dialogOutcomes } from '../schema/index.js';

export type DialogOutcome = 'submitted' | 'cancelled' | 'handed-off' | 'abandoned';

export interface DialogOutcomeRow {
  id: string;
  conversationId: string;
  personId: string;
  requestTypeId: string;
  startedAt: number;
  endedAt: number | null;
  outcome: string | null;
}

/** Every dialog started and how it ended; the basis of the abandonment rate. */
export class DialogOutcomeRepository {
  constructor(private readonly db: SqliteDb) {}

  async start(row: { id: string; conversationId: string; personId: string; requestTypeId: string; startedAt: number }): Promise<void> {
    this.db.insert(dialogOutcomes).values({ ...row, endedAt: null, outcome: null }).run();
  }

  /** Ends an open dialog; a dialog that already ended keeps its first outcome. */
  async end(id: string, outcome: DialogOutcome, at: number): Promise<boolean> {
    const result = this.db.update(dialogOutcomes).set({ outcome, endedAt: at })
      .where(and(eq(dialogOutcomes.id, id), isNull(dialogOutcomes.outcome))).run();
    return result.changes > 0;
  }

  async find(id: string): Promise<DialogOutcomeRow | undefined> {
    return this.db.select().from(dialogOutcomes).where(eq(dialogOutcomes.id, id)).get();
  }

  async ofConversation(conversationId: string): Promise<DialogOutcomeRow[]> {
    return this.db.select().from(dialogOutcomes).where(eq(dialogOutcomes.conversationId, conversationId)).orderBy(asc(dialogOutcomes.startedAt), sql`rowid`).all();
  }

  /** Open dialogs whose conversation has been quiet since `idleSince` become abandoned. */
  async markAbandoned(idleSince: number, at: number): Promise<number> {
    const activeConversations = this.db.select({ id: conversations.id }).from(conversations).where(gte(conversations.updatedAt, idleSince));
    const result = this.db.update(dialogOutcomes).set({ outcome: 'abandoned', endedAt: at })
      .where(and(
        isNull(dialogOutcomes.outcome),
        lt(dialogOutcomes.startedAt, idleSince),
        notInArray(dialogOutcomes.conversationId, activeConversations),
      )).run();
    return result.changes;
  }

  /** Dialogs started in the window, and how many of them were abandoned. */
  async counts(window: { from?: number; to?: number } = {}): Promise<{ started: number; abandoned: number }> {
    const inWindow = and(
      window.from === undefined ? undefined : gte(dialogOutcomes.startedAt, window.from),
      window.to === undefined ? undefined : lte(dialogOutcomes.startedAt, window.to),
    );
    const started = this.db.select({ n: count() }).from(dialogOutcomes).where(inWindow).get()?.n ?? 0;
    const abandoned = this.db.select({ n: count() }).from(dialogOutcomes)
      .where(and(inWindow, eq(dialogOutcomes.outcome, 'abandoned'))).get()?.n ?? 0;
    return { started, abandoned };
  }
}
