import type { Catalog } from '../catalog/catalog.js';
import { catalogTrainingExamples } from '../nlu/catalog-training-examples.js';
import { extractFieldValues } from '../nlu/extract-field-values.js';
import type { DecisionThresholds } from '../nlu/intent-decision.js';
import { trainOrLoadCached } from '../nlu/model-cache.js';
import type { Understanding } from './engine-deps.js';
import { understandingFrom } from './nlu-understanding.js';

/**
 * Trains the classifier on what `npm run nlu:report` cross-validates (the intents'
 * examples plus the catalog vocabulary), or loads it from the cache.
 */
export async function buildUnderstanding(input: { catalog: Catalog; cacheDir: string; timeZone: string; thresholds?: Partial<DecisionThresholds> }): Promise<Understanding> {
  const { examples, vocabulary } = catalogTrainingExamples(input.catalog);
  const { classifier } = await trainOrLoadCached([...examples, ...vocabulary], {}, input.cacheDir);
  return understandingFrom({
    classifier,
    extractFieldValues: (text, fields, { now }) => extractFieldValues(text, fields, { now, timeZone: input.timeZone }),
    ...(input.thresholds ? { thresholds: input.thresholds } : {}),
  });
}
