import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput, safeName } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ email: z.email(), account: z.string().regex(safeName).optional() });

/** Sends the user a one-time reset link; nobody ever sees a password. */
export function resetPassword(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { email, account } = parseInput('reset-password', schema, input);
    const user = await transport.findUser('reset-password', email, call);
    await transport.send('reset-password', 'POST', `/api/v1/users/${encodeURIComponent(user.id)}/lifecycle/reset_password?sendEmail=true`, undefined, call);
    return { userId: user.id, account: account ?? null, resetLinkSent: true };
  };
}
