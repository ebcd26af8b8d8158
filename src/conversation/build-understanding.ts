import type { Catalog } from '../catalog/catalog.js';
import { extractFieldValues } from '../nlu/extract-field-values.js';
import type { DecisionThresholds } from '../nlu/intent-decision.js';
import { trainOrLoadCached } from '../nlu/model-cache.js';
import type { Understanding } from './engine-deps.js';
import { understandingFrom } from './nlu-understanding.js';

/** Trains the classifier on the catalog's intent examples (or loads it from the cache). */
export async function buildUnderstanding(input: { catalog: Catalog; cacheDir: string; timeZone: string; thresholds?: Partial<DecisionThresholds> }): Promise<Understanding> {
  const examples = input.catalog.intents.flatMap((intent) => intent.examples.map((text) => ({ text, intent: intent.id })));
  const { classifier } = await trainOrLoadCached(examples, {}, input.cacheDir);
  return understandingFrom({
    classifier,
    extractFieldValues: (text, fields, { now }) => extractFieldValues(text, fields, { now, timeZone: input.timeZone }),
    ...(input.thresholds ? { thresholds: input.thresholds } : {}),
  });
}
