import { eq, sql } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { sequences } from '../schema/index.js';

/** Human-readable numbers: the first REQ is REQ-1001. */
export class SequenceRepository {
  constructor(private readonly db: SqliteDb) {}

  async next(name: string, start = 1001): Promise<number> {
    const row = this.db.insert(sequences).values({ name, value: start })
      .onConflictDoUpdate({ target: sequences.name, set: { value: sql`${sequences.value} + 1` } })
      .returning({ value: sequences.value }).get();
    return row.value;
  }

  async current(name: string): Promise<number | undefined> {
    return this.db.select().from(sequences).where(eq(sequences.name, name)).get()?.value;
  }
}
