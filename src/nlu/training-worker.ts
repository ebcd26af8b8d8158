// Runs in a worker thread: trains a classifier and posts its JSON back, so the main
// thread keeps answering while the SVMs fit.
import { parentPort, workerData } from 'node:worker_threads';
import { trainIntentClassifier, type LabelledText, type TrainOptions } from './intent-classifier.js';

const input = workerData as { examples: LabelledText[]; options: Partial<TrainOptions> };
try {
  parentPort?.postMessage({ ok: true, model: trainIntentClassifier(input.examples, input.options).toJSON() });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
