import { desc, eq } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { incidents } from '../schema/index.js';

export type IncidentRow = typeof incidents.$inferSelect;

/** Incident reports; numbered INC-1001 onwards through the sequences. */
export class IncidentRepository {
  constructor(private readonly db: SqliteDb) {}

  async insert(row: IncidentRow): Promise<void> {
    this.db.insert(incidents).values(row).run();
  }

  async byNumber(number: number): Promise<IncidentRow | undefined> {
    return this.db.select().from(incidents).where(eq(incidents.number, number)).get();
  }

  async ofPerson(personId: string): Promise<IncidentRow[]> {
    return this.db.select().from(incidents).where(eq(incidents.personId, personId)).orderBy(desc(incidents.createdAt)).all();
  }
}
