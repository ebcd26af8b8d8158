import { desc, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type IncidentRow = Tables['incidents']['$inferSelect'];

/** Incident reports; numbered INC-1001 onwards through the sequences. */
export class IncidentRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async insert(row: IncidentRow): Promise<void> {
    await this.db.insert(this.tables.incidents).values(row);
  }

  async byNumber(number: number): Promise<IncidentRow | undefined> {
    const { incidents } = this.tables;
    return (await this.db.select().from(incidents).where(eq(incidents.number, number)).limit(1))[0];
  }

  async ofPerson(personId: string): Promise<IncidentRow[]> {
    const { incidents } = this.tables;
    return this.db.select().from(incidents).where(eq(incidents.personId, personId)).orderBy(desc(incidents.createdAt));
  }

  /** Incidents nobody has closed yet, newest first. */
  async listOpen(limit = 100): Promise<IncidentRow[]> {
    const { incidents } = this.tables;
    return this.db.select().from(incidents).where(eq(incidents.status, 'open')).orderBy(desc(incidents.createdAt)).limit(limit);
  }
}
