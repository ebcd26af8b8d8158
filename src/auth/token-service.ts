import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DirectoryProvider } from '../directory/person.js';
import { ValidationError } from '../errors.js';
import type { Store } from '../store/store.js';
import { roleSchema, type Principal, type Role } from './roles.js';

const tokenPrefix = 'fd_';

export const createTokenInputSchema = z.object({
  email: z.email('is not an email address').transform((e) => e.toLowerCase()),
  roles: z.array(roleSchema).min(1, 'needs at least one role'),
});

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Issues and resolves API bearer tokens; the plain token is shown once and never stored. */
export class TokenService {
  constructor(private readonly store: Store, private readonly directory: DirectoryProvider, private readonly now: () => number = Date.now) {}

  async create(input: { email: string; roles: string[] }): Promise<{ id: string; token: string; personId: string; roles: Role[] }> {
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
    await this.store.transaction(async (repos) => {
      await repos.apiTokens.add({ id, tokenHash: hashToken(token), personId: person.id, roles: tokenRoles, createdAt: this.now() });
      await repos.audit.add({
        at: this.now(), actorId: person.id, action: 'api-token.created', targetType: 'api-token', targetId: id,
        before: null, after: { personId: person.id, roles: tokenRoles }, reason: null, channel: 'cli',
      });
    });
    return { id, token, personId: person.id, roles: tokenRoles };
  }

  /** The principal of a presented token, or undefined for an unknown, revoked or orphaned one. */
  async resolve(token: string): Promise<Principal | undefined> {
    if (!token.startsWith(tokenPrefix) || token.length > 200) return undefined;
    const row = await this.store.read.apiTokens.findActiveByHash(hashToken(token));
    if (!row) return undefined;
    const person = await this.directory.findByEmail(row.personId);
    if (!person) return undefined;
    const tokenRoles = row.roles.filter((r): r is Role => roleSchema.safeParse(r).success);
    return { person, roles: tokenRoles, via: 'token' };
  }
}
