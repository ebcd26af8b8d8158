import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput, safeName } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ email: z.email(), account: z.string().regex(safeName).optional() });

export function unlockAccount(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { email, account } = parseInput('unlock-account', schema, input);
    const user = await transport.findUser('unlock-account', email, call);
    await transport.send('unlock-account', 'POST', `/api/v1/users/${encodeURIComponent(user.id)}/lifecycle/unlock`, undefined, call);
    return { userId: user.id, account: account ?? null, unlocked: true };
  };
}
