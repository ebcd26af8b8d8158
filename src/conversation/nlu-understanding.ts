import type { ExtractFieldValues } from '../dialog/answers/answer-context.js';
import { decideIntent, DEFAULT_DECISION_THRESHOLDS, type DecisionThresholds } from '../nlu/intent-decision.js';
import type { Understanding } from './engine-deps.js';

/** The NLU's classifier, decision and extraction as the engine's one `understanding` port. */
export function understandingFrom(input: {
  classifier: { classify(text: string): Array<{ intent: string; confidence: number }> };
  extractFieldValues: ExtractFieldValues;
  thresholds?: Partial<DecisionThresholds>;
}): Understanding {
  const thresholds = { ...DEFAULT_DECISION_THRESHOLDS, ...input.thresholds };
  return {
    classify: (text) => input.classifier.classify(text),
    decide: (ranked) => decideIntent(ranked, thresholds),
    extractFieldValues: input.extractFieldValues,
  };
}
