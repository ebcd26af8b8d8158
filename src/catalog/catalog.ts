import type { Person } from '../directory/person.js';
import type { Bundle, Condition, Field, Intent, Lookup, Option, RequestType } from './schema.js';

/** What a condition is evaluated against. */
export interface ConditionContext {
  requester: Person;
  /** Answers so far (field id -> value as stored: string, number, string[] for multi-choice, ISO date). */
  fields: Record<string, unknown>;
  /** The request's cost when known (for `cost: true` conditions). */
  cost?: number;
}

/**
 * The loaded, validated catalog (intents/, dialogs/, dialogs/lookups/). Immutable; a new
 * catalog version is a new object. Implemented in load-catalog.ts.
 */
export interface Catalog {
  /** sha256 over the content files; pinned on every request. */
  readonly version: string;
  readonly intents: readonly Intent[];
  readonly requestTypes: readonly RequestType[];
  readonly lookups: readonly Lookup[];
  /** Access bundles (bundles/): what a department and role get on day one. */
  readonly bundles: readonly Bundle[];
  intent(id: string): Intent | undefined;
  requestType(id: string): RequestType | undefined;
  lookup(id: string): Lookup | undefined;
  /** The intent that starts a request type. */
  intentForRequestType(requestTypeId: string): Intent | undefined;
  /** Options offered for a field (static or from its lookup), filtered by their `when`. */
  optionsFor(field: Field, ctx: ConditionContext): Option[];
  /** The option (or lookup item) a stored value stands for, unfiltered. */
  optionFor(field: Field, value: string): Option | undefined;
  /** Fields of a request type that are shown for these answers (showWhen holds). */
  visibleFields(requestType: RequestType, ctx: ConditionContext): Field[];
  evaluate(condition: Condition, ctx: ConditionContext, requestType?: RequestType): boolean;
  /** The cost of a request from its answers (fixed, or the chosen option's cost), if any. */
  costOf(requestType: RequestType, fields: Record<string, unknown>): number | undefined;
  /** The bundle for a department and role (the most specific one), if any bundle covers them. */
  bundleFor(department: string, role: string): Bundle | undefined;
  /** Catalog search for "what can I request": best matches first. */
  search(text: string, limit?: number): RequestType[];
  /** Fills `{fields.x}`, `{requester.name}`, `{requestType.title}` placeholders. */
  interpolate(template: string, ctx: ConditionContext & { requestType?: RequestType }): string;
}
