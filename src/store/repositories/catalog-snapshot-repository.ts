import { and, eq } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export type CatalogSnapshotRow = Omit<Tables['catalogSnapshots']['$inferSelect'], 'definition'> & { definition: unknown };

/** Request type definitions as requests were made under them: written once, never changed. */
export class CatalogSnapshotRepository {
  constructor(
    private readonly db: Db,
    private readonly tables: Tables,
  ) {}

  async find(requestTypeId: string, version: number): Promise<CatalogSnapshotRow | undefined> {
    const { catalogSnapshots: s } = this.tables;
    return (
      await this.db
        .select()
        .from(s)
        .where(and(eq(s.requestTypeId, requestTypeId), eq(s.version, version)))
        .limit(1)
    )[0];
  }

  /** Stores the snapshot unless one of this id and version is there already; returns the one stored. */
  async keep(row: CatalogSnapshotRow): Promise<CatalogSnapshotRow> {
    const { catalogSnapshots: s } = this.tables;
    await this.db
      .insert(s)
      .values(row)
      .onConflictDoNothing({ target: [s.requestTypeId, s.version] });
    return (await this.find(row.requestTypeId, row.version))!;
  }

  /** Every kept version's hash (for the check at boot). */
  async hashes(): Promise<Array<Pick<CatalogSnapshotRow, 'requestTypeId' | 'version' | 'contentHash'>>> {
    const { catalogSnapshots: s } = this.tables;
    return this.db.select({ requestTypeId: s.requestTypeId, version: s.version, contentHash: s.contentHash }).from(s);
  }
}
