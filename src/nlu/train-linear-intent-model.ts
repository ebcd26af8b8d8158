import { HelperThread } from './helper-thread.js';
import { LinearIntentModel } from './linear-intent-model.js';
import { addNaiveBayesWeights, type NaiveBayesOptions } from './naive-bayes-weights.js';
import { trainOneVsRest, type OneVsRestOptions } from './one-vs-rest.js';
import { subtractOutOfScopeScore } from './out-of-scope-score.js';
import { SparseMatrixBuilder } from './sparse-matrix.js';
import { tokenFeatures, wordFeatureIds, type FeatureOptions } from './text-features.js';
import { stem, tokenize } from './tokenize.js';
import { EmbeddingLookup, learnWordEmbedding } from './word-embedding.js';

export interface LinearTrainingOptions {
  svm: OneVsRestOptions;
  features: FeatureOptions;
  naiveBayes: NaiveBayesOptions;
  outOfScopeLabel: string;
  /** Share of the out-of-scope problem's score taken from every intent's score (0: not trained). */
  outOfScopeScoreWeight: number;
}

export interface LabelledExample {
  text: string;
  intent: string;
}

/**
 * Word vectors from a few hundred utterances mostly echo the intents' own examples: on the
 * sample catalog (~500) they cost a point of cross-validated accuracy, on CLINC150 (15,000)
 * they gain half to one point of in-scope accuracy.
 */
const MIN_EXAMPLES_FOR_EMBEDDING = 2000;

/**
 * Below this many examples times intents, a second thread costs more to start than it
 * saves: the sample catalog (~25,000) trains on one thread, CLINC150 (2.3 million) on two.
 */
const MIN_WORK_FOR_HELPER_THREAD = 500_000;

/**
 * Trains the one-vs-rest model, plus naive Bayes folded into its weights; examples with the
 * out-of-scope label are negatives only.
 */
export function trainLinearIntentModel(
  examples: readonly LabelledExample[],
  options: LinearTrainingOptions,
): LinearIntentModel {
  const intents = [...new Set(examples.map((e) => e.intent).filter((i) => i !== options.outOfScopeLabel))].sort();
  if (intents.length === 0) throw new Error('Cannot train an intent classifier without in-scope examples');
  const intentIndex = new Map(intents.map((intent, index) => [intent, index]));
  const helper = examples.length * intents.length >= MIN_WORK_FOR_HELPER_THREAD ? HelperThread.start() : undefined;
  try {
    return trainWith(examples, intents, intentIndex, options, helper);
  } finally {
    helper?.stop();
  }
}

function trainWith(
  examples: readonly LabelledExample[],
  intents: string[],
  intentIndex: Map<string, number>,
  options: LinearTrainingOptions,
  helper: HelperThread | undefined,
): LinearIntentModel {
  const tokens = examples.map((e) => tokenize(e.text));
  const stems = tokens.map((t) => t.map(stem));
  const embedding = learnWordEmbedding(
    stems,
    examples.length >= MIN_EXAMPLES_FOR_EMBEDDING ? options.features.embeddingDimensions : 0,
    options.svm.seed,
  );
  const lookup = new EmbeddingLookup(embedding);
  const builder = new SparseMatrixBuilder(examples.length);
  for (let i = 0; i < examples.length; i++) builder.addRow(tokenFeatures(tokens[i], stems[i], options.features, lookup));
  const { matrix, featureHashes } = builder.finish();
  const rowClasses = Int32Array.from(examples, (e) => intentIndex.get(e.intent) ?? -1);
  const outOfScopeClass = options.outOfScopeScoreWeight > 0 && rowClasses.includes(-1) ? intents.length : -1;
  const classCount = intents.length + (outOfScopeClass >= 0 ? 1 : 0);
  const trained = trainOneVsRest(matrix, rowClasses, classCount, { ...options.svm, outOfScopeClass }, helper);
  const weights =
    outOfScopeClass >= 0 ? subtractOutOfScopeScore(trained, intents.length, options.outOfScopeScoreWeight, options.svm.bias) : trained;
  // Naive Bayes over the words only: over character n-grams it read gibberish made of common
  // n-grams ("plimf zark") as a confident request.
  const wordIds = wordFeatureIds(stems);
  const countColumns = Uint8Array.from(featureHashes, (hash) => (wordIds.has(hash) ? 1 : 0));
  addNaiveBayesWeights(matrix, rowClasses, intents.length, countColumns, weights, options.naiveBayes);
  return new LinearIntentModel({
    intents,
    featureOptions: options.features,
    featureHashes,
    weights,
    bias: options.svm.bias,
    embedding,
  });
}
