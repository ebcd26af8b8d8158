import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput, safeName } from '../../identity/input.js';
import { entitlementGroup } from '../../identity/operations/grant-access.js';
import type { ScimGroup, ScimUser } from '../scim-resources.js';
import type { CallOptions, ScimTransport } from '../transport.js';

const memberSchema = z.object({ email: z.email(), group: z.string().regex(safeName), duration: z.string().max(50).optional() });
const accessSchema = z.object({ email: z.email(), system: z.string().regex(safeName), level: z.enum(['read', 'write', 'admin']) });

/**
 * Adds the user (found by the caller, once for all the groups it changes) to the group, or
 * removes them, with one PATCH of the group's members (RFC 7644 §3.5.2) and If-Match its
 * version. When the group's answer lists its members, a membership that is already as asked
 * is left alone.
 */
export async function changeMembership(
  transport: ScimTransport,
  operation: string,
  user: ScimUser,
  groupName: string,
  member: boolean,
  call: CallOptions,
): Promise<ScimGroup> {
  const group = await transport.group(operation, groupName, call);
  await transport.patch(
    operation,
    { path: 'Groups', current: group, reread: () => transport.groupById(operation, group.id, call) },
    (current) => {
      const isMember = current.members?.some((m) => m.value === user.id);
      if (isMember === member) return [];
      return member ? [{ op: 'add', path: 'members', value: [{ value: user.id }] }] : [{ op: 'remove', path: `members[value eq ${JSON.stringify(user.id)}]` }];
    },
    call,
  );
  return group;
}

export function addToGroup(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { signal: ctx.signal };
    const { email, group, duration } = parseInput('add-to-group', memberSchema, input);
    const user = await transport.user('add-to-group', email, call);
    const found = await changeMembership(transport, 'add-to-group', user, group, true, call);
    return { userId: user.id, groupId: found.id, group, duration: duration || null };
  };
}

export function removeFromGroup(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { signal: ctx.signal };
    const { email, group } = parseInput('remove-from-group', memberSchema, input);
    const user = await transport.user('remove-from-group', email, call);
    const found = await changeMembership(transport, 'remove-from-group', user, group, false, call);
    return { userId: user.id, groupId: found.id, group };
  };
}

/** Access is membership of the entitlement group `access:<system>:<level>`, as with the Okta-style connector. */
export function grantAccess(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { signal: ctx.signal };
    const { email, system, level } = parseInput('grant-access', accessSchema, input);
    const user = await transport.user('grant-access', email, call);
    const group = await changeMembership(transport, 'grant-access', user, entitlementGroup(system, level), true, call);
    return { userId: user.id, groupId: group.id, entitlement: group.displayName };
  };
}
