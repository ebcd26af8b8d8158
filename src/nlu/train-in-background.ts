import { loadIntentClassifier, type IntentClassifier, type LabelledText, type TrainOptions } from './intent-classifier.js';
import { startWorker } from './start-worker.js';

/** Trains in a worker thread, so answering goes on meanwhile, and loads the result here. */
export function trainInBackground(examples: LabelledText[], options: Partial<TrainOptions> = {}): Promise<IntentClassifier> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('training-worker', { workerData: { examples, options } });
    let settled = false;
    worker.once('message', (message: { ok: boolean; model?: unknown; message?: string }) => {
      settled = true;
      void worker.terminate();
      try {
        if (!message.ok) throw new Error(message.message ?? 'training failed');
        resolve(loadIntentClassifier(message.model));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.once('error', (error) => { settled = true; reject(error); });
    worker.once('exit', (code) => { if (!settled) reject(new Error(`training worker exited with code ${code}`)); });
  });
}
