import { describe, expect, it } from 'vitest';
import { trainIntentClassifier, type IntentClassifier, type LabelledText } from '../../src/nlu/intent-classifier.js';
import { RetrainableClassifier } from '../../src/nlu/retrainable-classifier.js';
import { trainInBackground } from '../../src/nlu/train-in-background.js';

const base: LabelledText[] = [
  { text: 'i need a new laptop', intent: 'laptop' }, { text: 'order a macbook', intent: 'laptop' },
  { text: 'hello there', intent: 'greeting' }, { text: 'good morning', intent: 'greeting' },
];
const learnt: LabelledText[] = [{ text: 'frobnicate the widget', intent: 'greeting' }, { text: 'widget frobnication', intent: 'greeting' }];

function deferredTrainer() {
  const calls: Array<{ examples: LabelledText[]; finish: (fail?: boolean) => void }> = [];
  const train = (examples: LabelledText[]) => new Promise<IntentClassifier>((resolve, reject) => {
    calls.push({ examples, finish: (fail) => (fail ? reject(new Error('out of memory')) : resolve(trainIntentClassifier(examples))) });
  });
  return { calls, train };
}

const logs: string[] = [];
const logger = { info: (_: object, m: string) => logs.push(m), error: (_: object, m: string) => logs.push(`error: ${m}`) };
const until = async (check: () => boolean) => { while (!check()) await new Promise((r) => setImmediate(r)); };

describe('RetrainableClassifier', () => {
  it('When retraining is under way, then answers keep coming from the old model until the new one is swapped in', async () => {
    const trainer = deferredTrainer();
    const classifier = new RetrainableClassifier(trainIntentClassifier(base), { train: trainer.train, logger });
    const old = classifier.current;
    const done = classifier.retrain(async () => [...base, ...learnt]);
    await until(() => trainer.calls.length === 1);
    expect(classifier.current).toBe(old);
    expect(classifier.classify('hello there')[0].intent).toBe('greeting');
    trainer.calls[0].finish();
    await done;
    expect(classifier.current).not.toBe(old);
    expect(classifier.classify('frobnicate the widget')[0].intent).toBe('greeting');
  });

  it('When retraining is asked for three times during one training, then one more training runs afterwards, with the latest examples', async () => {
    const trainer = deferredTrainer();
    const classifier = new RetrainableClassifier(trainIntentClassifier(base), { train: trainer.train, logger });
    const first = classifier.retrain(async () => base);
    await until(() => trainer.calls.length === 1);
    void classifier.retrain(async () => [...base, learnt[0]]);
    const last = classifier.retrain(async () => [...base, ...learnt]);
    expect(trainer.calls).toHaveLength(1);
    trainer.calls[0].finish();
    await until(() => trainer.calls.length === 2);
    expect(trainer.calls[1].examples).toHaveLength(base.length + learnt.length);
    trainer.calls[1].finish();
    await Promise.all([first, last, classifier.idle()]);
    expect(trainer.calls).toHaveLength(2);
  });

  it('When training fails, then the old model stays and the failure is logged', async () => {
    const trainer = deferredTrainer();
    const classifier = new RetrainableClassifier(trainIntentClassifier(base), { train: trainer.train, logger });
    const old = classifier.current;
    const done = classifier.retrain(async () => base);
    await until(() => trainer.calls.length === 1);
    trainer.calls[0].finish(true);
    await done;
    expect(classifier.current).toBe(old);
    expect(logs).toContain('error: retraining the intent classifier failed; the previous model stays in use');
  });

  it('When a model is trained in a worker thread, then it classifies like one trained here', async () => {
    const here = trainIntentClassifier(base);
    const there = await trainInBackground(base);
    expect(there.classify('new laptop please')).toEqual(here.classify('new laptop please'));
  });
});
