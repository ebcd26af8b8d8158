import { z } from 'zod';
import { patternProblem } from './text-limits.js';

/**
 * The shapes of the declarative content an admin edits: intents/*.yaml, dialogs/*.yaml
 * (request types: catalog metadata plus the form) and dialogs/lookups/*.yaml.
 * Everything here is validated at boot; the loader names the file and field on error.
 */

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');

/**
 * A condition on the requester's profile, an earlier answer, or the request's cost.
 * Exactly one subject (field, profile, group, cost) or one combinator (all, any, not).
 * `attribute` reads an attribute of the chosen lookup item or option (e.g. restricted).
 */
export interface Condition {
  field?: string;
  attribute?: string;
  profile?: 'role' | 'department' | 'location' | 'title' | 'costCentre';
  group?: string;
  cost?: true;
  equals?: string | number | boolean;
  in?: Array<string | number>;
  notIn?: Array<string | number>;
  exists?: boolean;
  over?: number;
  /** On a person field: holds when the answer is (true) or is not (false) the requester. */
  isRequester?: boolean;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.strictObject({
    field: z.string().optional(),
    attribute: z.string().optional(),
    profile: z.enum(['role', 'department', 'location', 'title', 'costCentre']).optional(),
    group: z.string().optional(),
    cost: z.literal(true).optional(),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.union([z.string(), z.number()])).optional(),
    notIn: z.array(z.union([z.string(), z.number()])).optional(),
    exists: z.boolean().optional(),
    over: z.number().optional(),
    isRequester: z.boolean().optional(),
    all: z.array(conditionSchema).optional(),
    any: z.array(conditionSchema).optional(),
    not: conditionSchema.optional(),
  }).refine(
    (c) => [c.field, c.profile, c.group, c.cost, c.all, c.any, c.not].filter((x) => x !== undefined).length === 1,
    'a condition needs exactly one of field, profile, group, cost, all, any, not',
  ),
);

