import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadIntentClassifier, type IntentClassifier, type LabelledText, type TrainOptions } from './intent-classifier.js';

const typescriptSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(`./training-worker.${typescriptSource ? 'ts' : 'js'}`, import.meta.url);

/**
 * A worker that runs the training module. The code runs from TypeScript sources through
 * tsx, whose loader a worker does not inherit, so the worker imports the module through
 * tsx's API.
 */
function startWorker(workerData: unknown): Worker {
  if (!typescriptSource) return new Worker(workerFile, { workerData });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(workerFile.href)}, ${JSON.stringify(fileURLToPath(import.meta.url))}))`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Trains in a worker thread, so answering goes on meanwhile, and loads the result here. */
export function trainInBackground(examples: LabelledText[], options: Partial<TrainOptions> = {}): Promise<IntentClassifier> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ examples, options });
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
