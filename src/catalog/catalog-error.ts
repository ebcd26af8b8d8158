import { ErrorCode, FrontdoorError } from '../shared/errors.js';

/**
 * The catalog files cannot be used. Carries every problem found, each as
 * `<file relative to the catalog root>: <field path>: <message>`, so an admin fixes them
 * all in one pass instead of one per boot.
 */
export class CatalogError extends FrontdoorError {
  constructor(readonly problems: string[]) {
    super(ErrorCode.Catalog, `The catalog has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { details: problems });
    this.name = 'CatalogError';
  }
}
