import { conditionLeaves } from './condition-references.js';
import { planGraphProblems } from './plan-graph.js';
import type { Condition, Field, FulfilmentStep, Lookup, RequestType } from './schema.js';

export interface RequestTypeCheckContext {
  lookupIds: ReadonlySet<string>;
  lookups: readonly Lookup[];
  precheckNames: readonly string[];
  integrationNames: readonly string[];
  placeholderProblem(template: string, fieldIds: ReadonlySet<string>, options?: { bundle: boolean }): string | undefined;
}

const OPTION_TYPES = new Set<Field['type']>(['choice', 'multi-choice', 'lookup']);

/** What every check of one request type shares: where to report, and the fields seen so far. */
interface Check {
  rt: RequestType;
  ctx: RequestTypeCheckContext;
  at(path: string, message: string): void;
  /** Fields by id in the order they are asked (all of them once the fields are checked). */
  fieldsById: Map<string, Field>;
  allFieldIds: ReadonlySet<string>;
}

/** Problems inside one request type that need other parts of the catalog to see. */
export function requestTypeProblems(file: string, rt: RequestType, ctx: RequestTypeCheckContext): string[] {
  const problems: string[] = [];
  const check: Check = {
    rt, ctx, fieldsById: new Map(), allFieldIds: new Set(rt.fields.map((f) => f.id)),
    at: (path, message) => problems.push(`${file}: ${path}: ${message}`),
  };
  checkFields(check);
  checkCostAndEligibility(check);
  checkPrechecks(check);
  checkApprovalStages(check);
  checkFulfilmentSteps(check);
  checkDeletions(check);
  return problems;
}

/** `earlier`: the fields a condition may name; undefined means none (profile and group only). */
function checkCondition(check: Check, condition: Condition, base: string, earlier: ReadonlyMap<string, Field> | undefined, what: string): void {
  for (const { path, condition: c } of conditionLeaves(condition, base)) {
    if (c.attribute !== undefined && c.field === undefined) check.at(`${path}.attribute`, 'attribute reads the chosen option of a field: add field');
    if (c.field === undefined) continue;
    if (earlier === undefined) {
      check.at(`${path}.field`, `${what} may use profile, group or cost, not fields`);
      continue;
    }
    const target = earlier.get(c.field);
    if (!target) {
      check.at(`${path}.field`, check.allFieldIds.has(c.field) ? `"${c.field}" is not asked before ${what}` : `no field "${c.field}"`);
    } else if (c.attribute !== undefined && !OPTION_TYPES.has(target.type)) {
      check.at(`${path}.attribute`, `"${c.field}" is a ${target.type} field and has no option attributes`);
    } else if (c.isRequester !== undefined && target.type !== 'person') {
      check.at(`${path}.isRequester`, `"${c.field}" is a ${target.type} field; isRequester compares a person field with the requester`);
    }
  }
}

/**
 * A template's placeholders must name fields, and never a sensitive one: titles and reasons
 * are shown to approvers, teams and in status lines, where a sensitive answer must not appear.
 */
function checkTemplate(check: Check, template: string, path: string): void {
  const problem = check.ctx.placeholderProblem(template, check.allFieldIds, { bundle: check.rt.bundle !== undefined });
  if (problem) check.at(path, problem);
  for (const m of template.matchAll(/\{fields\.([^}.]+)/g)) {
    if (check.fieldsById.get(m[1]!)?.sensitive) check.at(path, `{fields.${m[1]}} is a sensitive field and is never shown in a title or a reason`);
  }
}

