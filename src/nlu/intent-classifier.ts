import { LinearIntentModel } from './linear-intent-model.js';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from './text-features.js';
import { trainLinearIntentModel } from './train-linear-intent-model.js';
import { intentModelFromJson, intentModelToJson } from './intent-model-json.js';

export interface LabelledText {
  text: string;
  intent: string;
}

export interface RankedIntent {
  intent: string;
  /** 0..1, higher is surer. */
  confidence: number;
}

export interface IntentClassifier {
  /** Every intent, best first. */
  classify(text: string): RankedIntent[];
  readonly intents: readonly string[];
  /** Serialisable model, read back by `loadIntentClassifier`. */
  toJSON(): unknown;
}

export interface TrainOptions {
  /** Examples with this label are negatives for every intent and never predicted. */
  outOfScopeLabel: string;
  /** SVM cost C: higher fits the examples more closely. */
  cost: number;
  /** Cost multiplier for the negatives of each one-vs-rest problem. */
  negativeCostRatio: number;
  /** Cost multiplier for out-of-scope examples. */
  outOfScopeCostRatio: number;
  /**
   * Given out-of-scope examples, a one-vs-rest problem also learns them, and this share of
   * its score is taken from every intent's score (lowering the confidence, not the ranking).
   */
  outOfScopeScoreWeight: number;
  loss: 'l1' | 'l2';
  tolerance: number;
  maxEpochs: number;
  /** Rows at alpha 0 with a gradient above this are shrunk from the first epoch. */
  initialShrinkBound: number;
  seed: number;
  features: FeatureOptions;
  /** Share of naive Bayes log-likelihoods added to the SVM scores, and their count smoothing. */
  naiveBayesWeight: number;
  naiveBayesSmoothing: number;
  /** Slope of the logistic curve that maps an SVM score to a confidence. */
  confidenceScale: number;
}

/** Bumped whenever training or the model format changes, so cached models are retrained. */
export const INTENT_MODEL_VERSION = 4;

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  outOfScopeLabel: 'oos',
  cost: 1,
  negativeCostRatio: 1,
  outOfScopeCostRatio: 1,
  outOfScopeScoreWeight: 0.5,
  loss: 'l2',
  tolerance: 0.1,
  maxEpochs: 50,
  initialShrinkBound: 0.1,
  seed: 1,
  features: DEFAULT_FEATURE_OPTIONS,
  naiveBayesWeight: 0.02,
  naiveBayesSmoothing: 0.003,
  confidenceScale: 4,
};

export function resolveTrainOptions(options: Partial<TrainOptions> = {}): TrainOptions {
  return {
    ...DEFAULT_TRAIN_OPTIONS,
    ...options,
    features: { ...DEFAULT_TRAIN_OPTIONS.features, ...options.features },
  };
}

export function trainIntentClassifier(
  examples: LabelledText[],
  options: Partial<TrainOptions> = {},
): IntentClassifier {
  const resolved = resolveTrainOptions(options);
  const model = trainLinearIntentModel(examples, {
    outOfScopeLabel: resolved.outOfScopeLabel,
    outOfScopeScoreWeight: resolved.outOfScopeScoreWeight,
    features: resolved.features,
    naiveBayes: { weight: resolved.naiveBayesWeight, smoothing: resolved.naiveBayesSmoothing },
    svm: { ...resolved, bias: 1 },
  });
  return new SvmIntentClassifier(model, resolved.confidenceScale);
}

/** Reads a model written by `toJSON`; throws an error saying what is wrong with bad input. */
export function loadIntentClassifier(json: unknown): IntentClassifier {
  const { parameters, confidenceScale } = intentModelFromJson(json);
  return new SvmIntentClassifier(new LinearIntentModel(parameters), confidenceScale);
}

class SvmIntentClassifier implements IntentClassifier {
  readonly intents: readonly string[];

  constructor(
    private readonly model: LinearIntentModel,
    private readonly confidenceScale: number,
  ) {
    this.intents = model.parameters.intents;
  }

  classify(text: string): RankedIntent[] {
    const scores = this.model.scores(this.model.features(text));
    const ranked: RankedIntent[] = [];
    for (let c = 0; c < scores.length; c++) {
      ranked.push({ intent: this.intents[c], confidence: 1 / (1 + Math.exp(-this.confidenceScale * scores[c])) });
    }
    return ranked.sort((a, b) => b.confidence - a.confidence);
  }

  toJSON(): unknown {
    return intentModelToJson(this.model.parameters, this.confidenceScale);
  }
}
