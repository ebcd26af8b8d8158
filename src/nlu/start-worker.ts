import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerStartOptions {
  workerData?: unknown;
  /**
   * For small compute-only modules that use no `import.meta`: from TypeScript sources they
   * load through tsx's CommonJS hook (no loader hooks thread) with esbuild's own thread
   * off, and the worker's young generation is kept small. Together that is ~50 MB less
   * resident memory than a default worker on the ESM loader.
   */
  lean?: boolean;
}

/**
 * Starts a worker thread on a module of this folder, given by its base name. From
 * TypeScript sources the code runs through tsx, whose loader a worker does not inherit,
 * so the worker imports the module through tsx's API.
 */
export function startWorker(moduleName: string, { workerData, lean = false }: WorkerStartOptions = {}): Worker {
  const typescriptSource = import.meta.url.endsWith('.ts');
  const workerFile = new URL(`./${moduleName}.${typescriptSource ? 'ts' : 'js'}`, import.meta.url);
  const resourceLimits = lean ? { maxYoungGenerationSizeMb: 4 } : undefined;
  if (!typescriptSource) return new Worker(workerFile, { workerData, resourceLimits });
  const here = JSON.stringify(fileURLToPath(import.meta.url));
  if (lean) {
    const tsxApi = JSON.stringify(createRequire(import.meta.url).resolve('tsx/cjs/api'));
    const bootstrap = `require(${tsxApi}).require(${JSON.stringify(fileURLToPath(workerFile))}, ${here})`;
    return new Worker(bootstrap, { eval: true, workerData, resourceLimits, env: { ...process.env, ESBUILD_WORKER_THREADS: '0' } });
  }
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(workerFile.href)}, ${here}))`;
  return new Worker(bootstrap, { eval: true, workerData });
}