function checkFields(check: Check): void {
  const { rt, ctx, at, fieldsById } = check;
  rt.fields.forEach((field, i) => {
    const base = `fields.${i}`;
    if (fieldsById.has(field.id)) at(`${base}.id`, `"${field.id}" is already a field of this request type`);
    if (field.lookup !== undefined && field.type !== 'lookup') at(`${base}.lookup`, `only a lookup field names a lookup (this is a ${field.type} field)`);
    if (field.type === 'lookup' && field.lookup !== undefined && !ctx.lookupIds.has(field.lookup)) {
      at(`${base}.lookup`, `no lookup "${field.lookup}" (expected dialogs/lookups/${field.lookup}.yaml)`);
    }
    if (field.options !== undefined && field.type !== 'choice' && field.type !== 'multi-choice') {
      at(`${base}.options`, `only choice and multi-choice fields have options (this is a ${field.type} field)`);
    }
    if (field.showWhen) checkCondition(check, field.showWhen, `${base}.showWhen`, fieldsById, `field "${field.id}"`);
    const seen = new Map<string, number>();
    field.options?.forEach((option, j) => {
      const first = seen.get(option.value);
      if (first !== undefined) at(`${base}.options.${j}.value`, `"${option.value}" is also options.${first}`);
      else seen.set(option.value, j);
      if (option.when) checkCondition(check, option.when, `${base}.options.${j}.when`, fieldsById, `field "${field.id}"`);
    });
    if (!fieldsById.has(field.id)) fieldsById.set(field.id, field);
  });
}

function checkCostAndEligibility(check: Check): void {
  const { rt, at, fieldsById } = check;
  if (rt.cost?.fromField !== undefined) {
    const source = fieldsById.get(rt.cost.fromField);
    if (!source) at('cost.fromField', `no field "${rt.cost.fromField}"`);
    else if (!OPTION_TYPES.has(source.type)) at('cost.fromField', `"${source.id}" is a ${source.type} field; cost comes from a choice or lookup`);
  }
  if (rt.eligibility) checkCondition(check, rt.eligibility.when, 'eligibility.when', undefined, 'eligibility (checked before any answer)');
}

function checkPrechecks(check: Check): void {
  check.rt.prechecks.forEach((name, i) => {
    if (!check.ctx.precheckNames.includes(name)) check.at(`prechecks.${i}`, `unknown pre-check "${name}" (known: ${check.ctx.precheckNames.join(', ')})`);
  });
}

function checkApprovalStages(check: Check): void {
  const { rt, ctx, at, fieldsById, allFieldIds } = check;
  const stageIds = new Set<string>();
  rt.approval.stages.forEach((stage, i) => {
    const base = `approval.stages.${i}`;
    if (stageIds.has(stage.id)) at(`${base}.id`, `"${stage.id}" is already a stage`);
    stageIds.add(stage.id);
    if (stage.when) checkCondition(check, stage.when, `${base}.when`, fieldsById, `stage "${stage.id}"`);
    checkTemplate(check, stage.reason, `${base}.reason`);
    const approver = stage.approver;
    if (approver.type === 'owner-of') {
      const source = fieldsById.get(approver.field);
      if (!source) at(`${base}.approver.field`, `no field "${approver.field}"`);
      else if (source.type !== 'lookup' && source.type !== 'choice') at(`${base}.approver.field`, `"${source.id}" is a ${source.type} field; the owner comes from a lookup or choice`);
      else if (!ownerAttributeEverywhere(source, approver.attribute, ctx.lookups)) {
        at(`${base}.approver.attribute`, `not every option of "${source.id}" has a "${approver.attribute}" attribute`);
      }
    }
    if (approver.type === 'group') {
      for (const m of approver.group.matchAll(/\{([^{}]+)\}/g)) {
        if (!allFieldIds.has(m[1]!)) at(`${base}.approver.group`, `{${m[1]}} names no field of this request type`);
      }
    }
  });
}

