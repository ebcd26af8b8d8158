import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput, safeName } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ email: z.email(), system: z.string().regex(safeName), level: z.enum(['read', 'write', 'admin']) });

/** Access is membership of the entitlement group `access:<system>:<level>`. */
export function entitlementGroup(system: string, level: string): string {
  return `access:${system}:${level}`;
}

export function grantAccess(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { email, system, level } = parseInput('grant-access', schema, input);
    const user = await transport.findUser('grant-access', email, call);
    const group = await transport.findGroup('grant-access', entitlementGroup(system, level), call);
    await transport.send('grant-access', 'PUT', `/api/v1/groups/${encodeURIComponent(group.id)}/users/${encodeURIComponent(user.id)}`, undefined, call);
    return { userId: user.id, groupId: group.id, entitlement: group.profile.name };
  };
}
