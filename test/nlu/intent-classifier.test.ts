import { describe, expect, it } from 'vitest';
import { loadIntentClassifier, trainIntentClassifier } from '../../src/nlu/intent-classifier.js';
import { decideIntent } from '../../src/nlu/intent-decision.js';
import { IT_REQUESTS } from './it-requests.fixture.js';

const classifier = trainIntentClassifier(IT_REQUESTS);

describe('intent classifier', () => {
  it.each([
    ['my laptop broke, i need a new one', 'request-laptop'],
    ['I forgot my pasword again', 'reset-password'],
    ['the vpn is not working from home', 'incident-network'],
    ['could you install photoshop for me', 'request-software'],
    ['locked out of my account', 'reset-password'],
  ])('When a user says "%s", then %s is ranked first', (text, intent) => {
    expect(classifier.classify(text)[0].intent).toBe(intent);
  });

  it('When classifying, then every intent is ranked, best first, with confidences in 0..1', () => {
    const ranked = classifier.classify('new laptop please');
    expect(ranked.map((r) => r.intent).sort()).toEqual([...classifier.intents].sort());
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].confidence).toBeGreaterThanOrEqual(ranked[i].confidence);
    for (const { confidence } of ranked) {
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });

  it('When examples are labelled out-of-scope, then they are never an intent', () => {
    expect(classifier.intents).not.toContain('oos');
    expect(classifier.intents).toHaveLength(4);
  });

  it('When the out-of-scope label is configured, then examples with that label are negatives only', () => {
    const custom = trainIntentClassifier(
      IT_REQUESTS.map((e) => (e.intent === 'oos' ? { ...e, intent: 'none' } : e)),
      { outOfScopeLabel: 'none' },
    );
    expect(custom.intents).not.toContain('none');
  });

  it.each(['qwxz vbnm plkj', 'asdf', '???', ''])('When a user types gibberish "%s", then the decision is unsure', (text) => {
    const ranked = classifier.classify(text);
    expect(ranked[0].confidence).toBeLessThan(0.5);
    expect(decideIntent(ranked).kind).toBe('unsure');
  });

  it('When a clear request is classified, then the decision is confident', () => {
    expect(decideIntent(classifier.classify('please reset my password'))).toMatchObject({
      kind: 'confident',
      intent: 'reset-password',
    });
  });

  it('When a model goes through toJSON and back, then it ranks every text identically', () => {
    const restored = loadIntentClassifier(JSON.parse(JSON.stringify(classifier.toJSON())));
    expect(restored.intents).toEqual(classifier.intents);
    for (const text of ['need new laptop', 'wifi down', 'what is the weather', 'install excel', 'zzz']) {
      expect(restored.classify(text)).toEqual(classifier.classify(text));
    }
  });

  it.each([
    ['not an object', 'oops'],
    ['a missing field', { format: 'frontdoor-intent-model' }],
    ['weights that do not fit', { ...(classifier.toJSON() as object), weights: 'AAAAAA==' }],
  ])('When loading %s, then a clear error is thrown', (_name, json) => {
    expect(() => loadIntentClassifier(json)).toThrow(/Not a valid intent model/);
  });

  it('When there are no in-scope examples, then training fails with a clear error', () => {
    expect(() => trainIntentClassifier([{ text: 'hello', intent: 'oos' }])).toThrow(/in-scope examples/);
  });
});
