import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { IntegrationError } from '../../../src/shared/errors.js';

/**
 * SCIM 2.0 provisions accounts; it has no password reset link and no lockout. The step fails
 * at once (nothing to retry) and appears for its team with this reason, to do by hand.
 */
export function notInScim(operation: string, what: string): IntegrationOperation {
  return () => Promise.reject(new IntegrationError('identity', operation, `SCIM 2.0 has no ${what}; do it in the identity system's own console`));
}
