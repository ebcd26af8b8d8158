import type { Integration } from '../../src/fulfilment/integration.js';
import type { IdentityCredentials } from './manifest.js';
import { addToGroup } from './operations/add-to-group.js';
import { createAccount } from './operations/create-account.js';
import { deactivateAccount } from './operations/deactivate-account.js';
import { lastLogin } from './operations/last-login.js';
import { grantAccess } from './operations/grant-access.js';
import { removeFromGroup } from './operations/remove-from-group.js';
import { resetPassword } from './operations/reset-password.js';
import { unlockAccount } from './operations/unlock-account.js';
import { IdentityTransport } from './transport.js';

/** The identity connector: one operation per file, one transport. */
export function identityIntegration(credentials: IdentityCredentials): Integration {
  const transport = new IdentityTransport(credentials);
  return {
    id: 'identity',
    operations: {
      'reset-password': resetPassword(transport),
      'unlock-account': unlockAccount(transport),
      'grant-access': grantAccess(transport),
      'create-account': createAccount(transport),
      'add-to-group': addToGroup(transport),
      'last-login': lastLogin(transport),
      'remove-from-group': removeFromGroup(transport),
      'deactivate-account': deactivateAccount(transport),
    },
  };
}
