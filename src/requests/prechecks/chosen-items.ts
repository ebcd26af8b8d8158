import type { Option } from '../../catalog/schema.js';
import type { PrecheckContext } from './precheck.js';

/** The options and lookup items the person chose, with the field they were chosen in. */
export function chosenItems(ctx: PrecheckContext): Array<{ fieldId: string; fieldLabel: string; item: Option }> {
  const chosen: Array<{ fieldId: string; fieldLabel: string; item: Option }> = [];
  for (const field of ctx.requestType.fields) {
    if (field.type !== 'lookup' && field.type !== 'choice' && field.type !== 'multi-choice') continue;
    const answer = ctx.fields[field.id];
    const values = Array.isArray(answer) ? answer : [answer];
    for (const value of values) {
      if (typeof value !== 'string') continue;
      const item = ctx.catalog.optionFor(field, value);
      if (item) chosen.push({ fieldId: field.id, fieldLabel: field.label, item });
    }
  }
  return chosen;
}

/** A numeric attribute, or undefined when the item does not track it. */
export function numberAttribute(item: Option, name: string): number | undefined {
  const value = item.attributes[name];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}
