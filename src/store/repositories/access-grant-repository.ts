import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, notInArray, or } from 'drizzle-orm';
import type { Db, Dialect, Tables } from '../database.js';

type AccessGrantState = 'active' | 'removed' | 'failed';
export type AccessGrantRow = Omit<Tables['accessGrants']['$inferSelect'], 'input' | 'state'> & {
  input: Record<string, string>;
  state: AccessGrantState;
};

/** Access given for a time, removed by whichever replica claims it once it has ended. */
export class AccessGrantRepository {
  constructor(
    private readonly db: Db,
    private readonly tables: Tables,
    private readonly dialect: Dialect,
  ) {}

  /** One grant per request and step: a step recorded again (a replica took it over) adds nothing. */
  async record(row: AccessGrantRow): Promise<void> {
    const { accessGrants: g } = this.tables;
    await this.db
      .insert(g)
      .values(row)
      .onConflictDoNothing({ target: [g.requestId, g.stepId] });
  }

  /** A person's access still held (time-bound grants not yet removed). */
  async activeByPerson(personId: string): Promise<AccessGrantRow[]> {
    const { accessGrants: g } = this.tables;
    return (await this.db.select().from(g).where(and(eq(g.personId, personId), eq(g.state, 'active'))).orderBy(asc(g.createdAt))) as AccessGrantRow[];
  }

  async listByRequest(requestId: string): Promise<AccessGrantRow[]> {
    const { accessGrants: g } = this.tables;
    return (await this.db.select().from(g).where(eq(g.requestId, requestId)).orderBy(asc(g.createdAt))) as AccessGrantRow[];
  }

  async findById(id: string): Promise<AccessGrantRow | undefined> {
    const { accessGrants: g } = this.tables;
    return (await this.db.select().from(g).where(eq(g.id, id)).limit(1))[0] as AccessGrantRow | undefined;
  }

  /**
   * Records that `requestId` asks to extend the grant, if the grant still names `previous`
   * (null: never asked) as its extension; false when another click recorded one first.
   */
  async askExtension(id: string, requestId: string, previous: string | null, at: number): Promise<boolean> {
    const { accessGrants: g } = this.tables;
    const rows = await this.db
      .update(g)
      .set({ extensionRequestId: requestId, updatedAt: at })
      .where(and(eq(g.id, id), previous === null ? isNull(g.extensionRequestId) : eq(g.extensionRequestId, previous)))
      .returning({ id: g.id });
    return rows.length === 1;
  }

  /** The active grant an extension request extends, if any. */
  async extendedBy(requestId: string): Promise<AccessGrantRow | undefined> {
    const { accessGrants: g } = this.tables;
    return (await this.db.select().from(g).where(and(eq(g.extensionRequestId, requestId), eq(g.state, 'active'))).limit(1))[0] as AccessGrantRow | undefined;
  }

  /** Moves an active grant's end; its holder is warned again before the new end. */
  async extend(id: string, endsAt: number | null, at: number): Promise<boolean> {
    const { accessGrants: g } = this.tables;
    const rows = await this.db
      .update(g)
      .set({ endsAt, warnedAt: null, extensionRequestId: null, updatedAt: at })
      .where(and(eq(g.id, id), eq(g.state, 'active')))
      .returning({ id: g.id });
    return rows.length === 1;
  }

  /** Active grants ending after `now` and by `by` whose holder has not been warned yet. */
  async endingSoonUnwarned(now: number, by: number, limit = 100): Promise<AccessGrantRow[]> {
    const { accessGrants: g } = this.tables;
    return (await this.db
      .select()
      .from(g)
      .where(and(eq(g.state, 'active'), isNull(g.warnedAt), isNotNull(g.endsAt), gt(g.endsAt, now), lte(g.endsAt, by)))
      .orderBy(asc(g.endsAt))
      .limit(limit)) as AccessGrantRow[];
  }

  /** Marks the holder warned; false when another run warned them first. */
  async markWarned(id: string, at: number): Promise<boolean> {
    const { accessGrants: g } = this.tables;
    const rows = await this.db
      .update(g)
      .set({ warnedAt: at, updatedAt: at })
      .where(and(eq(g.id, id), isNull(g.warnedAt)))
      .returning({ id: g.id });
    return rows.length === 1;
  }

  /**
   * Claims active grants that have ended for `owner` until `now + leaseMs`, earliest first:
   * grants nobody holds and grants whose holder's lease ran out, but not those in `skip`
   * (tried already in this run). Rows another transaction is
   * claiming are passed over (SKIP LOCKED on Postgres).
   */
  async claimEnded(owner: string, now: number, leaseMs: number, options: { limit?: number; skip?: string[] } = {}): Promise<AccessGrantRow[]> {
    const { accessGrants: g } = this.tables;
    const due = await this.dialect.skipLocked(
      this.db
        .select({ id: g.id })
        .from(g)
        .where(
          and(
            eq(g.state, 'active'),
            isNotNull(g.endsAt),
            lte(g.endsAt, now),
            or(isNull(g.claimedUntil), lt(g.claimedUntil, now)),
            options.skip?.length ? notInArray(g.id, options.skip) : undefined,
          ),
        )
        .orderBy(asc(g.endsAt))
        .limit(options.limit ?? 20),
    );
    if (!due.length) return [];
    const claimed = (await this.db
      .update(g)
      .set({ claimedBy: owner, claimedUntil: now + leaseMs })
      .where(
        inArray(
          g.id,
          due.map((d) => d.id),
        ),
      )
      .returning()) as AccessGrantRow[];
    return claimed.sort((a, b) => (a.endsAt ?? 0) - (b.endsAt ?? 0));
  }

  async renewClaim(id: string, owner: string, until: number): Promise<void> {
    const { accessGrants: g } = this.tables;
    await this.db
      .update(g)
      .set({ claimedUntil: until })
      .where(and(eq(g.id, id), eq(g.claimedBy, owner)));
  }

  /** Records what the removal did, if `owner` still holds the grant; false when another replica took it over. */
  async finish(id: string, owner: string, patch: Pick<Partial<AccessGrantRow>, 'state' | 'attempts' | 'lastError' | 'updatedAt'>): Promise<boolean> {
    const { accessGrants: g } = this.tables;
    const rows = await this.db
      .update(g)
      .set({ ...patch, claimedBy: null, claimedUntil: null })
      .where(and(eq(g.id, id), eq(g.claimedBy, owner), eq(g.state, 'active')))
      .returning({ id: g.id });
    return rows.length === 1;
  }
}
