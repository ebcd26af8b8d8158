import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../../identity/input.js';
import type { ScimTransport } from '../transport.js';

const schema = z.object({ email: z.email() });

/**
 * activate-account and deactivate-account: `active` replaced with PATCH (RFC 7643 §4.1.1),
 * If-Match the version read. A user already in that state is left alone, so a repeated step
 * changes nothing.
 */
export function setActive(transport: ScimTransport, active: boolean): IntegrationOperation {
  const operation = active ? 'activate-account' : 'deactivate-account';
  return async (input, ctx) => {
    const call = { signal: ctx.signal };
    const { email } = parseInput(operation, schema, input);
    const user = await transport.user(operation, email, call);
    await transport.patch(
      operation,
      { path: 'Users', current: user, reread: () => transport.userById(operation, user.id, call) },
      (current) => (current.active === active ? [] : [{ op: 'replace', path: 'active', value: active }]),
      call,
    );
    return { userId: user.id, userName: user.userName, active };
  };
}
