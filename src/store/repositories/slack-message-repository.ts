import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type SlackMessageKind = 'approval' | 'question';

export interface SlackMessageRef {
  channelId: string;
  ts: string;
  kind: SlackMessageKind;
  subject: string;
  personId: string | null;
  requestNumber: string | null;
  reply: unknown;
  open: boolean;
  createdAt: number;
}

/** Slack messages that change later (approval cards, open questions), by what they are about. */
export class SlackMessageRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async record(ref: SlackMessageRef): Promise<void> {
    const { slackMessages } = this.tables;
    await this.db.insert(slackMessages).values(ref).onConflictDoUpdate({
      target: [slackMessages.channelId, slackMessages.ts],
      set: { kind: ref.kind, subject: ref.subject, personId: ref.personId, requestNumber: ref.requestNumber, reply: ref.reply, open: ref.open },
    });
  }

  async about(kind: SlackMessageKind, subject: string, options: { openOnly?: boolean } = {}): Promise<SlackMessageRef[]> {
    const { slackMessages } = this.tables;
    const where = options.openOnly
      ? and(eq(slackMessages.kind, kind), eq(slackMessages.subject, subject), eq(slackMessages.open, true))
      : and(eq(slackMessages.kind, kind), eq(slackMessages.subject, subject));
    return await this.db.select().from(slackMessages).where(where).orderBy(asc(slackMessages.createdAt)) as SlackMessageRef[];
  }

  async openApprovalsOfRequest(requestNumber: string): Promise<SlackMessageRef[]> {
    const { slackMessages } = this.tables;
    return await this.db.select().from(slackMessages)
      .where(and(eq(slackMessages.kind, 'approval'), eq(slackMessages.requestNumber, requestNumber), eq(slackMessages.open, true)))
      .orderBy(asc(slackMessages.createdAt)) as SlackMessageRef[];
  }

  async find(channelId: string, ts: string): Promise<SlackMessageRef | undefined> {
    const { slackMessages } = this.tables;
    return (await this.db.select().from(slackMessages)
      .where(and(eq(slackMessages.channelId, channelId), eq(slackMessages.ts, ts))).limit(1))[0] as SlackMessageRef | undefined;
  }

  /** Closes the message with what it now shows; returns false when it was already closed. */
  async close(channelId: string, ts: string, reply: unknown): Promise<boolean> {
    const { slackMessages } = this.tables;
    const closed = await this.db.update(slackMessages).set({ open: false, reply })
      .where(and(eq(slackMessages.channelId, channelId), eq(slackMessages.ts, ts), eq(slackMessages.open, true)))
      .returning({ ts: slackMessages.ts });
    return closed.length === 1;
  }
}
