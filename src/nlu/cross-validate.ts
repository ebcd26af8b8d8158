import { trainIntentClassifier, type LabelledText, type TrainOptions } from './intent-classifier.js';
import { seededRandom } from './random.js';

export interface IntentScores {
  intent: string;
  precision: number;
  recall: number;
  /** Number of held-out examples of this intent. */
  support: number;
}

export interface ConfusedPair {
  /** The true intent. */
  expected: string;
  /** What the classifier said instead. */
  predicted: string;
  count: number;
}

export interface CrossValidationReport {
  folds: number;
  accuracy: number;
  perIntent: IntentScores[];
  /** Most frequent mistakes, most frequent first. */
  confusedPairs: ConfusedPair[];
}

export interface CrossValidationOptions {
  folds: number;
  seed: number;
  maxConfusedPairs: number;
  train: Partial<TrainOptions>;
  /** Added to the training data of every fold and never held out (e.g. catalog vocabulary). */
  trainingOnly: readonly LabelledText[];
}

const DEFAULTS: CrossValidationOptions = { folds: 5, seed: 1, maxConfusedPairs: 10, train: {}, trainingOnly: [] };

/**
 * Stratified k-fold cross-validation: every intent's examples are shuffled and dealt
 * round-robin into the folds, so each fold holds out a share of every intent.
 */
export function crossValidate(
  examples: readonly LabelledText[],
  options: Partial<CrossValidationOptions> = {},
): CrossValidationReport {
  const { folds, seed, maxConfusedPairs, train, trainingOnly } = { ...DEFAULTS, ...options };
  if (folds < 2) throw new Error('Cross-validation needs at least 2 folds');
  const foldOf = assignFolds(examples, folds, seed);
  const outOfScopeLabel = train.outOfScopeLabel ?? 'oos';

  const confusion = new Map<string, Map<string, number>>();
  let correct = 0;
  let evaluated = 0;
  for (let fold = 0; fold < folds; fold++) {
    const training = [...examples.filter((_, i) => foldOf[i] !== fold), ...trainingOnly];
    const heldOut = examples.filter((e, i) => foldOf[i] === fold && e.intent !== outOfScopeLabel);
    if (heldOut.length === 0 || !training.some((e) => e.intent !== outOfScopeLabel)) continue;
    const classifier = trainIntentClassifier(training, train);
    for (const example of heldOut) {
      const predicted = classifier.classify(example.text)[0]?.intent ?? '';
      const row = confusion.get(example.intent) ?? new Map<string, number>();
      row.set(predicted, (row.get(predicted) ?? 0) + 1);
      confusion.set(example.intent, row);
      evaluated++;
      if (predicted === example.intent) correct++;
    }
  }
  return {
    folds,
    accuracy: evaluated === 0 ? 0 : correct / evaluated,
    perIntent: intentScores(confusion),
    confusedPairs: mostConfused(confusion, maxConfusedPairs),
  };
}

function assignFolds(examples: readonly LabelledText[], folds: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const byIntent = new Map<string, number[]>();
  examples.forEach((e, i) => byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), i]));
  const foldOf = new Int32Array(examples.length);
  let offset = 0;
  for (const indices of byIntent.values()) {
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j], indices[i]];
    }
    // Continue the round-robin where the previous intent stopped, so small intents do
    // not all land in the first folds.
    indices.forEach((index, k) => (foldOf[index] = (offset + k) % folds));
    offset = (offset + indices.length) % folds;
  }
  return foldOf;
}

function intentScores(confusion: Map<string, Map<string, number>>): IntentScores[] {
  const predictedCounts = new Map<string, number>();
  for (const row of confusion.values()) {
    for (const [predicted, count] of row) predictedCounts.set(predicted, (predictedCounts.get(predicted) ?? 0) + count);
  }
  return [...confusion.entries()]
    .map(([intent, row]) => {
      const support = [...row.values()].reduce((sum, count) => sum + count, 0);
      const truePositives = row.get(intent) ?? 0;
      const predicted = predictedCounts.get(intent) ?? 0;
      return {
        intent,
        precision: predicted === 0 ? 0 : truePositives / predicted,
        recall: support === 0 ? 0 : truePositives / support,
        support,
      };
    })
    .sort((a, b) => a.intent.localeCompare(b.intent));
}

function mostConfused(confusion: Map<string, Map<string, number>>, limit: number): ConfusedPair[] {
  const pairs: ConfusedPair[] = [];
  for (const [expected, row] of confusion) {
    for (const [predicted, count] of row) if (predicted !== expected) pairs.push({ expected, predicted, count });
  }
  return pairs
    .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.predicted.localeCompare(b.predicted))
    .slice(0, limit);
}
