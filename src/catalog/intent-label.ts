import type { Catalog } from './catalog.js';
import type { ChoiceOption } from '../messages/reply.js';

/** How an intent reads on a button: the request type's title, else the intent's description. */
export function intentLabel(catalog: Catalog, intentId: string): string {
  const intent = catalog.intent(intentId);
  if (!intent) return intentId;
  const requestType = intent.requestType ? catalog.requestType(intent.requestType) : undefined;
  return requestType?.title ?? intent.description;
}

export function intentOptions(catalog: Catalog, intentIds: readonly string[]): ChoiceOption[] {
  return intentIds.filter((id) => catalog.intent(id)).map((id) => ({ value: id, label: intentLabel(catalog, id) }));
}
