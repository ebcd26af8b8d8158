import { licenceAvailable } from './licence-available.js';
import type { Precheck, PrecheckContext, PrecheckFailure } from './precheck.js';
import { stockAvailable } from './stock-available.js';

export type { Precheck, PrecheckContext, PrecheckFailure } from './precheck.js';

/** Pre-checks by the name a request type uses in `prechecks:`; a new one is one line here. */
export const prechecks: Readonly<Record<string, Precheck>> = {
  'licence-available': licenceAvailable,
  'stock-available': stockAvailable,
};

/** The first of the request type's named pre-checks that fails on these answers, if any. */
export function firstNamedPrecheckFailure(ctx: PrecheckContext): PrecheckFailure | undefined {
  for (const name of ctx.requestType.prechecks) {
    // The catalog validator rejects unknown names at boot; a stale one is skipped, not fatal.
    const failure = prechecks[name]?.(ctx);
    if (failure) return failure;
  }
  return undefined;
}
