import type { SparseVector } from './sparse-vector.js';
import { textFeatures, type FeatureOptions } from './text-features.js';
import { EmbeddingLookup, type WordEmbedding } from './word-embedding.js';

/** The trained parameters of the classifier; everything needed to score a text. */
export interface LinearIntentParameters {
  intents: string[];
  featureOptions: FeatureOptions;
  /** Hash of the feature in each column. */
  featureHashes: Uint32Array;
  /** Feature-major weights, `weights[column * intents.length + intent]`; bias row last. */
  weights: Float32Array;
  bias: number;
  /** Word vectors learnt from the training utterances, an input of the features. */
  embedding: WordEmbedding;
}

/** Scores texts against every intent with the one-vs-rest linear SVMs. */
export class LinearIntentModel {
  readonly parameters: LinearIntentParameters;
  private readonly columnOfHash = new Map<number, number>();
  private readonly embedding: EmbeddingLookup;

  constructor(parameters: LinearIntentParameters) {
    this.parameters = parameters;
    this.embedding = new EmbeddingLookup(parameters.embedding);
    parameters.featureHashes.forEach((hash, column) => this.columnOfHash.set(hash, column));
  }

  get intentCount(): number {
    return this.parameters.intents.length;
  }

  features(text: string): SparseVector {
    return textFeatures(text, this.parameters.featureOptions, this.embedding);
  }

  /** Raw SVM decision values, one per intent. */
  scores(features: SparseVector): Float64Array {
    const { weights, bias, featureHashes } = this.parameters;
    const classCount = this.intentCount;
    const scores = new Float64Array(classCount);
    const biasOffset = featureHashes.length * classCount;
    for (let c = 0; c < classCount; c++) scores[c] = weights[biasOffset + c] * bias;
    for (let k = 0; k < features.indices.length; k++) {
      const column = this.columnOfHash.get(features.indices[k]);
      if (column === undefined) continue;
      const value = features.values[k];
      const offset = column * classCount;
      for (let c = 0; c < classCount; c++) scores[c] += weights[offset + c] * value;
    }
    return scores;
  }

  /** Share of the text's feature mass that the model has seen in training. */
  knownFeatureShare(features: SparseVector): number {
    let known = 0;
    let total = 0;
    for (let k = 0; k < features.indices.length; k++) {
      const squared = features.values[k] * features.values[k];
      total += squared;
      if (this.columnOfHash.has(features.indices[k])) known += squared;
    }
    return total === 0 ? 0 : known / total;
  }
}
