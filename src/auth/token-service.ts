import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DirectoryProvider } from '../directory/person.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { ApiTokenRow } from '../store/repositories/api-token-repository.js';
import type { Store } from '../store/store.js';
import { roleSchema, type Principal, type Role } from './roles.js';

const tokenPrefix = 'fd_';
const day = 24 * 60 * 60 * 1000;
export const defaultTokenDays = 90;
/** A use is recorded at most this often per token: reads stay reads. */
const usageResolutionMs = 60_000;

export const createTokenInputSchema = z.object({
  email: z.email('is not an email address').transform((e) => e.toLowerCase()),
  roles: z.array(roleSchema).min(1, 'needs at least one role'),
  expiresInDays: z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(defaultTokenDays),
});

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as administrators see it: never the token itself, which is shown once. */
export interface TokenView {
  id: string;
  personId: string;
  roles: string[];
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

/** Who made a change to tokens, for the audit trail: an administrator, or an operator at the CLI. */
export interface TokenOperator { id: string; channel: 'cli' | 'api' }

/** Issues, resolves, lists and revokes API bearer tokens; the plain token is shown once and never stored. */
export class TokenService {
  constructor(private readonly store: Store, private readonly directory: DirectoryProvider, private readonly now: () => number = Date.now) {}

  async create(input: { email: string; roles: string[]; expiresInDays?: number }, operator: TokenOperator): Promise<{ id: string; token: string; personId: string; roles: Role[]; expiresAt: string }> {
    const parsed = createTokenInputSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'input')] ??= issue.message;
      throw new ValidationError('Invalid token request', fieldErrors);
    }
    const person = await this.directory.findByEmail(parsed.data.email);
    if (!person) throw new ValidationError('Invalid token request', { email: `${parsed.data.email} is not in the directory` });
    const token = tokenPrefix + randomBytes(32).toString('base64url');
    const id = randomUUID();
    const tokenRoles = [...new Set(parsed.data.roles)];
    const at = this.now();
    const expiresAt = at + parsed.data.expiresInDays * day;
    await this.store.transaction(async (repos) => {
      await repos.apiTokens.add({ id, tokenHash: hashToken(token), personId: person.id, roles: tokenRoles, createdAt: at, expiresAt, createdBy: operator.id });
      await repos.audit.add({
        at, actorId: operator.id, action: 'api-token.created', targetType: 'api-token', targetId: id,
        before: null, after: { personId: person.id, roles: tokenRoles, expiresAt: new Date(expiresAt).toISOString() }, reason: null, channel: operator.channel,
      });
    });
    return { id, token, personId: person.id, roles: tokenRoles, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The principal of a presented token, or undefined for an unknown, expired, revoked or orphaned one. */
  async resolve(token: string): Promise<Principal | undefined> {
    if (!token.startsWith(tokenPrefix) || token.length > 200) return undefined;
    const row = await this.store.read.apiTokens.findActiveByHash(hashToken(token));
    if (!row || this.stateOf(row) !== 'active') return undefined;
    const person = await this.directory.findByEmail(row.personId);
    if (!person) return undefined;
    const at = this.now();
    if (row.lastUsedAt === null || row.lastUsedAt < at - usageResolutionMs) {
      await this.store.transaction((repos) => repos.apiTokens.markUsed(row.id, at, at - usageResolutionMs));
    }
    const tokenRoles = row.roles.filter((r): r is Role => roleSchema.safeParse(r).success);
    return { person, roles: tokenRoles, via: 'token', tokenId: row.id };
  }

  /** Whether the token is still good: web chat tokens issued from it die with it. */
  async isActive(id: string): Promise<boolean> {
    const row = await this.store.read.apiTokens.find(id);
    return row !== undefined && this.stateOf(row) === 'active';
  }

  async list(): Promise<TokenView[]> {
    return (await this.store.read.apiTokens.list()).map((row) => this.view(row));
  }

  async revoke(id: string, operator: TokenOperator): Promise<TokenView> {
    const at = this.now();
    const revoked = await this.store.transaction(async (repos) => {
      const row = await repos.apiTokens.find(id);
      if (!row) return undefined;
      if (await repos.apiTokens.revoke(id, at)) {
        await repos.audit.add({
          at, actorId: operator.id, action: 'api-token.revoked', targetType: 'api-token', targetId: id,
          before: { revokedAt: null }, after: { revokedAt: new Date(at).toISOString() }, reason: null, channel: operator.channel,
        });
      }
      return repos.apiTokens.find(id);
    });
    if (!revoked) throw new NotFoundError(`No token ${id}`);
    return this.view(revoked);
  }

  private stateOf(row: ApiTokenRow): TokenView['state'] {
    if (row.revokedAt !== null) return 'revoked';
    const expiresAt = row.expiresAt ?? row.createdAt + defaultTokenDays * day;
    return expiresAt <= this.now() ? 'expired' : 'active';
  }

  private view(row: ApiTokenRow): TokenView {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: row.id, personId: row.personId, roles: row.roles, createdAt: new Date(row.createdAt).toISOString(), createdBy: row.createdBy,
      expiresAt: iso(row.expiresAt ?? row.createdAt + defaultTokenDays * day), lastUsedAt: iso(row.lastUsedAt), revokedAt: iso(row.revokedAt), state: this.stateOf(row),
    };
  }
}
