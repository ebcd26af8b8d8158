import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ email: z.email() });

/**
 * Deactivates a leaver's account (Okta's lifecycle/deactivate: sign-in ends, the account is
 * kept). An account already deactivated, or one the system no longer has, is left as it is,
 * so a repeated step changes nothing.
 */
export function deactivateAccount(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { email } = parseInput('deactivate-account', schema, input);
    const user = await transport.lookUpUser('deactivate-account', email, call);
    if (!user) return { deactivated: false, reason: 'no such user' };
    if (user.status === 'DEPROVISIONED') return { userId: user.id, deactivated: true, already: true };
    await transport.send('deactivate-account', 'POST', `/api/v1/users/${encodeURIComponent(user.id)}/lifecycle/deactivate`, undefined, call);
    return { userId: user.id, deactivated: true };
  };
}
