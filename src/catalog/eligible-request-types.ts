import type { Person } from '../directory/person.js';
import type { Catalog } from './catalog.js';
import type { RequestType } from './schema.js';

/** The request types this person may ask for, as the catalog's eligibility rules say (before any answer). */
export function eligibleRequestTypes(catalog: Catalog, requester: Person): RequestType[] {
  return catalog.requestTypes.filter((rt) => !rt.eligibility || catalog.evaluate(rt.eligibility.when, { requester, fields: {} }, rt));
}
