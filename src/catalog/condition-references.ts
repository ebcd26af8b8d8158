import type { Condition } from './schema.js';

/** One subject of a condition and where it sits (`showWhen.all.0`). */
export interface ConditionLeaf {
  path: string;
  condition: Condition;
}

/** Every leaf (non-combinator) condition, with its dotted path below `base`. */
export function conditionLeaves(condition: Condition, base: string): ConditionLeaf[] {
  if (condition.all) return condition.all.flatMap((c, i) => conditionLeaves(c, `${base}.all.${i}`));
  if (condition.any) return condition.any.flatMap((c, i) => conditionLeaves(c, `${base}.any.${i}`));
  if (condition.not) return conditionLeaves(condition.not, `${base}.not`);
  return [{ path: base, condition }];
}
