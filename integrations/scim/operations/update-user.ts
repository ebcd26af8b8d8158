import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../../identity/input.js';
import { enterpriseUserSchema, type PatchOperation } from '../scim-resources.js';
import type { ScimTransport } from '../transport.js';

const schema = z
  .object({
    email: z.email(),
    displayName: z.string().trim().min(1).max(200).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    department: z.string().trim().min(1).max(100).optional(),
    managerEmail: z.email().optional(),
  })
  .refine((u) => u.displayName ?? u.title ?? u.department ?? u.managerEmail, { message: 'names nothing to change' });

/**
 * A mover's changes: title, display name, and the enterprise extension's department and
 * manager (the manager's user looked up by userName), in one PATCH with If-Match.
 */
export function updateUser(transport: ScimTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { signal: ctx.signal };
    const change = parseInput('update-user', schema, input);
    const user = await transport.user('update-user', change.email, call);
    const manager = change.managerEmail ? await transport.user('update-user', change.managerEmail, call) : undefined;
    const operations: PatchOperation[] = [
      ...(change.displayName ? [{ op: 'replace' as const, path: 'displayName', value: change.displayName }] : []),
      ...(change.title ? [{ op: 'replace' as const, path: 'title', value: change.title }] : []),
      ...(change.department ? [{ op: 'replace' as const, path: `${enterpriseUserSchema}:department`, value: change.department }] : []),
      ...(manager ? [{ op: 'replace' as const, path: `${enterpriseUserSchema}:manager`, value: { value: manager.id } }] : []),
    ];
    await transport.patch(
      'update-user',
      { path: 'Users', current: user, reread: () => transport.userById('update-user', user.id, call) },
      () => operations,
      call,
    );
    return { userId: user.id, userName: user.userName, changed: operations.map((o) => o.path!.split(':').at(-1)!) };
  };
}
