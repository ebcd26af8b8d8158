import { describe, expect, it } from 'vitest';
import {
  operatingPoint,
  outOfScopeAuroc,
  thresholdForAccuracyCost,
  thresholdForOosRecall,
  type ScoredPrediction,
} from '../../src/nlu/out-of-scope-metrics.js';

const inScope = (confidence: number, correct = true): ScoredPrediction => ({ inScope: true, correct, confidence });
const outOfScope = (confidence: number): ScoredPrediction => ({ inScope: false, correct: false, confidence });

describe('out-of-scope metrics', () => {
  const predictions = [inScope(0.9), inScope(0.8), inScope(0.6), inScope(0.3, false), outOfScope(0.5), outOfScope(0.2)];

  it('When a threshold is applied, then in-scope items below it count as wrong and out-of-scope ones as caught', () => {
    expect(operatingPoint(predictions, 0.55)).toEqual({ threshold: 0.55, inScopeAccuracy: 0.75, oosRecall: 1 });
    expect(operatingPoint(predictions, -Infinity)).toMatchObject({ inScopeAccuracy: 0.75, oosRecall: 0 });
  });

  it('When no accuracy may be lost, then the threshold only rejects items that were wrong anyway', () => {
    const point = thresholdForAccuracyCost(predictions, 0);
    expect(point.inScopeAccuracy).toBe(0.75);
    expect(point.oosRecall).toBe(1);
  });

  it('When accuracy can only be kept by accepting everything, then nothing is rejected', () => {
    const point = thresholdForAccuracyCost([inScope(0.1), outOfScope(0.9)], 0);
    expect(point).toMatchObject({ inScopeAccuracy: 1, oosRecall: 0 });
  });

  it('When an out-of-scope recall is required, then the threshold is the lowest that reaches it', () => {
    expect(thresholdForOosRecall(predictions, 0.5)).toMatchObject({ inScopeAccuracy: 0.75, oosRecall: 0.5 });
    expect(thresholdForOosRecall(predictions, 1)).toMatchObject({ inScopeAccuracy: 0.75, oosRecall: 1 });
    const costly = [inScope(0.9), inScope(0.4), outOfScope(0.5), outOfScope(0.2)];
    expect(thresholdForOosRecall(costly, 1)).toMatchObject({ inScopeAccuracy: 0.5, oosRecall: 1 });
    expect(thresholdForOosRecall(costly, 0)).toMatchObject({ inScopeAccuracy: 1, oosRecall: 0 });
  });

  it('When scores separate perfectly, in reverse, or tie, then AUROC is 1, 0 and 0.5', () => {
    expect(outOfScopeAuroc([inScope(0.9), outOfScope(0.1)])).toBe(1);
    expect(outOfScopeAuroc([inScope(0.1), outOfScope(0.9)])).toBe(0);
    expect(outOfScopeAuroc([inScope(0.5), outOfScope(0.5)])).toBe(0.5);
  });
});
