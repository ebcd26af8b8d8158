import { and, eq, lt, or } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/**
 * Named leases (a conversation's turn, a scheduled job) held by one process at a time
 * until they expire. Taking one is a single upsert, so two replicas racing for it cannot
 * both win; a holder that dies simply stops renewing.
 */
export class LeaseRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  /** Takes or renews the lease; false while another owner holds it unexpired. */
  async acquire(name: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    const { leases } = this.tables;
    const taken = await this.db.insert(leases).values({ name, owner, until: now + ttlMs })
      .onConflictDoUpdate({ target: leases.name, set: { owner, until: now + ttlMs }, setWhere: or(eq(leases.owner, owner), lt(leases.until, now)) })
      .returning({ name: leases.name });
    return taken.length === 1;
  }

  /** Gives the lease up early; false when this owner no longer held it. */
  async release(name: string, owner: string): Promise<boolean> {
    const { leases } = this.tables;
    const released = await this.db.delete(leases).where(and(eq(leases.name, name), eq(leases.owner, owner))).returning({ name: leases.name });
    return released.length === 1;
  }

  async holder(name: string, now: number): Promise<string | undefined> {
    const { leases } = this.tables;
    const [row] = await this.db.select().from(leases).where(eq(leases.name, name)).limit(1);
    return row && row.until >= now ? row.owner : undefined;
  }
}
