import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { defaultTokenDays, TokenService, roles, type TokenOperator } from '../auth/index.js';
import type { DirectoryProvider } from '../directory/person.js';
import type { Store } from '../store/store.js';
import { UsageError } from './usage-error.js';

export const tokenUsage = `Usage:
  npm run cli -- token create --email <email> --roles <role,...> [--days <n>]
  npm run cli -- token list
  npm run cli -- token revoke <id>

Roles: ${roles.join(', ')}
A token expires after --days (default ${defaultTokenDays}). It is printed alone on the last
line; only its SHA-256 hash is stored. The operator (cli:<login>) is recorded in the audit trail.`;

/** `token create | list | revoke`: API bearer tokens for directory people. Returns lines to print. */
export async function tokenCommand(args: string[], ctx: { store: Store; directory: DirectoryProvider; operator?: string }): Promise<string[]> {
  const [sub, ...rest] = args;
  const service = new TokenService(ctx.store, ctx.directory);
  const operator: TokenOperator = { id: `cli:${ctx.operator ?? userInfo().username}`, channel: 'cli' };
  if (sub === 'create') return createToken(service, rest, operator);
  if (sub === 'list') return listTokens(service, rest);
  if (sub === 'revoke') return revokeToken(service, rest, operator);
  throw new UsageError(sub ? `Unknown token command "${sub}"` : 'Missing token command', tokenUsage);
}

function parsed<T extends Record<string, { type: 'string' }>>(args: string[], options: T, positionals = false): { values: Partial<Record<keyof T, string>>; positionals: string[] } {
  try {
    const result = parseArgs({ args, options, strict: true, allowPositionals: positionals });
    return { values: result.values as Partial<Record<keyof T, string>>, positionals: result.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'Invalid arguments', tokenUsage);
  }
}

async function createToken(service: TokenService, args: string[], operator: TokenOperator): Promise<string[]> {
  const { values } = parsed(args, { email: { type: 'string' }, roles: { type: 'string' }, days: { type: 'string' } });
  if (!values.email) throw new UsageError('--email is required', tokenUsage);
  if (!values.roles) throw new UsageError('--roles is required', tokenUsage);
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !Number.isInteger(days)) throw new UsageError('--days must be a whole number', tokenUsage);
  const created = await service.create({
    email: values.email,
    roles: values.roles.split(',').map((r) => r.trim()).filter(Boolean),
    ...(days !== undefined ? { expiresInDays: days } : {}),
  }, operator);
  return [`Token for ${created.personId} with roles ${created.roles.join(', ')} (id ${created.id}), expires ${created.expiresAt}.`, 'Store it now: it cannot be shown again.', created.token];
}

async function listTokens(service: TokenService, args: string[]): Promise<string[]> {
  parsed(args, {});
  const tokens = await service.list();
  if (!tokens.length) return ['No tokens.'];
  return tokens.map((t) => [t.id, t.state, t.personId, t.roles.join(','), `expires ${t.expiresAt}`, `last used ${t.lastUsedAt ?? 'never'}`, `by ${t.createdBy ?? 'unknown'}`].join('  '));
}

async function revokeToken(service: TokenService, args: string[], operator: TokenOperator): Promise<string[]> {
  const { positionals } = parsed(args, {}, true);
  const [id, extra] = positionals;
  if (!id || extra !== undefined) throw new UsageError('token revoke takes one token id (see token list)', tokenUsage);
  const revoked = await service.revoke(id, operator);
  return [`Token ${revoked.id} of ${revoked.personId} is revoked (${revoked.revokedAt}).`];
}