export const optionSchema = z.strictObject({
  value: z.string().min(1),
  label: z.string().min(1),
  description: z.string().optional(),
  synonyms: z.array(z.string()).default([]),
  cost: z.number().nonnegative().optional(),
  /** Offer this option only when the condition holds (e.g. on the requester's role). */
  when: conditionSchema.optional(),
  /** Free attributes that conditions and pre-checks can read (restricted, privileged, ...). */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type Option = z.infer<typeof optionSchema>;

/** Something people ask for that is not allowed: refused with the reason and what to use instead. */
export const notAllowedSchema = z.strictObject({
  names: z.array(z.string().min(1)).min(1),
  reason: z.string().min(1),
  alternative: z.string().min(1).optional(),
});
export type NotAllowed = z.infer<typeof notAllowedSchema>;

export const fieldTypes = ['text', 'choice', 'multi-choice', 'lookup', 'date', 'number', 'person', 'yes-no'] as const;
export type FieldType = (typeof fieldTypes)[number];

export const fieldSchema = z.strictObject({
  id,
  label: z.string().min(1),
  type: z.enum(fieldTypes),
  prompt: z.string().min(1),
  help: z.string().optional(),
  required: z.boolean().default(true),
  options: z.array(optionSchema).optional(),
  /** For `lookup` fields: the id of a file in dialogs/lookups/. */
  lookup: id.optional(),
  /** For choice and lookup fields: what is not allowed, so it is refused with the reason, never "not matched". */
  notAllowed: z.array(notAllowedSchema).optional(),
  showWhen: conditionSchema.optional(),
  /** Prefill from the requester's profile; the person can keep or change it. */
  prefill: z.strictObject({ profile: z.enum(['email', 'name', 'department', 'title', 'role', 'location', 'costCentre', 'managerEmail']) }).optional(),
  /** Mask the value in the audit log, notifications and logs; encrypt it in the database. */
  sensitive: z.boolean().default(false),
  /**
   * Delete the (sensitive) answer once the account a fulfilment step created has been logged
   * in to, and at the latest `days` after the date field named, login or not.
   */
  deleteAfter: z.strictObject({
    /** The integration step that creates the account; its result's `userId` is asked about. */
    firstLoginTo: id,
    /** A date field (e.g. the start date) the answer is deleted `days` after at the latest. */
    atLatestAfter: id,
    days: z.number().int().min(0).max(3650),
  }).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  minLength: z.number().int().nonnegative().optional(),
  /** The longest answer (text fields without one take 2,000 characters); checked before the pattern. */
  maxLength: z.number().int().positive().max(100_000).optional(),
  pattern: z.string().max(500).optional(),
  patternMessage: z.string().optional(),
  /** For dates: earliest and latest allowed, relative to today in days. */
  minDaysFromToday: z.number().int().optional(),
  maxDaysFromToday: z.number().int().optional(),
}).superRefine((f, ctx) => {
  if (f.notAllowed && f.type !== 'choice' && f.type !== 'lookup') {
    ctx.addIssue({ code: 'custom', path: ['notAllowed'], message: 'only choice and lookup fields say what is not allowed' });
  }
  if ((f.type === 'choice' || f.type === 'multi-choice') && !f.options?.length) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${f.type} field needs options` });
  }
  if (f.type === 'lookup' && !f.lookup) {
    ctx.addIssue({ code: 'custom', path: ['lookup'], message: 'a lookup field needs the id of a lookup file' });
  }
  if (f.deleteAfter && !f.sensitive) ctx.addIssue({ code: 'custom', path: ['deleteAfter'], message: 'only a sensitive field is deleted after a login' });
  const unsafe = f.pattern === undefined ? undefined : patternProblem(f.pattern);
  if (unsafe) ctx.addIssue({ code: 'custom', path: ['pattern'], message: unsafe });
});
export type Field = z.infer<typeof fieldSchema>;

export const approverSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('manager') }),
  /** The manager's manager (a second approval above a threshold). */
  z.strictObject({ type: z.literal('skip-level-manager') }),
  z.strictObject({ type: z.literal('person'), email: z.email() }),
  /** Members of a group; `{field}` in the name is replaced by that field's value. */
  z.strictObject({ type: z.literal('group'), group: z.string().min(1) }),
  /** The owner named by an attribute of the chosen lookup item (e.g. a system owner). */
  z.strictObject({ type: z.literal('owner-of'), field: z.string().min(1), attribute: z.string().default('owner') }),
]);
export type Approver = z.infer<typeof approverSchema>;

export const approvalStageSchema = z.strictObject({
  id,
  approver: approverSchema,
  /** Why this approver is asked, shown on their card. `{requester.name}` etc. are filled in. */
  reason: z.string().min(1),
  when: conditionSchema.optional(),
});

export const approvalPolicySchema = z.strictObject({
  /** Requesters in these roles or groups need no approval for this item. */
  preAuthorised: z.strictObject({ roles: z.array(z.string()).default([]), groups: z.array(z.string()).default([]) }).optional(),
  /** Sequential stages; a stage whose condition does not hold is skipped. Empty: no approval. */
  stages: z.array(approvalStageSchema).default([]),
});

/**
 * What every step may say about its place in the plan: the steps it waits for (`after`; left
 * out, it waits for the step written before it, so a plan without any `after` runs in order),
 * and what a failure of it means (`onFailure: compensate` undoes the steps done so far).
 */
const planPlace = {
  after: z.array(id).optional(),
  onFailure: z.enum(['stop', 'compensate']).optional(),
};

export const fulfilmentStepSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('manual'),
    id,
    title: z.string().min(1),
    team: z.string().min(1),
    when: conditionSchema.optional(),
    /**
     * The task is due `workingDays` working days (Monday to Friday) before the date answered
     * in `beforeField` (a joiner's laptop before their start date), not at the request's SLA.
     */
    due: z.strictObject({ beforeField: id, workingDays: z.number().int().min(0).max(60) }).optional(),
    ...planPlace,
  }),
  z.strictObject({
    kind: z.literal('integration'),
    id,
    title: z.string().min(1),
    integration: id,
    operation: z.string().min(1),
    /** Values passed to the operation; `{fields.x}` and `{requester.email}` are filled in. */
    input: z.record(z.string(), z.string()).default({}),
    when: conditionSchema.optional(),
    /**
     * The step gives access to `input.group` for a time: recorded when the step is done and
     * removed when it ends by calling `revoke` with the same input. `endsAfterDays` is a
     * number of days, or the chosen option's attribute (an option without it: no end date).
     */
    access: z.strictObject({
      revoke: z.string().min(1),
      endsAfterDays: z.union([
        z.number().int().positive(),
        z.strictObject({ field: id, attribute: z.string().min(1).default('days') }),
      ]),
    }).optional(),
    /**
     * How to undo the step when the plan is given up: the same integration's `operation`,
     * called with the step's input and its result (`{result.userName}` in `input` is filled
     * from what the step answered).
     */
    compensate: z.strictObject({
      operation: z.string().min(1),
      input: z.record(z.string(), z.string()).default({}),
    }).optional(),
    ...planPlace,
  }),
  /**
   * Waits until a date from a field (`until: '{fields.start-date}'`, `offsetDays` before or
   * after it), for a time from when the step is reached (`for`), or for an event the system
   * is told of (`event`, through the fulfilment interface's `signal`).
   */
  z.strictObject({
    kind: z.literal('wait'),
    id,
    title: z.string().min(1),
    until: z.string().min(1).optional(),
    offsetDays: z.number().int().min(-365).max(365).optional(),
    for: z.strictObject({ days: z.number().nonnegative().optional(), hours: z.number().nonnegative().optional() }).optional(),
    event: id.optional(),
    when: conditionSchema.optional(),
    ...planPlace,
  }).refine((w) => [w.until, w.for, w.event].filter((x) => x !== undefined).length === 1, { message: 'a wait step says exactly one of until, for or event' }),
  /** Tells the requester, or every member of a team, `message` (placeholders filled in). */
  z.strictObject({
    kind: z.literal('notify'),
    id,
    title: z.string().min(1),
    to: z.union([z.literal('requester'), z.strictObject({ team: z.string().min(1) })]),
    message: z.string().min(1),
    when: conditionSchema.optional(),
    ...planPlace,
  }),
]);

export type FulfilmentStep = z.infer<typeof fulfilmentStepSchema>;

export const requestTypeSchema = z.strictObject({
  id,
  /** Bumped by the admin on every change; pinned on each request with the catalog version. */
  version: z.number().int().positive(),
  title: z.string().min(1),
  description: z.string().min(1),
  category: z.string().min(1),
  keywords: z.array(z.string()).default([]),
  ownerTeam: z.string().min(1),
  sla: z.strictObject({ hours: z.number().positive() }),
  risk: z.enum(['low', 'medium', 'high']),
  cost: z.strictObject({
    /** The field whose chosen option (or lookup item) carries the cost. */
    fromField: z.string().optional(),
    fixed: z.number().nonnegative().optional(),
    currency: z.string().length(3).default('EUR'),
  }).optional(),
  eligibility: z.strictObject({
    when: conditionSchema,
    /** Said to a person who may not ask for this. */
    message: z.string().min(1),
  }).optional(),
  /** At most `max` requests of this type per person in `windowHours`. */
  throttle: z.strictObject({ max: z.number().int().positive(), windowHours: z.number().positive() }).optional(),
  fields: z.array(fieldSchema).min(1),
  /** Named pre-checks run before the summary (see src/dialog/prechecks/). */
  prechecks: z.array(id).default([]),
  approval: approvalPolicySchema,
  fulfilment: z.strictObject({
    steps: z.array(fulfilmentStepSchema).min(1),
    /** The plan does not start before the date answered in this field (its first moment in TIME_ZONE): a leaver's last day. */
    startsOn: z.strictObject({ field: id }).optional(),
  }),
  /**
   * Who may ask for it: `everyone` (chat, forms, the API), or `hr-only`: made from HR events
   * only (a leaver), never offered in chat nor accepted from the API.
   */
  intake: z.enum(['everyone', 'hr-only']).default('everyone'),
  /** The access bundle (bundles/) of the answers in these fields, for `{bundle.*}` in step titles and inputs. */
  bundle: z.strictObject({ department: id, role: id }).optional(),
});
export type RequestType = z.infer<typeof requestTypeSchema>;

export const intentKinds = ['request', 'status', 'my-approvals', 'help', 'cancel', 'agent', 'incident', 'greeting'] as const;
export type IntentKind = (typeof intentKinds)[number];

export const intentSchema = z.strictObject({
  id,
  kind: z.enum(intentKinds),
  description: z.string().min(1),
  /** For kind `request`: the request type this intent starts. */
  requestType: id.optional(),
  /** For kind `incident`: the category recorded and the answer given. */
  incident: z.strictObject({ category: z.string().min(1), answer: z.string().min(1) }).optional(),
  examples: z.array(z.string().min(1)).min(1),
}).superRefine((i, ctx) => {
  if (i.kind === 'request' && !i.requestType) ctx.addIssue({ code: 'custom', path: ['requestType'], message: 'a request intent names its request type' });
  if (i.kind === 'incident' && !i.incident) ctx.addIssue({ code: 'custom', path: ['incident'], message: 'an incident intent names its category and answer' });
});
export type Intent = z.infer<typeof intentSchema>;

export const lookupSchema = z.strictObject({
  id,
  title: z.string().min(1),
  items: z.array(optionSchema).min(1),
});
export type Lookup = z.infer<typeof lookupSchema>;

/**
 * What a department (and role) gets on day one, in bundles/<id>.yaml: identity groups, the
 * accounts (systems of dialogs/lookups/systems.yaml) and the laptop (a model of the laptop
 * request type). The most specific bundle wins: department and role, then the department,
 * then the bundle without a department (everyone else).
 */
export const bundleSchema = z.strictObject({
  id,
  title: z.string().min(1),
  department: id.optional(),
  roles: z.array(id).default([]),
  groups: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_:-]{0,99}$/, 'a group name has letters, digits and - _ : only')).default([]),
  accounts: z.array(id).default([]),
  hardware: id,
}).refine((b) => b.roles.length === 0 || b.department !== undefined, { path: ['roles'], message: 'a bundle for roles names its department' });
export type Bundle = z.infer<typeof bundleSchema>;
