import type { Catalog } from '../catalog/catalog.js';
import type { RequestType } from '../catalog/schema.js';
import type { ExtractFieldValues } from '../dialog/answers/answer-context.js';
import { conditionContext } from '../dialog/dialog-replies.js';
import type { Person } from '../directory/person.js';
import type { ChoiceField, LlmAdvisor } from './llm-advisor.js';

const choiceTypes = new Set(['choice', 'multi-choice', 'lookup']);

/** The engine's `secondOpinion`: the model chooses among the given catalog intents only. */
export function secondOpinionFrom(advisor: LlmAdvisor, catalog: Catalog) {
  return async (text: string, intents: readonly string[]): Promise<string | undefined> => {
    const choices = intents.flatMap((id) => {
      const intent = catalog.intent(id);
      return intent ? [{ id: intent.id, description: intent.description }] : [];
    });
    return advisor.chooseIntent(text, choices);
  };
}

/**
 * The engine's `extractMore`: the choice fields that the local extraction left empty go
 * to the model with the options offered to this requester; sensitive fields never do.
 */
export function extractMoreFrom(advisor: LlmAdvisor, catalog: Catalog, extractLocally: ExtractFieldValues) {
  return async (text: string, requestType: RequestType, requester: Person, now: Date): Promise<Record<string, unknown>> => {
    const ctx = conditionContext(requester, {});
    const offered = requestType.fields.filter((f) => choiceTypes.has(f.type) && !f.sensitive)
      .map((field) => ({ field, options: catalog.optionsFor(field, ctx) }));
    // What the dialog will find itself (same options, with synonyms) is not asked for.
    const local = extractLocally(text, offered.map(({ field, options }) => ({ id: field.id, type: field.type, options })), { now });
    const missing: ChoiceField[] = offered.filter(({ field }) => !(field.id in local)).map(({ field, options }) => ({
      id: field.id,
      label: field.label,
      multiple: field.type === 'multi-choice',
      options: options.map((o) => ({ value: o.value, label: o.label })),
    }));
    return missing.length > 0 ? advisor.extractFields(text, missing) : {};
  };
}
