import type { Catalog } from '../../catalog/catalog.js';
import type { RequestType } from '../../catalog/schema.js';
import type { Person } from '../../directory/person.js';

export interface PrecheckContext {
  catalog: Catalog;
  requestType: RequestType;
  requester: Person;
  fields: Record<string, unknown>;
}

/** A failed pre-check: what to tell the person and which field to ask again, if any. */
export interface PrecheckFailure {
  message: string;
  fieldId?: string;
}

/** A named pre-check from a request type's `prechecks:` list, run before the summary. */
export type Precheck = (ctx: PrecheckContext) => PrecheckFailure | undefined;
