import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/** A channel's user and the directory person (email) the channel last said they are. */
export interface ChannelIdentityRow {
  channel: string;
  externalId: string;
  /** Null when the channel knows no email for the user. */
  personId: string | null;
  fetchedAt: number;
}

/** Channel user id <-> directory person, per channel. */
export class ChannelIdentityRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async find(channel: string, externalId: string): Promise<ChannelIdentityRow | undefined> {
    const { channelIdentities } = this.tables;
    return (await this.db.select().from(channelIdentities)
      .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalId, externalId))).limit(1))[0];
  }

  /** The person's latest known user on the channel. */
  async ofPerson(channel: string, personId: string): Promise<ChannelIdentityRow | undefined> {
    const { channelIdentities } = this.tables;
    return (await this.db.select().from(channelIdentities)
      .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.personId, personId)))
      .orderBy(desc(channelIdentities.fetchedAt)).limit(1))[0];
  }

  async save(row: ChannelIdentityRow): Promise<void> {
    const { channelIdentities } = this.tables;
    await this.db.insert(channelIdentities).values(row)
      .onConflictDoUpdate({ target: [channelIdentities.channel, channelIdentities.externalId], set: { personId: row.personId, fetchedAt: row.fetchedAt } });
  }
}
