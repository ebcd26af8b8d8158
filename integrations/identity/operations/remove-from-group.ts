import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput, safeName } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ email: z.email(), group: z.string().regex(safeName) });

/** Ends a membership (time-bound access ran out). A person the system no longer has holds no access: nothing to remove. */
export function removeFromGroup(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { email, group } = parseInput('remove-from-group', schema, input);
    const user = await transport.lookUpUser('remove-from-group', email, call);
    if (!user) return { group, removed: false, reason: 'no such user' };
    const found = await transport.findGroup('remove-from-group', group, call);
    await transport.send('remove-from-group', 'DELETE', `/api/v1/groups/${encodeURIComponent(found.id)}/users/${encodeURIComponent(user.id)}`, undefined, call);
    return { userId: user.id, groupId: found.id, group, removed: true };
  };
}
