import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type DirectoryPersonRow = Omit<Tables['directoryPeople']['$inferSelect'], 'groups'> & { groups: string[] };
export type DirectorySyncRow = Tables['directorySyncs']['$inferSelect'];
export interface ReconciliationReportRow<R = unknown> {
  id: number;
  createdAt: number;
  report: R;
}

/** The synced directory's people, its sync status and the reconciliation reports. */
export class DirectoryRepository {
  constructor(
    private readonly db: Db,
    private readonly tables: Tables,
  ) {}

  async person(id: string): Promise<DirectoryPersonRow | undefined> {
    const { directoryPeople: p } = this.tables;
    return (await this.db.select().from(p).where(eq(p.id, id)).limit(1))[0] as DirectoryPersonRow | undefined;
  }

  async people(): Promise<DirectoryPersonRow[]> {
    const { directoryPeople: p } = this.tables;
    return (await this.db.select().from(p).orderBy(asc(p.name), asc(p.id))) as DirectoryPersonRow[];
  }

  async reportsOf(managerEmail: string): Promise<DirectoryPersonRow[]> {
    const { directoryPeople: p } = this.tables;
    return (await this.db.select().from(p).where(eq(p.managerEmail, managerEmail)).orderBy(asc(p.name), asc(p.id))) as DirectoryPersonRow[];
  }

  async upsert(rows: DirectoryPersonRow[]): Promise<void> {
    const { directoryPeople: p } = this.tables;
    for (const row of rows) {
      const { id: _id, ...rest } = row;
      await this.db.insert(p).values(row).onConflictDoUpdate({ target: p.id, set: rest });
    }
  }

  async remove(ids: string[]): Promise<void> {
    const { directoryPeople: p } = this.tables;
    if (ids.length) await this.db.delete(p).where(inArray(p.id, ids));
  }

  async syncStatus(source: string): Promise<DirectorySyncRow | undefined> {
    const { directorySyncs: s } = this.tables;
    return (await this.db.select().from(s).where(eq(s.source, source)).limit(1))[0];
  }

  async recordSync(row: DirectorySyncRow): Promise<void> {
    const { directorySyncs: s } = this.tables;
    const { source: _source, ...rest } = row;
    await this.db.insert(s).values(row).onConflictDoUpdate({ target: s.source, set: rest });
  }

  async addReport<R>(createdAt: number, report: R): Promise<void> {
    await this.db.insert(this.tables.reconciliationReports).values({ createdAt, report });
  }

  async latestReport<R>(): Promise<ReconciliationReportRow<R> | undefined> {
    const { reconciliationReports: r } = this.tables;
    return (await this.db.select().from(r).orderBy(desc(r.id)).limit(1))[0] as ReconciliationReportRow<R> | undefined;
  }
}
