import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../../identity/input.js';
import type { ScimTransport } from '../transport.js';

const schema = z.object({ email: z.email() });

/** The user with this userName (the work email), or found: false. */
export function findUser(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const { email } = parseInput('find-user', schema, input);
    const user = await transport.findUser('find-user', email, { signal: ctx.signal });
    if (!user) return { found: false, userName: email.toLowerCase() };
    return { found: true, userId: user.id, userName: user.userName, active: user.active ?? null, externalId: user.externalId ?? null };
  };
}
