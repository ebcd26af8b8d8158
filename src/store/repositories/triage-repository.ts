import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type TriageRow = Tables['triageItems']['$inferSelect'];

/** The queue of messages the engine could not place, for service-desk agents. */
export class TriageRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async insert(row: TriageRow): Promise<void> {
    await this.db.insert(this.tables.triageItems).values(row);
  }

  async find(id: string): Promise<TriageRow | undefined> {
    const { triageItems } = this.tables;
    return (await this.db.select().from(triageItems).where(eq(triageItems.id, id)).limit(1))[0];
  }

  async list(status?: string): Promise<TriageRow[]> {
    const { triageItems } = this.tables;
    return this.db.select().from(triageItems)
      .where(status === undefined ? undefined : eq(triageItems.status, status))
      .orderBy(asc(triageItems.createdAt), asc(triageItems.id));
  }

  /** The open item of a person's conversation, if one waits for an agent. */
  async findOpenFor(channel: string, conversationId: string, personId: string): Promise<TriageRow | undefined> {
    const { triageItems } = this.tables;
    return (await this.db.select().from(triageItems)
      .where(and(eq(triageItems.channel, channel), eq(triageItems.conversationId, conversationId), eq(triageItems.personId, personId), eq(triageItems.status, 'open')))
      .orderBy(asc(triageItems.createdAt)).limit(1))[0];
  }

  /** Folds a further message into an open item: its latest text, candidates, transcript and form. */
  async fold(id: string, update: Pick<TriageRow, 'text' | 'candidates' | 'transcript' | 'dialog'>): Promise<boolean> {
    const { triageItems } = this.tables;
    const folded = await this.db.update(triageItems).set(update)
      .where(and(eq(triageItems.id, id), eq(triageItems.status, 'open'))).returning({ id: triageItems.id });
    return folded.length > 0;
  }

  /** Resolves an open item; false when it was already resolved (the caller answers 409). */
  async resolve(id: string, resolution: unknown, resolvedBy: string, at: number): Promise<boolean> {
    const { triageItems } = this.tables;
    const resolved = await this.db.update(triageItems).set({ status: 'resolved', resolution, resolvedBy, resolvedAt: at })
      .where(and(eq(triageItems.id, id), eq(triageItems.status, 'open'))).returning({ id: triageItems.id });
    return resolved.length > 0;
  }
}
