import { and, desc, eq, gt, gte, asc, count, inArray, lt, max, isNotNull, ne } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/** An activity as Direct Line clients see it; the repository only assigns `id`. */
export type StoredActivity = Record<string, unknown> & { id: string };

export interface DirectLineConversation {
  id: string;
  personId: string | null;
  createdAt: number;
  lastSeenAt: number;
}

/**
 * Direct Line conversations of the local web chat and their activities. The watermark of a
 * conversation is the `seq` of its latest activity, so a client polling with a watermark gets
 * exactly what was appended after it.
 */
export class DirectLineRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async createConversation(input: { id: string; personId?: string; now: number }): Promise<DirectLineConversation> {
    const row = { id: input.id, personId: input.personId ?? null, createdAt: input.now, lastSeenAt: input.now };
    await this.db.insert(this.tables.directlineConversations).values(row).onConflictDoNothing();
    return (await this.findConversation(input.id)) ?? row;
  }

  async findConversation(id: string): Promise<DirectLineConversation | undefined> {
    const { directlineConversations } = this.tables;
    return (await this.db.select().from(directlineConversations).where(eq(directlineConversations.id, id)).limit(1))[0];
  }

  /** Records who is talking in the conversation, so proactive messages can find it. */
  async touchConversation(id: string, input: { personId?: string; now: number }): Promise<void> {
    const { directlineConversations } = this.tables;
    const set = input.personId ? { personId: input.personId, lastSeenAt: input.now } : { lastSeenAt: input.now };
    await this.db.update(directlineConversations).set(set).where(eq(directlineConversations.id, id));
  }

  /** The conversation the person used last, if they have one. */
  async latestConversationOf(personId: string): Promise<DirectLineConversation | undefined> {
    const { directlineConversations } = this.tables;
    return (await this.db.select().from(directlineConversations)
      .where(and(isNotNull(directlineConversations.personId), eq(directlineConversations.personId, personId)))
      .orderBy(desc(directlineConversations.lastSeenAt), desc(directlineConversations.createdAt))
      .limit(1))[0];
  }

  /**
   * Appends activities in order and returns them with their ids. Call inside a store
   * transaction: the next sequence number is read and written in one go.
   */
  async append(conversationId: string, activities: Array<Record<string, unknown>>, now: number): Promise<StoredActivity[]> {
    const { directlineActivities } = this.tables;
    const [current] = await this.db.select({ seq: max(directlineActivities.seq) }).from(directlineActivities)
      .where(eq(directlineActivities.conversationId, conversationId));
    let seq = current?.seq ?? 0;
    const stored: StoredActivity[] = [];
    const rows = activities.map((activity) => {
      seq += 1;
      const withId: StoredActivity = { ...activity, id: activityId(conversationId, seq) };
      stored.push(withId);
      return { conversationId, seq, activity: withId, createdAt: now };
    });
    if (rows.length) await this.db.insert(directlineActivities).values(rows);
    return stored;
  }

  async findActivity(conversationId: string, id: string): Promise<StoredActivity | undefined> {
    const { directlineActivities } = this.tables;
    const seq = seqOf(conversationId, id);
    if (seq === undefined) return undefined;
    const [row] = await this.db.select({ activity: directlineActivities.activity }).from(directlineActivities)
      .where(and(eq(directlineActivities.conversationId, conversationId), eq(directlineActivities.seq, seq))).limit(1);
    return row?.activity as StoredActivity | undefined;
  }

  /**
   * Shows `activity` in place of a stored one (its id and place kept). A client reading the
   * conversation from the start sees the new version where the old one was; a client that
   * already read the old one gets the new version after its watermark, with the same id, and
   * Web Chat shows it in place of the old (it keeps one activity per id, ordered by
   * timestamp). Call inside a store transaction.
   */
  async replaceActivity(conversationId: string, id: string, activity: Record<string, unknown>, now: number = Date.now()): Promise<boolean> {
    const { directlineActivities } = this.tables;
    const seq = seqOf(conversationId, id);
    if (seq === undefined) return false;
    const replaced = await this.db.update(directlineActivities).set({ activity: { ...activity, id } })
      .where(and(eq(directlineActivities.conversationId, conversationId), eq(directlineActivities.seq, seq)))
      .returning({ seq: directlineActivities.seq });
    if (replaced.length !== 1) return false;
    const [current] = await this.db.select({ seq: max(directlineActivities.seq) }).from(directlineActivities)
      .where(eq(directlineActivities.conversationId, conversationId));
    await this.db.insert(directlineActivities).values({ conversationId, seq: (current?.seq ?? 0) + 1, activity: { ...activity, id }, createdAt: now });
    return true;
  }

  /** The latest `limit` activities of the conversation, newest first (revisions included). */
  async latestActivities(conversationId: string, limit: number): Promise<StoredActivity[]> {
    const { directlineActivities } = this.tables;
    const rows = await this.db.select({ activity: directlineActivities.activity }).from(directlineActivities)
      .where(eq(directlineActivities.conversationId, conversationId))
      .orderBy(desc(directlineActivities.seq)).limit(limit);
    return rows.map((r) => r.activity as StoredActivity);
  }

  /**
   * Activities appended to the person's other conversations after each was last read, that
   * `keep` selects, oldest first, with where they are (to mark them handed on).
   */
  async unreadOf(personId: string, exceptConversationId: string, keep: (activity: StoredActivity) => boolean, limit = 50): Promise<Array<{ conversationId: string; activity: StoredActivity }>> {
    const { directlineConversations: c, directlineActivities: a } = this.tables;
    const rows = await this.db.select({ conversationId: a.conversationId, activity: a.activity }).from(a)
      .innerJoin(c, eq(c.id, a.conversationId))
      .where(and(eq(c.personId, personId), ne(c.id, exceptConversationId), gt(a.createdAt, c.lastSeenAt)))
      .orderBy(asc(a.createdAt), asc(a.seq)).limit(limit * 4);
    return rows.map((r) => ({ conversationId: r.conversationId, activity: r.activity as StoredActivity }))
      .filter((r) => keep(r.activity)).slice(0, limit);
  }

  /** Changes a stored activity without showing it again (bookkeeping a client never sees). */
  async rewriteActivity(conversationId: string, id: string, activity: Record<string, unknown>): Promise<void> {
    const { directlineActivities } = this.tables;
    const seq = seqOf(conversationId, id);
    if (seq === undefined) return;
    await this.db.update(directlineActivities).set({ activity: { ...activity, id } })
      .where(and(eq(directlineActivities.conversationId, conversationId), eq(directlineActivities.seq, seq)));
  }

  async removeActivity(conversationId: string, id: string): Promise<void> {
    const { directlineActivities } = this.tables;
    const seq = seqOf(conversationId, id);
    if (seq === undefined) return;
    await this.db.delete(directlineActivities).where(and(eq(directlineActivities.conversationId, conversationId), eq(directlineActivities.seq, seq)));
  }

  /**
   * Activities after the watermark (from the start without one) and the new watermark, at
   * most `limit.rows` of them and about `limit.bytes` of JSON (always at least one): a client
   * behind polls again from the watermark for the rest.
   */
  async activitiesAfter(conversationId: string, watermark: number | undefined, limit: { rows: number; bytes: number } = { rows: 100, bytes: 256 * 1024 }): Promise<{ activities: StoredActivity[]; watermark: number }> {
    const { directlineActivities } = this.tables;
    const after = watermark ?? 0;
    const rows = await this.db.select().from(directlineActivities)
      .where(and(eq(directlineActivities.conversationId, conversationId), gt(directlineActivities.seq, after)))
      .orderBy(asc(directlineActivities.seq)).limit(limit.rows);
    const taken: typeof rows = [];
    let bytes = 0;
    for (const row of rows) {
      bytes += JSON.stringify(row.activity).length;
      if (taken.length && bytes > limit.bytes) break;
      taken.push(row);
    }
    const last = taken.at(-1)?.seq ?? after;
    return { activities: current(conversationId, taken, after), watermark: last };
  }

  async countActivities(conversationId: string): Promise<number> {
    const { directlineActivities } = this.tables;
    const [row] = await this.db.select({ n: count() }).from(directlineActivities).where(eq(directlineActivities.conversationId, conversationId));
    return Number(row?.n ?? 0);
  }

  /** Conversations the person has opened since `since`. */
  async countConversationsOf(personId: string, since: number): Promise<number> {
    const { directlineConversations } = this.tables;
    const [row] = await this.db.select({ n: count() }).from(directlineConversations)
      .where(and(eq(directlineConversations.personId, personId), gte(directlineConversations.createdAt, since)));
    return Number(row?.n ?? 0);
  }

  /** Removes conversations nobody has used since `before`, with their activities; returns how many. */
  async purgeIdle(before: number, batch = 500): Promise<number> {
    const { directlineConversations, directlineActivities } = this.tables;
    const idle = (await this.db.select({ id: directlineConversations.id }).from(directlineConversations)
      .where(lt(directlineConversations.lastSeenAt, before)).limit(batch)).map((r) => r.id);
    if (!idle.length) return 0;
    await this.db.delete(directlineActivities).where(inArray(directlineActivities.conversationId, idle));
    await this.db.delete(directlineConversations).where(inArray(directlineConversations.id, idle));
    return idle.length;
  }
}

/** The sequence number of an activity id of the conversation, or undefined for any other id. */
function seqOf(conversationId: string, id: string): number | undefined {
  const prefix = `${conversationId}|`;
  const seq = id.startsWith(prefix) ? Number(id.slice(prefix.length)) : NaN;
  return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}

function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/**
 * One version per activity id: a revision of an activity the client has not read yet is
 * already in that activity's row, and of several revisions only the last counts.
 */
function current(conversationId: string, rows: Array<{ seq: number; activity: unknown }>, after: number): StoredActivity[] {
  const lastRevision = new Map<string, number>();
  for (const row of rows) lastRevision.set((row.activity as StoredActivity).id, row.seq);
  return rows.filter((row) => {
    const id = (row.activity as StoredActivity).id;
    const original = seqOf(conversationId, id);
    if (original === row.seq) return true;
    return original !== undefined && original <= after && lastRevision.get(id) === row.seq;
  }).map((row) => row.activity as StoredActivity);
}
