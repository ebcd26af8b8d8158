/** One evaluated utterance: is it in scope, was the top intent right, and its confidence. */
export interface ScoredPrediction {
  inScope: boolean;
  correct: boolean;
  confidence: number;
}

export interface OperatingPoint {
  /** Predictions below this confidence are treated as out-of-scope. */
  threshold: number;
  /** Share of in-scope items classified correctly and above the threshold. */
  inScopeAccuracy: number;
  /** Share of out-of-scope items below the threshold. */
  oosRecall: number;
}

export function operatingPoint(predictions: readonly ScoredPrediction[], threshold: number): OperatingPoint {
  let inScope = 0;
  let accepted = 0;
  let outOfScope = 0;
  let rejected = 0;
  for (const p of predictions) {
    if (p.inScope) {
      inScope++;
      if (p.correct && p.confidence >= threshold) accepted++;
    } else {
      outOfScope++;
      if (p.confidence < threshold) rejected++;
    }
  }
  return {
    threshold,
    inScopeAccuracy: inScope === 0 ? 0 : accepted / inScope,
    oosRecall: outOfScope === 0 ? 0 : rejected / outOfScope,
  };
}

/**
 * Candidate thresholds in increasing order: accept everything, cut midway between two
 * observed confidences, or reject everything.
 */
function candidateThresholds(predictions: readonly ScoredPrediction[]): number[] {
  const sorted = [...new Set(predictions.map((p) => p.confidence))].sort((a, b) => a - b);
  const cuts = [-Infinity];
  for (let i = 1; i < sorted.length; i++) cuts.push((sorted[i - 1] + sorted[i]) / 2);
  cuts.push(Infinity);
  return cuts;
}

/**
 * The threshold with the highest out-of-scope recall that costs at most `accuracyCost`
 * of in-scope accuracy (a fraction, e.g. 0.01 for one point) against accepting everything.
 */
export function thresholdForAccuracyCost(predictions: readonly ScoredPrediction[], accuracyCost: number): OperatingPoint {
  const baseline = operatingPoint(predictions, -Infinity).inScopeAccuracy;
  let best = operatingPoint(predictions, -Infinity);
  for (const threshold of candidateThresholds(predictions)) {
    const point = operatingPoint(predictions, threshold);
    if (point.inScopeAccuracy < baseline - accuracyCost - 1e-12) break;
    if (point.oosRecall > best.oosRecall) best = point;
  }
  return best;
}

/**
 * The threshold that keeps the most in-scope accuracy while rejecting at least `minOosRecall`
 * of the out-of-scope items (a fraction, e.g. 0.6): the lowest threshold that gets there,
 * as raising it never gains accuracy.
 */
export function thresholdForOosRecall(predictions: readonly ScoredPrediction[], minOosRecall: number): OperatingPoint {
  for (const threshold of candidateThresholds(predictions)) {
    const point = operatingPoint(predictions, threshold);
    if (point.oosRecall >= minOosRecall - 1e-12) return point;
  }
  return operatingPoint(predictions, Infinity);
}

/** Probability that an in-scope item gets a higher confidence than an out-of-scope one. */
export function outOfScopeAuroc(predictions: readonly ScoredPrediction[]): number {
  const sorted = [...predictions].sort((a, b) => a.confidence - b.confidence);
  let inScopeCount = 0;
  let outOfScopeCount = 0;
  let rankSum = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j < sorted.length && sorted[j].confidence === sorted[i].confidence) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (sorted[k].inScope) {
        inScopeCount++;
        rankSum += averageRank;
      } else {
        outOfScopeCount++;
      }
    }
    i = j;
  }
  if (inScopeCount === 0 || outOfScopeCount === 0) return Number.NaN;
  return (rankSum - (inScopeCount * (inScopeCount + 1)) / 2) / (inScopeCount * outOfScopeCount);
}
