import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type SentMessageKind = 'approval' | 'question';

/** Where a sent message is: the channel, the place in it (a Slack channel, a conversation) and its id there. */
export interface SentMessageAddress {
  channel: string;
  place: string;
  messageId: string;
}

export interface SentMessageRef extends SentMessageAddress {
  kind: SentMessageKind;
  subject: string;
  personId: string | null;
  requestNumber: string | null;
  reply: unknown;
  open: boolean;
  createdAt: number;
}

/** Messages a channel sent that change later (approval cards, open questions), by what they are about. */
export class ChannelMessageRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async record(ref: SentMessageRef): Promise<void> {
    const { channelMessages } = this.tables;
    await this.db.insert(channelMessages).values(ref).onConflictDoUpdate({
      target: [channelMessages.channel, channelMessages.place, channelMessages.messageId],
      set: { kind: ref.kind, subject: ref.subject, personId: ref.personId, requestNumber: ref.requestNumber, reply: ref.reply, open: ref.open },
    });
  }

  /** A channel's copies of what `subject` names (an approval id, a conversation key), oldest first. */
  async about(channel: string, kind: SentMessageKind, subject: string, options: { openOnly?: boolean } = {}): Promise<SentMessageRef[]> {
    const { channelMessages } = this.tables;
    const same = and(eq(channelMessages.channel, channel), eq(channelMessages.kind, kind), eq(channelMessages.subject, subject));
    const where = options.openOnly ? and(same, eq(channelMessages.open, true)) : same;
    return await this.db.select().from(channelMessages).where(where).orderBy(asc(channelMessages.createdAt)) as SentMessageRef[];
  }

  async find(address: SentMessageAddress): Promise<SentMessageRef | undefined> {
    const { channelMessages } = this.tables;
    return (await this.db.select().from(channelMessages).where(this.at(address)).limit(1))[0] as SentMessageRef | undefined;
  }

  /** Closes the message with what it now shows; returns false when it was already closed. */
  async close(address: SentMessageAddress, reply: unknown): Promise<boolean> {
    const { channelMessages } = this.tables;
    const closed = await this.db.update(channelMessages).set({ open: false, reply })
      .where(and(this.at(address), eq(channelMessages.open, true)))
      .returning({ messageId: channelMessages.messageId });
    return closed.length === 1;
  }

  private at(address: SentMessageAddress) {
    const { channelMessages } = this.tables;
    return and(eq(channelMessages.channel, address.channel), eq(channelMessages.place, address.place), eq(channelMessages.messageId, address.messageId));
  }
}
