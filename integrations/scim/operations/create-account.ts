import type { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { IntegrationError } from '../../../src/shared/errors.js';
import { joinerSchema, parseInput } from '../../identity/input.js';
import { coreUserSchema, enterpriseUserSchema, type ScimUser } from '../scim-resources.js';
import type { CallOptions, ScimTransport } from '../transport.js';

type Joiner = z.infer<typeof joinerSchema>;

/**
 * Creates the joiner's user, inactive until their start date (activate-account turns it on),
 * with a userName in the company's domain and the step's idempotency key as externalId.
 * SCIM has no idempotency key, so the userName is looked up first: the joiner's own user (a
 * step called again after a lost answer, or a 409 from a create that raced another) is the
 * result; a user of that userName that is someone else's is refused, not taken over.
 */
export function createAccount(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { signal: ctx.signal };
    const joiner = parseInput('create-account', joinerSchema, input);
    const parts = joiner.name.split(/\s+/);
    const givenName = parts[0]!;
    const familyName = parts.length > 1 ? parts.slice(1).join(' ') : givenName;
    const local = `${givenName}.${familyName}`
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z.]/g, '');
    const userName = `${local}@${joiner.managerEmail.split('@')[1]!}`;
    const isTheJoiners = (user: ScimUser) =>
      user.externalId === ctx.idempotencyKey || (user.emails ?? []).some((e) => e.value.toLowerCase() === joiner.personalEmail.toLowerCase());
    const existing = await transport.findUser('create-account', userName, call);
    if (existing) return theJoiners(existing, userName, isTheJoiners);
    const manager = await transport.findUser('create-account', joiner.managerEmail, call);
    const created = await transport.createUser(
      'create-account',
      scimUserOf(joiner, { userName, givenName, familyName, externalId: ctx.idempotencyKey, managerId: manager?.id }),
      call,
    );
    if (created !== 'exists') return { userId: created.id, userName, active: created.active ?? false };
    return theJoiners(await found(transport, userName, call), userName, isTheJoiners);
  };
}

function theJoiners(user: ScimUser, userName: string, isTheJoiners: (user: ScimUser) => boolean): Record<string, unknown> {
  if (!isTheJoiners(user)) {
    throw new IntegrationError('identity', 'create-account', `the userName ${userName} belongs to another account; choose the joiner's userName by hand`);
  }
  return { userId: user.id, userName, active: user.active ?? false };
}

async function found(transport: ScimTransport, userName: string, call: CallOptions): Promise<ScimUser> {
  const user = await transport.findUser('create-account', userName, call);
  // 409 and then not found: the service is inconsistent for a moment; calling the step again later is right.
  if (!user) throw new IntegrationError('identity', 'create-account', `the SCIM service says ${userName} exists but does not find it`, { retryable: true });
  return user;
}

function scimUserOf(
  joiner: Joiner,
  user: { userName: string; givenName: string; familyName: string; externalId: string; managerId: string | undefined },
): Record<string, unknown> {
  const enterprise = {
    ...(joiner.department ? { department: joiner.department } : {}),
    ...(user.managerId ? { manager: { value: user.managerId } } : {}),
  };
  return {
    schemas: [coreUserSchema, ...(Object.keys(enterprise).length ? [enterpriseUserSchema] : [])],
    userName: user.userName,
    externalId: user.externalId,
    active: false,
    name: { givenName: user.givenName, familyName: user.familyName, formatted: joiner.name },
    displayName: joiner.name,
    emails: [
      { value: user.userName, type: 'work', primary: true },
      { value: joiner.personalEmail, type: 'home' },
    ],
    ...(joiner.title ? { title: joiner.title } : {}),
    ...(joiner.role ? { userType: joiner.role } : {}),
    ...(joiner.location ? { addresses: [{ type: 'work', locality: joiner.location }] } : {}),
    ...(Object.keys(enterprise).length ? { [enterpriseUserSchema]: enterprise } : {}),
  };
}
