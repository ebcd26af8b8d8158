import type { RequestType } from '../catalog/schema.js';

export const maskedValue = '••••';

/**
 * The one masking function: the values of fields marked `sensitive` never reach the audit
 * log, a notification or a log line. Unknown request types mask nothing they cannot name,
 * so callers pass the type the request was made with.
 */
export function maskFields(requestType: Pick<RequestType, 'fields'> | undefined, fields: Record<string, unknown>): Record<string, unknown> {
  const sensitive = new Set((requestType?.fields ?? []).filter((f) => f.sensitive).map((f) => f.id));
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, sensitive.has(k) && v !== undefined && v !== null && v !== '' ? maskedValue : v]));
}

/** Masks inside a step's input: a value that came from a sensitive field's answer is masked too. */
export function maskValuesFrom(requestType: Pick<RequestType, 'fields'> | undefined, fields: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const secrets = (requestType?.fields ?? []).filter((f) => f.sensitive)
    .map((f) => fields[f.id]).filter((v): v is string | number => (typeof v === 'string' && v !== '') || typeof v === 'number').map(String);
  if (!secrets.length) return values;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => {
    if (typeof v !== 'string') return [k, v];
    return [k, secrets.reduce((text, secret) => text.split(secret).join(maskedValue), v)];
  }));
}
