import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput, safeName } from '../../identity/input.js';
import { entitlementGroup } from '../../identity/operations/grant-access.js';
import type { ScimGroup } from '../scim-resources.js';
import type { CallOptions, ScimTransport } from '../transport.js';

const memberSchema = z.object({ email: z.email(), group: z.string().regex(safeName), duration: z.string().max(50).optional() });
const accessSchema = z.object({ email: z.email(), system: z.string().regex(safeName), level: z.enum(['read', 'write', 'admin']) });

/**
 * Adds the user to the group, or removes them, with one PATCH of the group's members
 * (RFC 7644 §3.5.2) and If-Match its version. When the group's answer lists its members, a
 * membership that is already as asked is left alone.
 */
export async function changeMembership(
  transport: ScimTransport,
  operation: string,
  email: string,
  groupName: string,
  member: boolean,
  call: CallOptions,
): Promise<{ userId: string; group: ScimGroup }> {
  const user = await transport.user(operation, email, call);
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
  return { userId: user.id, group };
}

export function addToGroup(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const { email, group, duration } = parseInput('add-to-group', memberSchema, input);
    const { userId, group: found } = await changeMembership(transport, 'add-to-group', email, group, true, { signal: ctx.signal });
    return { userId, groupId: found.id, group, duration: duration || null };
  };
}

export function removeFromGroup(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const { email, group } = parseInput('remove-from-group', memberSchema, input);
    const { userId, group: found } = await changeMembership(transport, 'remove-from-group', email, group, false, { signal: ctx.signal });
    return { userId, groupId: found.id, group };
  };
}

/** Access is membership of the entitlement group `access:<system>:<level>`, as with the Okta-style connector. */
export function grantAccess(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const { email, system, level } = parseInput('grant-access', accessSchema, input);
    const { userId, group } = await changeMembership(transport, 'grant-access', email, entitlementGroup(system, level), true, { signal: ctx.signal });
    return { userId, groupId: group.id, entitlement: group.displayName };
  };
}
