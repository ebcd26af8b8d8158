import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ userId: z.string().regex(/^[\w-]{1,64}$/).optional(), login: z.email().optional(), email: z.email().optional() })
  .refine((i) => i.userId ?? i.login ?? i.email, { message: 'userId, login or email is required' });

/**
 * Deactivates an account (Okta's lifecycle/deactivate: sign-in ends, the account is kept): a
 * leaver's, or the one create-account made when a joiner's plan is given up (its result's
 * userId). Otherwise the login or email is looked up; an account already deactivated, or one
 * the system no longer has, is left as it is, so a repeated step changes nothing.
 */
export function deactivateAccount(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { userId, login, email } = parseInput('deactivate-account', schema, input);
    if (userId) {
      await transport.send('deactivate-account', 'POST', `/api/v1/users/${encodeURIComponent(userId)}/lifecycle/deactivate`, undefined, call);
      return { userId, deactivated: true };
    }
    const user = await transport.lookUpUser('deactivate-account', (login ?? email)!, call);
    if (!user) return { deactivated: false, reason: 'no such user' };
    if (user.status === 'DEPROVISIONED') return { userId: user.id, deactivated: true, already: true };
    await transport.send('deactivate-account', 'POST', `/api/v1/users/${encodeURIComponent(user.id)}/lifecycle/deactivate`, undefined, call);
    return { userId: user.id, deactivated: true };
  };
}
