import type { Catalog } from '../catalog/catalog.js';
import type { RequestType } from '../catalog/schema.js';
import { maskSensitive } from '../audit/index.js';

/** Answers as a person reads them: option labels, Yes/No, sensitive values masked. */
export function displayFields(catalog: Catalog, requestType: RequestType, fields: Record<string, unknown>): Array<{ label: string; value: string }> {
  const masked = maskSensitive(requestType, fields);
  const lines: Array<{ label: string; value: string }> = [];
  for (const field of requestType.fields) {
    const value = masked[field.id];
    if (value === undefined || value === null || value === '') continue;
    const label = (v: unknown) => (field.sensitive ? String(v) : catalog.optionFor(field, String(v))?.label ?? String(v));
    let text: string;
    if (Array.isArray(value)) text = value.map(label).join(', ');
    else if (typeof value === 'boolean') text = value ? 'Yes' : 'No';
    else text = label(value);
    lines.push({ label: field.label, value: text });
  }
  return lines;
}

export function formatCost(amount: number | null | undefined, currency = 'EUR'): string | undefined {
  if (amount === null || amount === undefined) return undefined;
  let format = currencyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    currencyFormats.set(currency, format);
  }
  return format.format(amount);
}

/** Built once per currency: building an Intl formatter costs far more than using one. */
const currencyFormats = new Map<string, Intl.NumberFormat>();
