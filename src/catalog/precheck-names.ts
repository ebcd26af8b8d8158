/**
 * Pre-checks a request type may name in `prechecks:`. Each is implemented under
 * src/requests/prechecks/ and run on every intake path; the loader refuses a name not listed here.
 */
export const precheckNames = [
  /** The chosen lookup item's `licencesAvailable` attribute is above zero. */
  'licence-available',
  /** The chosen option's `inStock` attribute is true. */
  'stock-available',
] as const;
