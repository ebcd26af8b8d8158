import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export interface ConversationRow {
  id: string;
  channel: string;
  personId: string;
  /** Unvalidated: the engine parses it and starts fresh when it does not fit. */
  state: unknown;
  createdAt: number;
  updatedAt: number;
}

export type ConversationClaim = { claimed: false } | { claimed: true; row?: ConversationRow };

/** The conversation engine's state per channel conversation; the key is `channel:conversationId`. */
export class ConversationRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  private get columns() {
    const { conversations: c } = this.tables;
    return { id: c.id, channel: c.channel, personId: c.personId, state: c.state, createdAt: c.createdAt, updatedAt: c.updatedAt };
  }

  async find(id: string): Promise<ConversationRow | undefined> {
    const { conversations } = this.tables;
    return (await this.db.select(this.columns).from(conversations).where(eq(conversations.id, id)).limit(1))[0];
  }

  /**
   * Takes the conversation for one turn, for `owner` until `now + leaseMs`, and returns its
   * row (none for a new conversation, which is created claimed with `emptyState`). Not
   * claimed while another owner's unexpired claim holds it; `save` ends the claim.
   */
  async claim(input: { id: string; channel: string; personId: string; emptyState: unknown; owner: string; now: number; leaseMs: number }): Promise<ConversationClaim> {
    const { conversations } = this.tables;
    const until = input.now + input.leaseMs;
    const [row] = await this.db.update(conversations).set({ claimedBy: input.owner, claimedUntil: until })
      .where(and(eq(conversations.id, input.id), or(isNull(conversations.claimedUntil), lt(conversations.claimedUntil, input.now), eq(conversations.claimedBy, input.owner))))
      .returning(this.columns);
    if (row) return { claimed: true, row };
    const created = await this.db.insert(conversations)
      .values({ id: input.id, channel: input.channel, personId: input.personId, state: input.emptyState, createdAt: input.now, updatedAt: input.now, claimedBy: input.owner, claimedUntil: until })
      .onConflictDoNothing()
      .returning({ id: conversations.id });
    return created.length ? { claimed: true } : { claimed: false };
  }

  /** Extends `owner`'s claim while a long turn runs. */
  async renewClaim(id: string, owner: string, until: number): Promise<void> {
    const { conversations } = this.tables;
    await this.db.update(conversations).set({ claimedUntil: until }).where(and(eq(conversations.id, id), eq(conversations.claimedBy, owner)));
  }

  /** Ends `owner`'s claim without saving (the turn failed). */
  async releaseClaim(id: string, owner: string): Promise<void> {
    const { conversations } = this.tables;
    await this.db.update(conversations).set({ claimedBy: null, claimedUntil: null }).where(and(eq(conversations.id, id), eq(conversations.claimedBy, owner)));
  }

  /** Saves the state after a turn and ends any claim on the conversation. */
  async save(row: { id: string; channel: string; personId: string; state: unknown; now: number }): Promise<void> {
    const { conversations } = this.tables;
    await this.db.insert(conversations)
      .values({ id: row.id, channel: row.channel, personId: row.personId, state: row.state, createdAt: row.now, updatedAt: row.now })
      .onConflictDoUpdate({ target: conversations.id, set: { state: row.state, personId: row.personId, updatedAt: row.now, claimedBy: null, claimedUntil: null } });
  }
}
