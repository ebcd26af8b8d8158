import type { Person } from '../directory/person.js';
import type { Condition } from './schema.js';

type Scalar = string | number | boolean;

/** What a condition needs beyond the answers: how to read option attributes and the cost. */
export interface ConditionInputs {
  requester: Person;
  fields: Record<string, unknown>;
  /** The attribute of the option (or lookup item) chosen for a field, if any. */
  attributeOf(fieldId: string, value: string, attribute: string): Scalar | undefined;
  cost(): number | undefined;
}

/**
 * Evaluates a condition. A subject with no operator holds when it has a value that is not
 * `false` (a group holds for its members). Several operators must all hold. For a
 * multi-choice answer, `equals` and `in` hold when any chosen value matches.
 */
export function evaluateCondition(c: Condition, inputs: ConditionInputs): boolean {
  if (c.all) return c.all.every((x) => evaluateCondition(x, inputs));
  if (c.any) return c.any.some((x) => evaluateCondition(x, inputs));
  if (c.not) return !evaluateCondition(c.not, inputs);
  return test(subjectValue(c, inputs), c, inputs.requester);
}

function subjectValue(c: Condition, inputs: ConditionInputs): unknown {
  if (c.group !== undefined) return inputs.requester.groups.includes(c.group);
  if (c.cost) return inputs.cost();
  if (c.profile !== undefined) return inputs.requester[c.profile];
  if (c.field === undefined) return undefined;
  const value = inputs.fields[c.field];
  if (c.attribute === undefined) return value;
  const attribute = c.attribute;
  const fieldId = c.field;
  if (Array.isArray(value)) {
    return value.map((v) => inputs.attributeOf(fieldId, String(v), attribute)).filter((v) => v !== undefined);
  }
  return isPresent(value) ? inputs.attributeOf(fieldId, String(value), attribute) : undefined;
}

function test(value: unknown, c: Condition, requester: Person): boolean {
  const hasOperator = [c.equals, c.in, c.notIn, c.exists, c.over, c.isRequester].some((x) => x !== undefined);
  if (!hasOperator) return isPresent(value) && value !== false;
  const values = Array.isArray(value) ? value : isPresent(value) ? [value] : [];
  if (c.exists !== undefined && isPresent(value) !== c.exists) return false;
  if (c.equals !== undefined && !values.some((v) => same(v, c.equals as Scalar))) return false;
  if (c.in !== undefined && !values.some((v) => c.in!.some((x) => same(v, x)))) return false;
  if (c.notIn !== undefined && values.some((v) => c.notIn!.some((x) => same(v, x)))) return false;
  if (c.over !== undefined && !values.some((v) => numeric(v) !== undefined && numeric(v)! > c.over!)) return false;
  if (c.isRequester !== undefined && values.some((v) => isPerson(v, requester)) !== c.isRequester) return false;
  return true;
}

/** A person answer is stored as the person's email (or id); compared without case. */
function isPerson(value: unknown, person: Person): boolean {
  if (typeof value !== 'string') return false;
  const answer = value.trim().toLowerCase();
  return answer === person.email.toLowerCase() || answer === person.id.toLowerCase();
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

// Catalog authors write `department: engineering` for a directory's "Engineering".
function same(a: unknown, b: Scalar): boolean {
  if (a === undefined || a === null) return false;
  return String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
}

function numeric(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
