import type { Catalog } from '../catalog/catalog.js';
import { extractMoreFrom, secondOpinionFrom } from '../llm/llm-understanding.js';
import type { LlmAdvisor } from '../llm/llm-advisor.js';
import { catalogTrainingExamples } from '../nlu/catalog-training-examples.js';
import { extractFieldValues } from '../nlu/extract-field-values.js';
import type { LabelledText } from '../nlu/intent-classifier.js';
import type { DecisionThresholds } from '../nlu/intent-decision.js';
import { trainOrLoadCached } from '../nlu/model-cache.js';
import { RetrainableClassifier, type RetrainLogger } from '../nlu/retrainable-classifier.js';
import { trainInBackground } from '../nlu/train-in-background.js';
import type { Understanding } from './engine-deps.js';
import { understandingFrom } from './nlu-understanding.js';

interface UnderstandingInput {
  catalog: Catalog;
  cacheDir: string;
  timeZone: string;
  thresholds?: Partial<DecisionThresholds>;
  /** A language model's second opinion and extraction; off when absent. */
  llm?: LlmAdvisor;
}

export interface LearningUnderstanding {
  understanding: Understanding;
  classifier: RetrainableClassifier;
  /** Retrains in the background on the catalog plus the accepted examples; never rejects. */
  retrain(): Promise<void>;
}

/**
 * The same understanding over a classifier that learns: examples accepted from triage
 * (stored in the database) are added to the catalog's, and `retrain` swaps a new model
 * in while the old one keeps answering.
 */
export async function buildLearningUnderstanding(input: UnderstandingInput & {
  acceptedExamples: () => Promise<LabelledText[]>;
  logger: RetrainLogger;
}): Promise<LearningUnderstanding> {
  const { examples, vocabulary } = catalogTrainingExamples(input.catalog);
  const trainingSet = async () => [...examples, ...vocabulary, ...(await input.acceptedExamples())];
  const { classifier: initial } = await trainOrLoadCached(await trainingSet(), {}, input.cacheDir);
  const classifier = new RetrainableClassifier(initial, { train: (set) => trainInBackground(set), logger: input.logger });
  return {
    understanding: understandingOver(classifier, input),
    classifier,
    retrain: () => classifier.retrain(trainingSet),
  };
}

function understandingOver(classifier: { classify: Understanding['classify'] }, input: UnderstandingInput): Understanding {
  const extract: Understanding['extractFieldValues'] = (text, fields, options) => extractFieldValues(text, fields, { timeZone: input.timeZone, ...options });
  const local = understandingFrom({ classifier, extractFieldValues: extract, ...(input.thresholds ? { thresholds: input.thresholds } : {}) });
  if (!input.llm) return local;
  return { ...local, secondOpinion: secondOpinionFrom(input.llm, input.catalog), extractMore: extractMoreFrom(input.llm, input.catalog, extract) };
}
