import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db, Tables } from '../database.js';

export interface ApiTokenRow {
  id: string;
  personId: string;
  roles: string[];
  createdAt: number;
  revokedAt: number | null;
  expiresAt: number | null;
  lastUsedAt: number | null;
  createdBy: string | null;
}

/** Bearer tokens: only the SHA-256 hash of a token is ever stored or looked up. */
export class ApiTokenRepository {
  constructor(private readonly db: Db, private readonly tables: Tables) {}

  async add(row: { id: string; tokenHash: string; personId: string; roles: string[]; createdAt: number; expiresAt: number; createdBy: string }): Promise<void> {
    await this.db.insert(this.tables.apiTokens).values(row);
  }

  async findActiveByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const { apiTokens } = this.tables;
    const [row] = await this.db.select().from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt))).limit(1);
    return row ? toRow(row) : undefined;
  }

  async find(id: string): Promise<ApiTokenRow | undefined> {
    const { apiTokens } = this.tables;
    const [row] = await this.db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
    return row ? toRow(row) : undefined;
  }

  async listByPerson(personId: string): Promise<ApiTokenRow[]> {
    const { apiTokens } = this.tables;
    return (await this.db.select().from(apiTokens).where(eq(apiTokens.personId, personId))).map(toRow);
  }

  /** Every token, newest first. */
  async list(): Promise<ApiTokenRow[]> {
    const { apiTokens } = this.tables;
    return (await this.db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt))).map(toRow);
  }

  /** Records a use, unless one was recorded since `unchangedSince`. */
  async markUsed(id: string, at: number, unchangedSince: number): Promise<void> {
    const { apiTokens } = this.tables;
    await this.db.update(apiTokens).set({ lastUsedAt: at })
      .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, unchangedSince))));
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const { apiTokens } = this.tables;
    const revoked = await this.db.update(apiTokens).set({ revokedAt: at })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
    return revoked.length > 0;
  }
}

function toRow(row: Tables['apiTokens']['$inferSelect']): ApiTokenRow {
  return {
    id: row.id,
    personId: row.personId,
    roles: Array.isArray(row.roles) ? (row.roles as string[]) : [],
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    createdBy: row.createdBy,
  };
}
