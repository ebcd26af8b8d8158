import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { IntegrationError } from '../../../src/shared/errors.js';
import { parseInput, safeName } from '../input.js';
import type { CallOptions, IdentityGroup, IdentityTransport } from '../transport.js';

const personSchema = z.object({ email: z.email() });
/** `groups`: names separated by commas (a bundle's groups as a step's input carries them). */
export const groupListSchema = z.object({
  email: z.email(),
  groups: z.string().max(5_000).transform((text) => [...new Set(text.split(',').map((g) => g.trim()).filter(Boolean))]).pipe(z.array(z.string().regex(safeName)).max(100)),
});

/** The groups a user is a member of (Okta's users/{id}/groups); Okta's built-in "Everyone" is nobody's to change and left out. */
async function groupsOf(transport: IdentityTransport, operation: string, userId: string, call: CallOptions): Promise<IdentityGroup[]> {
  const groups = await transport.send<Array<IdentityGroup & { type?: string }>>(operation, 'GET', `/api/v1/users/${encodeURIComponent(userId)}/groups`, undefined, call);
  if (!Array.isArray(groups)) throw new IntegrationError('identity', operation, 'the identity system did not answer with a list of groups');
  return groups.filter((g) => g.type !== 'BUILT_IN');
}

/** Reads only: the names of the user's groups. */
export function listGroups(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const { email } = parseInput('list-groups', personSchema, input);
    const user = await transport.findUser('list-groups', email, { signal: ctx.signal });
    return { userId: user.id, groups: (await groupsOf(transport, 'list-groups', user.id, { signal: ctx.signal })).map((g) => g.profile.name) };
  };
}

/** A leaver's memberships, every one removed; a person the system no longer has holds none. */
export function removeAllGroups(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { email } = parseInput('remove-all-groups', personSchema, input);
    const user = await transport.lookUpUser('remove-all-groups', email, call);
    if (!user) return { removed: [], reason: 'no such user' };
    const groups = await groupsOf(transport, 'remove-all-groups', user.id, call);
    for (const group of groups) {
      // One key per membership: the system applies each removal once, however often the step runs.
      const each = { ...call, idempotencyKey: `${ctx.idempotencyKey}:${group.id}` };
      await transport.send('remove-all-groups', 'DELETE', `/api/v1/groups/${encodeURIComponent(group.id)}/users/${encodeURIComponent(user.id)}`, undefined, each);
    }
    return { userId: user.id, removed: groups.map((g) => g.profile.name) };
  };
}

/** Adds the user to each group named (a mover's new bundle), or removes them from each; memberships already as asked are no error. */
export function changeGroups(transport: IdentityTransport, member: boolean): IntegrationOperation {
  const operation = member ? 'add-to-groups' : 'remove-from-groups';
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { email, groups } = parseInput(operation, groupListSchema, input);
    const user = await transport.findUser(operation, email, call);
    for (const name of groups) {
      const group = await transport.findGroup(operation, name, call);
      const each = { ...call, idempotencyKey: `${ctx.idempotencyKey}:${group.id}` };
      await transport.send(operation, member ? 'PUT' : 'DELETE', `/api/v1/groups/${encodeURIComponent(group.id)}/users/${encodeURIComponent(user.id)}`, undefined, each);
    }
    return { userId: user.id, groups };
  };
}
