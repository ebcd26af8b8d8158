import { parseArgs } from 'node:util';
import { TokenService, roles } from '../auth/index.js';
import type { DirectoryProvider } from '../directory/person.js';
import type { Store } from '../store/store.js';
import { UsageError } from './usage-error.js';

export const tokenUsage = `Usage:
  npm run cli -- token create --email <email> --roles <role,...>

Roles: ${roles.join(', ')}
The token is printed alone on the last line; only its SHA-256 hash is stored.`;

/** `token create`: issues a bearer token for a directory person. Returns lines to print. */
export async function tokenCommand(args: string[], ctx: { store: Store; directory: DirectoryProvider }): Promise<string[]> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new UsageError(sub ? `Unknown token command "${sub}"` : 'Missing token command', tokenUsage);
  let values: { email?: string; roles?: string };
  try {
    ({ values } = parseArgs({ args: rest, options: { email: { type: 'string' }, roles: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : 'Invalid arguments', tokenUsage);
  }
  if (!values.email) throw new UsageError('--email is required', tokenUsage);
  if (!values.roles) throw new UsageError('--roles is required', tokenUsage);
  const created = await new TokenService(ctx.store, ctx.directory).create({
    email: values.email,
    roles: values.roles.split(',').map((r) => r.trim()).filter(Boolean),
  });
  return [`Token for ${created.personId} with roles ${created.roles.join(', ')} (id ${created.id}).`, 'Store it now: it cannot be shown again.', created.token];
}
