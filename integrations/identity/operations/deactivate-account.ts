import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ userId: z.string().regex(/^[\w-]{1,64}$/).optional(), login: z.email().optional(), email: z.email().optional() })
  .refine((i) => i.userId ?? i.login ?? i.email, { message: 'userId, login or email is required' });

/**
 * Deactivates an account (POST lifecycle/deactivate): what undoes create-account when a
 * joiner's plan is given up. The created account's userId (the step's result) is used when
 * given, else the login or email is looked up; a user the system no longer has is left alone.
 */
export function deactivateAccount(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const { userId, login, email } = parseInput('deactivate-account', schema, input);
    const id = userId ?? (await transport.lookUpUser('deactivate-account', (login ?? email)!, call))?.id;
    if (!id) return { deactivated: false, reason: 'no such user' };
    await transport.send('deactivate-account', 'POST', `/api/v1/users/${encodeURIComponent(id)}/lifecycle/deactivate`, undefined, call);
    return { userId: id, deactivated: true };
  };
}
