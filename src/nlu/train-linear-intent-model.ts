import { LinearIntentModel } from './linear-intent-model.js';
import { trainOneVsRest, type OneVsRestOptions } from './one-vs-rest.js';
import type { SparseMatrix } from './sparse-matrix.js';
import type { SparseVector } from './sparse-vector.js';
import { textFeatures, textStems, type FeatureOptions } from './text-features.js';
import { EmbeddingLookup, learnWordEmbedding } from './word-embedding.js';

export interface LinearTrainingOptions {
  svm: OneVsRestOptions;
  features: FeatureOptions;
  outOfScopeLabel: string;
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

/** Trains the one-vs-rest model; examples with the out-of-scope label are negatives only. */
export function trainLinearIntentModel(
  examples: readonly LabelledExample[],
  options: LinearTrainingOptions,
): LinearIntentModel {
  const intents = [...new Set(examples.map((e) => e.intent).filter((i) => i !== options.outOfScopeLabel))].sort();
  if (intents.length === 0) throw new Error('Cannot train an intent classifier without in-scope examples');
  const intentIndex = new Map(intents.map((intent, index) => [intent, index]));
  const embedding = learnWordEmbedding(
    examples.map((e) => textStems(e.text)),
    examples.length >= MIN_EXAMPLES_FOR_EMBEDDING ? options.features.embeddingDimensions : 0,
    options.svm.seed,
  );
  const lookup = new EmbeddingLookup(embedding);
  const { matrix, featureHashes } = buildMatrix(examples.map((e) => textFeatures(e.text, options.features, lookup)));
  const rowClasses = Int32Array.from(examples, (e) => intentIndex.get(e.intent) ?? -1);
  const weights = trainOneVsRest(matrix, rowClasses, intents.length, options.svm);
  return new LinearIntentModel({
    intents,
    featureOptions: options.features,
    featureHashes,
    weights,
    bias: options.svm.bias,
    embedding,
  });
}

function buildMatrix(vectors: readonly SparseVector[]): { matrix: SparseMatrix; featureHashes: Uint32Array } {
  const columnOfHash = new Map<number, number>();
  const hashes: number[] = [];
  let nonZeros = 0;
  for (const vector of vectors) {
    nonZeros += vector.indices.length;
    for (const hash of vector.indices) {
      if (!columnOfHash.has(hash)) {
        columnOfHash.set(hash, hashes.length);
        hashes.push(hash);
      }
    }
  }
  const rowStarts = new Int32Array(vectors.length + 1);
  const columns = new Int32Array(nonZeros);
  const values = new Float32Array(nonZeros);
  let k = 0;
  vectors.forEach((vector, row) => {
    for (let j = 0; j < vector.indices.length; j++) {
      columns[k] = columnOfHash.get(vector.indices[j]) as number;
      values[k] = vector.values[j];
      k++;
    }
    rowStarts[row + 1] = k;
  });
  return {
    matrix: { rowCount: vectors.length, columnCount: hashes.length, rowStarts, columns, values },
    featureHashes: Uint32Array.from(hashes),
  };
}
