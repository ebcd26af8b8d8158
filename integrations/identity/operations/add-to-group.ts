import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput, safeName } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ email: z.email(), group: z.string().regex(safeName) });

export function addToGroup(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { email, group } = parseInput('add-to-group', schema, input);
    const user = await transport.findUser('add-to-group', email, call);
    const found = await transport.findGroup('add-to-group', group, call);
    await transport.send('add-to-group', 'PUT', `/api/v1/groups/${encodeURIComponent(found.id)}/users/${encodeURIComponent(user.id)}`, undefined, call);
    return { userId: user.id, groupId: found.id, group };
  };
}
