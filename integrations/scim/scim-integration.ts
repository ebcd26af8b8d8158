import type { Integration } from '../../src/fulfilment/integration.js';
import { scimManifest, type ScimCallSettings, type ScimCredentials } from './manifest.js';
import { createAccount } from './operations/create-account.js';
import { findUser } from './operations/find-user.js';
import { changeGroups, listGroups, removeAllGroups } from './operations/group-lists.js';
import { addToGroup, grantAccess, removeFromGroup } from './operations/group-membership.js';
import { notInScim } from './operations/not-in-scim.js';
import { setActive } from './operations/set-active.js';
import { updateUser } from './operations/update-user.js';
import { ScimTransport } from './transport.js';

/** The identity connector over SCIM 2.0: the catalog's identity operations, and the account lifecycle. */
export function scimIntegration(credentials: ScimCredentials, calls: Partial<ScimCallSettings> = {}): Integration {
  const transport = new ScimTransport(credentials, { ...scimManifest.defaultCalls, ...calls });
  return {
    id: scimManifest.id,
    policy: scimManifest.policy,
    operations: {
      'find-user': findUser(transport),
      'create-account': createAccount(transport),
      'update-user': updateUser(transport),
      'activate-account': setActive(transport, true),
      'deactivate-account': setActive(transport, false),
      'add-to-group': addToGroup(transport),
      'remove-from-group': removeFromGroup(transport),
      'grant-access': grantAccess(transport),
      'list-groups': listGroups(transport),
      'remove-all-groups': removeAllGroups(transport),
      'add-to-groups': changeGroups(transport, true),
      'remove-from-groups': changeGroups(transport, false),
      'reset-password': notInScim('reset-password', 'password reset link'),
      'unlock-account': notInScim('unlock-account', 'account lockout to unlock'),
    },
  };
}
