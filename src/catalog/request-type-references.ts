import { conditionLeaves } from './condition-references.js';
import type { Condition, Field, Lookup, RequestType } from './schema.js';

export interface RequestTypeCheckContext {
  lookupIds: ReadonlySet<string>;
  lookups: readonly Lookup[];
  precheckNames: readonly string[];
  integrationNames: readonly string[];
  placeholderProblem(template: string, fieldIds: ReadonlySet<string>): string | undefined;
}

const OPTION_TYPES = new Set<Field['type']>(['choice', 'multi-choice', 'lookup']);

/** Problems inside one request type that need other parts of the catalog to see. */
export function requestTypeProblems(file: string, rt: RequestType, ctx: RequestTypeCheckContext): string[] {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${file}: ${path}: ${message}`);
  const fieldsById = new Map<string, Field>();
  const allFieldIds = new Set(rt.fields.map((f) => f.id));

  /** `earlier`: the fields a condition may name; undefined means none (profile and group only). */
  const checkCondition = (condition: Condition, base: string, earlier: ReadonlyMap<string, Field> | undefined, what: string) => {
    for (const { path, condition: c } of conditionLeaves(condition, base)) {
      if (c.attribute !== undefined && c.field === undefined) at(`${path}.attribute`, 'attribute reads the chosen option of a field: add field');
      if (c.field === undefined) continue;
      if (earlier === undefined) {
        at(`${path}.field`, `${what} may use profile, group or cost, not fields`);
        continue;
      }
      const target = earlier.get(c.field);
      if (!target) {
        at(`${path}.field`, allFieldIds.has(c.field) ? `"${c.field}" is not asked before ${what}` : `no field "${c.field}"`);
      } else if (c.attribute !== undefined && !OPTION_TYPES.has(target.type)) {
        at(`${path}.attribute`, `"${c.field}" is a ${target.type} field and has no option attributes`);
      }
    }
  };

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
    if (field.pattern !== undefined) {
      try {
        new RegExp(field.pattern);
      } catch {
        at(`${base}.pattern`, 'is not a valid regular expression');
      }
    }
    if (field.showWhen) checkCondition(field.showWhen, `${base}.showWhen`, fieldsById, `field "${field.id}"`);
    const seen = new Map<string, number>();
    field.options?.forEach((option, j) => {
      const first = seen.get(option.value);
      if (first !== undefined) at(`${base}.options.${j}.value`, `"${option.value}" is also options.${first}`);
      else seen.set(option.value, j);
      if (option.when) checkCondition(option.when, `${base}.options.${j}.when`, fieldsById, `field "${field.id}"`);
    });
    if (!fieldsById.has(field.id)) fieldsById.set(field.id, field);
  });

  if (rt.cost?.fromField !== undefined) {
    const source = fieldsById.get(rt.cost.fromField);
    if (!source) at('cost.fromField', `no field "${rt.cost.fromField}"`);
    else if (!OPTION_TYPES.has(source.type)) at('cost.fromField', `"${source.id}" is a ${source.type} field; cost comes from a choice or lookup`);
  }
  if (rt.eligibility) checkCondition(rt.eligibility.when, 'eligibility.when', undefined, 'eligibility (checked before any answer)');

  rt.prechecks.forEach((name, i) => {
    if (!ctx.precheckNames.includes(name)) at(`prechecks.${i}`, `unknown pre-check "${name}" (known: ${ctx.precheckNames.join(', ')})`);
  });

  const stageIds = new Set<string>();
  rt.approval.stages.forEach((stage, i) => {
    const base = `approval.stages.${i}`;
    if (stageIds.has(stage.id)) at(`${base}.id`, `"${stage.id}" is already a stage`);
    stageIds.add(stage.id);
    if (stage.when) checkCondition(stage.when, `${base}.when`, fieldsById, `stage "${stage.id}"`);
    const placeholder = ctx.placeholderProblem(stage.reason, allFieldIds);
    if (placeholder) at(`${base}.reason`, placeholder);
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

  const stepIds = new Set<string>();
  rt.fulfilment.steps.forEach((step, i) => {
    const base = `fulfilment.steps.${i}`;
    if (stepIds.has(step.id)) at(`${base}.id`, `"${step.id}" is already a step`);
    stepIds.add(step.id);
    if (step.when) checkCondition(step.when, `${base}.when`, fieldsById, `step "${step.id}"`);
    const titleProblem = ctx.placeholderProblem(step.title, allFieldIds);
    if (titleProblem) at(`${base}.title`, titleProblem);
    if (step.kind === 'integration') {
      if (!ctx.integrationNames.includes(step.integration)) at(`${base}.integration`, `unknown integration "${step.integration}" (known: ${ctx.integrationNames.join(', ')})`);
      for (const [key, template] of Object.entries(step.input)) {
        const problem = ctx.placeholderProblem(template, allFieldIds);
        if (problem) at(`${base}.input.${key}`, problem);
      }
    }
  });
  return problems;
}

function ownerAttributeEverywhere(field: Field, attribute: string, lookups: readonly Lookup[]): boolean {
  const options = field.type === 'lookup' ? lookups.find((l) => l.id === field.lookup)?.items : field.options;
  // An unknown lookup is reported on its own.
  if (options === undefined) return true;
  return options.every((o) => o.attributes[attribute] !== undefined);
}
