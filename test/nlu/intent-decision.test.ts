import { describe, expect, it } from 'vitest';
import type { RankedIntent } from '../../src/nlu/intent-classifier.js';
import { decideIntent, type IntentDecision } from '../../src/nlu/intent-decision.js';

const ranked = (...pairs: Array<[string, number]>): RankedIntent[] =>
  pairs.map(([intent, confidence]) => ({ intent, confidence }));

describe('decideIntent', () => {
  it.each<[string, RankedIntent[], IntentDecision['kind'], string[]]>([
    ['a clear winner', ranked(['laptop', 0.92], ['software', 0.2], ['access', 0.1]), 'confident', ['laptop']],
    ['two close plausible intents', ranked(['laptop', 0.7], ['monitor', 0.62], ['access', 0.1]), 'ambiguous', ['laptop', 'monitor']],
    ['three close plausible intents', ranked(['a', 0.55], ['b', 0.5], ['c', 0.45], ['d', 0.1]), 'ambiguous', ['a', 'b', 'c']],
    ['a high winner without a lead', ranked(['a', 0.95], ['b', 0.9], ['c', 0.1]), 'ambiguous', ['a', 'b']],
    ['one weak guess', ranked(['laptop', 0.42], ['software', 0.1], ['access', 0.05]), 'unsure', ['laptop', 'software', 'access']],
    ['nothing plausible', ranked(['a', 0.2], ['b', 0.19], ['c', 0.18]), 'unsure', ['a', 'b', 'c']],
    ['no intents at all', [], 'unsure', []],
  ])('When the ranking shows %s, then the decision is %s', (_name, input, kind, intents) => {
    const decision = decideIntent(input);
    expect(decision.kind).toBe(kind);
    const chosen = decision.kind === 'confident' ? [decision.intent] : decision.candidates.map((c) => c.intent);
    expect(chosen).toEqual(intents);
  });

  it('When thresholds are given, then they replace the defaults', () => {
    const input = ranked(['a', 0.45], ['b', 0.1]);
    expect(decideIntent(input).kind).toBe('unsure');
    expect(decideIntent(input, { confident: 0.4, margin: 0.2, candidate: 0.3, ambiguityWindow: 0.25 }).kind).toBe('confident');
  });
});
