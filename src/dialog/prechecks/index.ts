import { licenceAvailable } from './licence-available.js';
import type { Precheck } from './precheck.js';
import { stockAvailable } from './stock-available.js';

export type { Precheck, PrecheckContext, PrecheckFailure } from './precheck.js';

/** Pre-checks by the name a request type uses in `prechecks:`; a new one is one line here. */
export const prechecks: Readonly<Record<string, Precheck>> = {
  'licence-available': licenceAvailable,
  'stock-available': stockAvailable,
};