function checkFulfilmentSteps(check: Check): void {
  const { rt, ctx, at, fieldsById, allFieldIds } = check;
  const stepIds = new Set<string>();
  rt.fulfilment.steps.forEach((step, i) => {
    const base = `fulfilment.steps.${i}`;
    if (stepIds.has(step.id)) at(`${base}.id`, `"${step.id}" is already a step`);
    stepIds.add(step.id);
    if (step.when) checkCondition(check, step.when, `${base}.when`, fieldsById, `step "${step.id}"`);
    checkTemplate(check, step.title, `${base}.title`);
    if (step.kind === 'integration') {
      if (!ctx.integrationNames.includes(step.integration)) at(`${base}.integration`, `unknown integration "${step.integration}" (known: ${ctx.integrationNames.join(', ')})`);
      for (const [key, template] of Object.entries(step.input)) {
        // Inputs carry answers to the integration (a sensitive one may go there); only the placeholders are checked.
        const problem = ctx.placeholderProblem(template, allFieldIds, { bundle: rt.bundle !== undefined });
        if (problem) at(`${base}.input.${key}`, problem);
      }
      if (step.access) checkAccess(check, step.access, step.input, base);
      for (const [key, template] of Object.entries(step.compensate?.input ?? {})) {
        // `{result.x}` is what the step answered, filled in when it is undone.
        const problem = ctx.placeholderProblem(template.replace(/\{result\.[\w-]+\}/g, ''), allFieldIds);
        if (problem) at(`${base}.compensate.input.${key}`, problem);
      }
    }
    if (step.kind === 'wait' && step.until) {
      const problem = ctx.placeholderProblem(step.until, allFieldIds);
      if (problem) at(`${base}.until`, problem);
    }
    if (step.kind === 'notify') checkTemplate(check, step.message, `${base}.message`);
  });
  for (const [path, message] of planGraphProblems(rt.fulfilment.steps)) at(path, message);
}

/** A field deleted after a login names the step that creates the account and a date field. */
function checkDeletions(check: Check): void {
  check.rt.fields.forEach((field, i) => {
    if (!field.deleteAfter) return;
    const { firstLoginTo, atLatestAfter } = field.deleteAfter;
    const step = check.rt.fulfilment.steps.find((s) => s.id === firstLoginTo);
    if (step?.kind !== 'integration') check.at(`fields.${i}.deleteAfter.firstLoginTo`, `"${firstLoginTo}" is not an integration step of this request type`);
    if (check.rt.fields.find((f) => f.id === atLatestAfter)?.type !== 'date') check.at(`fields.${i}.deleteAfter.atLatestAfter`, `"${atLatestAfter}" is not a date field`);
  });
}

/** Time-bound access names a group to remove, and a choice whose options say how many days. */
function checkAccess(check: Check, access: NonNullable<Extract<FulfilmentStep, { kind: 'integration' }>['access']>, input: Record<string, string>, base: string): void {
  const { at, fieldsById } = check;
  if (!input.group) at(`${base}.input.group`, 'a step with access names the group it gives (input.group)');
  if (typeof access.endsAfterDays === 'number') return;
  const { field: fieldId, attribute } = access.endsAfterDays;
  const field = fieldsById.get(fieldId);
  if (!field || !OPTION_TYPES.has(field.type) || field.type === 'multi-choice') {
    at(`${base}.access.endsAfterDays.field`, `"${fieldId}" is not a choice or lookup field of this request type`);
    return;
  }
  const options = field.type === 'lookup' ? check.ctx.lookups.find((l) => l.id === field.lookup)?.items ?? [] : field.options ?? [];
  const days = options.map((o) => o.attributes[attribute]).filter((d) => d !== undefined);
  if (days.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d <= 0)) at(`${base}.access.endsAfterDays.attribute`, `every option's "${attribute}" must be a whole number of days above 0 (leave it out for no end date)`);
  if (!days.length) at(`${base}.access.endsAfterDays.attribute`, `no option of "${fieldId}" has "${attribute}", so the access would never end`);
}

function ownerAttributeEverywhere(field: Field, attribute: string, lookups: readonly Lookup[]): boolean {
  const options = field.type === 'lookup' ? lookups.find((l) => l.id === field.lookup)?.items : field.options;
  // An unknown lookup is reported on its own.
  if (options === undefined) return true;
  return options.every((o) => o.attributes[attribute] !== undefined);
}
