import type { Catalog } from '../catalog/catalog.js';
import type { LabelledText } from './intent-classifier.js';

export interface CatalogTrainingExamples {
  /** The intents' own example utterances. */
  examples: LabelledText[];
  /**
   * Phrases the catalog attaches to an intent elsewhere: its description, and for a
   * request intent the request type's title and keywords and the labels and synonyms of
   * its fields' options and lookup items ("tableau", "netsuite"). They teach product
   * names that the examples cannot all mention; they are not utterances, so
   * cross-validation trains on them but never scores them.
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
      for (const field of requestType.fields) {
        const options = field.options ?? (field.lookup ? (catalog.lookup(field.lookup)?.items ?? []) : []);
        for (const option of options) phrases.push(option.label, ...option.synonyms);
      }
    }
    return [...new Set(phrases)].map((text) => ({ text, intent: intent.id }));
  });
  return { examples, vocabulary };
}
