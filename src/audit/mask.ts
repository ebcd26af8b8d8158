import type { RequestType } from '../catalog/schema.js';
import { maskedValue } from '../messages/masked-value.js';

/** What a masked value reads as, wherever it is shown: audit, cards, the API, triage, logs. */
export { maskedValue } from '../messages/masked-value.js';

/**
 * The one masking function: answers to fields marked `sensitive` never reach the audit log,
 * a card, the API, an agent or a log line. In `values` (the answers themselves when not
 * given), a sensitive field's own key is masked, and any text that repeats a sensitive
 * answer (a step's input, an error, a status reason) has it masked. Unknown request types
 * mask nothing they cannot name, so callers pass the type the request was made with.
 */
export function maskSensitive(
  requestType: Pick<RequestType, 'fields'> | undefined,
  answers: Record<string, unknown>,
  values: Record<string, unknown> = answers,
): Record<string, unknown> {
  const sensitive = (requestType?.fields ?? []).filter((f) => f.sensitive).map((f) => f.id);
  if (!sensitive.length) return values;
  const secrets = sensitive
    .map((id) => answers[id])
    .filter((v): v is string | number => (typeof v === 'string' && v !== '') || typeof v === 'number')
    .map(String);
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      if (sensitive.includes(key) && value !== undefined && value !== null && value !== '') return [key, maskedValue];
      if (typeof value !== 'string') return [key, value];
      return [key, secrets.reduce((text, secret) => text.split(secret).join(maskedValue), value)];
    }),
  );
}
