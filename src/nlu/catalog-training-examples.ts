import type { Catalog } from '../catalog/catalog.js';
import type { LabelledText } from './intent-classifier.js';

export interface CatalogTrainingExamples {
  /** The intents' own example utterances. */
  examples: LabelledText[];
  /**
   * Phrases the catalog attaches to an intent elsewhere: its description, and for a
   * request intent the request type's title and keywords and the labels and synonyms of
   * the options of the form's first question when it offers a choice ("tableau",
   * "netsuite", "macbook air"). They teach product names that the examples cannot all
   * mention; they are not utterances, so cross-validation trains on them but never
   * scores them.
   */
  vocabulary: LabelledText[];
}

export function catalogTrainingExamples(catalog: Catalog): CatalogTrainingExamples {
  const examples = catalog.intents.flatMap((intent) => intent.examples.map((text) => ({ text, intent: intent.id })));
  const vocabulary = catalog.intents.flatMap((intent) => {
    const phrases = [intent.description];
    const requestType = intent.requestType ? catalog.requestType(intent.requestType) : undefined;
    if (requestType) {
      phrases.push(requestType.title, ...requestType.keywords);
      // The first question names what is requested (product, system, list, model); later
      // ones (department, office, reason, duration) name things every request mentions,
      // and taught "agent", "support" or "wifi" to the wrong intents.
      for (const field of requestType.fields.slice(0, 1)) {
        const options = field.options ?? (field.lookup ? (catalog.lookup(field.lookup)?.items ?? []) : []);
        for (const option of options) phrases.push(option.label, ...option.synonyms);
        // What is not allowed is still asked for here, so the form can refuse it with the reason.
        for (const refused of field.notAllowed ?? []) phrases.push(...refused.names);
      }
    }
    return [...new Set(phrases)].map((text) => ({ text, intent: intent.id }));
  });
  return { examples, vocabulary };
}
