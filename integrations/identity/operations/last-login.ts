import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../input.js';
import type { IdentityTransport } from '../transport.js';

const schema = z.object({ userId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });
const answer = z.object({ lastLogin: z.iso.datetime({ offset: true }).nullish() });

/**
 * When the account last signed in (Okta's `lastLogin`), or null while it never has: what a
 * sensitive answer kept until the first login waits for. Reads only.
 */
export function lastLogin(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const { userId } = parseInput('last-login', schema, input);
    const user = await transport.findUser('last-login', userId, { signal: ctx.signal });
    const parsed = answer.safeParse(user);
    return { userId, lastLogin: parsed.success ? (parsed.data.lastLogin ?? null) : null };
  };
}
