import { and, eq, isNull } from 'drizzle-orm';
import type { SqliteDb } from '../sqlite-database.js';
import { apiTokens } from '../schema/index.js';

export interface ApiTokenRow {
  id: string;
  personId: string;
  roles: string[];
  createdAt: number;
  revokedAt: number | null;
}

/** Bearer tokens: only the SHA-256 hash of a token is ever stored or looked up. */
export class ApiTokenRepository {
  constructor(private readonly db: SqliteDb) {}

  async add(row: { id: string; tokenHash: string; personId: string; roles: string[]; createdAt: number }): Promise<void> {
    this.db.insert(apiTokens).values(row).run();
  }

  async findActiveByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const row = this.db.select().from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt))).get();
    return row ? toRow(row) : undefined;
  }

  async listByPerson(personId: string): Promise<ApiTokenRow[]> {
    return this.db.select().from(apiTokens).where(eq(apiTokens.personId, personId)).all().map(toRow);
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const result = this.db.update(apiTokens).set({ revokedAt: at })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).run();
    return result.changes > 0;
  }
}

function toRow(row: typeof apiTokens.$inferSelect): ApiTokenRow {
  return {
    id: row.id,
    personId: row.personId,
    roles: Array.isArray(row.roles) ? (row.roles as string[]) : [],
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
