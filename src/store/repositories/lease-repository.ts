import { eq, lt, or } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/**
 * Named leases (scheduled jobs) held by one process at a time until they expire. Taking one is a single upsert, so two replicas racing for it cannot
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
}
