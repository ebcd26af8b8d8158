import { describe, expect, it } from 'vitest';
import { crossValidate } from '../../src/nlu/cross-validate.js';
import type { LabelledText } from '../../src/nlu/intent-classifier.js';
import { IT_REQUESTS } from './it-requests.fixture.js';

describe('cross-validation', () => {
  it('When intents are well separated, then accuracy is high and every intent gets precision and recall', () => {
    const report = crossValidate(IT_REQUESTS, { folds: 3 });
    expect(report.accuracy).toBeGreaterThan(0.6);
    expect(report.perIntent.map((s) => s.intent)).toEqual([
      'incident-network',
      'request-laptop',
      'request-software',
      'reset-password',
    ]);
    expect(report.perIntent.reduce((sum, s) => sum + s.support, 0)).toBe(24);
  });

  it('When two intents share their examples, then they are reported as a confused pair', () => {
    const shared = ['install photoshop', 'i need excel', 'get me visual studio', 'licence for acrobat', 'install zoom'];
    const examples: LabelledText[] = [
      ...IT_REQUESTS.filter((e) => e.intent !== 'request-software'),
      ...shared.map((text) => ({ text, intent: 'request-software' })),
      ...shared.map((text) => ({ text, intent: 'install-application' })),
    ];
    const report = crossValidate(examples, { folds: 5 });
    const pairs = report.confusedPairs.slice(0, 2).map((p) => [p.expected, p.predicted].sort().join(' / '));
    expect(pairs).toContain('install-application / request-software');
    const software = report.perIntent.find((s) => s.intent === 'request-software');
    expect(software?.recall).toBeLessThan(1);
  });

  it('When fewer than two folds are asked for, then it refuses', () => {
    expect(() => crossValidate(IT_REQUESTS, { folds: 1 })).toThrow(/2 folds/);
  });
});

describe('cross-validation with training-only examples', () => {
  it('When phrases are given as training-only, then they teach the model but are never scored', () => {
    const examples: LabelledText[] = [
      ...['install photoshop', 'i need excel', 'get me visual studio', 'licence for acrobat'].map((text) => ({ text, intent: 'software' })),
      ...['wifi is down', 'no internet', 'vpn broken', 'network slow'].map((text) => ({ text, intent: 'network' })),
    ];
    const report = crossValidate(examples, { folds: 4, trainingOnly: [{ text: 'tableau', intent: 'software' }] });
    expect(report.perIntent.reduce((sum, s) => sum + s.support, 0)).toBe(examples.length);
  });
});
