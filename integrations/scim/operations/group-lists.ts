import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../../identity/input.js';
import { groupListSchema } from '../../identity/operations/group-lists.js';
import type { ScimTransport } from '../transport.js';
import { changeMembership } from './group-membership.js';

const personSchema = z.object({ email: z.email() });

/** Reads only: the displayNames of the groups the user is a member of. */
export function listGroups(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const { email } = parseInput('list-groups', personSchema, input);
    const user = await transport.user('list-groups', email, { signal: ctx.signal });
    return { userId: user.id, groups: (await transport.groupsOf('list-groups', user.id, { signal: ctx.signal })).map((g) => g.displayName) };
  };
}

/** A leaver's memberships, every one removed (one PATCH per group); a person the service no longer has holds none. */
export function removeAllGroups(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { signal: ctx.signal };
    const { email } = parseInput('remove-all-groups', personSchema, input);
    const user = await transport.findUser('remove-all-groups', email, call);
    if (!user) return { removed: [], reason: 'no such user' };
    const groups = await transport.groupsOf('remove-all-groups', user.id, call);
    for (const group of groups) await changeMembership(transport, 'remove-all-groups', user, group.displayName, false, call);
    return { userId: user.id, removed: groups.map((g) => g.displayName) };
  };
}

/** Adds the user to each group named, or removes them from each; memberships already as asked are left alone. */
export function changeGroups(transport: ScimTransport, member: boolean): IntegrationOperation {
  const operation = member ? 'add-to-groups' : 'remove-from-groups';
  return async (input, ctx) => {
    const call = { signal: ctx.signal };
    const { email, groups } = parseInput(operation, groupListSchema, input);
    // No groups named: nothing to change, and nobody to look up.
    if (!groups.length) return { userId: '', groups };
    const user = await transport.user(operation, email, call);
    for (const name of groups) await changeMembership(transport, operation, user, name, member, call);
    return { userId: user.id, groups };
  };
}
