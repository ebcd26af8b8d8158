import { desc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type HrEventStatus = 'accepted' | 'rejected' | 'duplicate';
export type HrEventRow = Omit<Tables['hrEvents']['$inferSelect'], 'status' | 'body' | 'requestNumbers' | 'oldAccess'> & {
  status: HrEventStatus;
  body: unknown;
  requestNumbers: string[];
  oldAccess: string[] | null;
};

/** HR events as they arrived: each event id taken once, bad ones kept for review. */
export class HrEventRepository {
  constructor(
    private readonly db: Db,
    private readonly tables: Tables,
  ) {}

  /** Records the event as taking its id; false (nothing written) when another row holds that id. */
  async take(row: HrEventRow): Promise<boolean> {
    const { hrEvents: e } = this.tables;
    const taken = await this.db
      .insert(e)
      .values({ ...row, takenEventId: row.eventId })
      .onConflictDoNothing({ target: e.takenEventId })
      .returning({ id: e.id });
    return taken.length > 0;
  }

  /** Records an event that takes no id: rejected before it was taken, or a duplicate. */
  async record(row: HrEventRow): Promise<void> {
    await this.db.insert(this.tables.hrEvents).values({ ...row, takenEventId: null });
  }

  /** A taken event turned out bad: rejected with why, and its id given back for a corrected resend. */
  async reject(id: string, reason: string): Promise<void> {
    const { hrEvents: e } = this.tables;
    await this.db.update(e).set({ status: 'rejected', reason, takenEventId: null }).where(eq(e.id, id));
  }

  async settle(id: string, outcome: { requestNumbers: string[]; oldAccess?: string[] | null }): Promise<void> {
    const { hrEvents: e } = this.tables;
    await this.db.update(e).set({ requestNumbers: outcome.requestNumbers, oldAccess: outcome.oldAccess ?? null }).where(eq(e.id, id));
  }

  /** The row that took this event id (an accepted event), if any. */
  async findTaken(eventId: string): Promise<HrEventRow | undefined> {
    const { hrEvents: e } = this.tables;
    return (await this.db.select().from(e).where(eq(e.takenEventId, eventId)).limit(1))[0] as HrEventRow | undefined;
  }

  async findById(id: string): Promise<HrEventRow | undefined> {
    const { hrEvents: e } = this.tables;
    return (await this.db.select().from(e).where(eq(e.id, id)).limit(1))[0] as HrEventRow | undefined;
  }

  /** Most recent first, of one status when given. */
  async list(options: { status?: HrEventStatus; limit: number }): Promise<HrEventRow[]> {
    const { hrEvents: e } = this.tables;
    return (await this.db
      .select()
      .from(e)
      .where(options.status ? eq(e.status, options.status) : undefined)
      .orderBy(desc(e.receivedAt), desc(e.id))
      .limit(options.limit)) as HrEventRow[];
  }
}
