import type { Catalog } from './catalog.js';
import type { Field } from './schema.js';

/** How an answer reads to people: option labels for choices, Yes/No, a dash when empty. */
export function displayValue(catalog: Catalog, field: Field, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (field.type === 'yes-no') return value === true ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((v) => displayValue(catalog, { ...field, type: 'choice' }, v)).join(', ');
  if ((field.type === 'choice' || field.type === 'lookup' || field.type === 'multi-choice') && typeof value === 'string') {
    return catalog.optionFor(field, value)?.label ?? value;
  }
  return String(value);
}
