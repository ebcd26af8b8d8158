import { eq, sql } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

/**
 * Human-readable numbers: the first REQ is REQ-1001. One upsert takes the next number, so
 * on Postgres the row lock it holds until commit keeps concurrent callers from sharing one.
 */
export class SequenceRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async next(name: string, start = 1001): Promise<number> {
    const { sequences } = this.tables;
    const [row] = await this.db.insert(sequences).values({ name, value: start })
      .onConflictDoUpdate({ target: sequences.name, set: { value: sql`${sequences.value} + 1` } })
      .returning({ value: sequences.value });
    return row!.value;
  }

  async current(name: string): Promise<number | undefined> {
    const { sequences } = this.tables;
    return (await this.db.select().from(sequences).where(eq(sequences.name, name)).limit(1))[0]?.value;
  }
}
