// Runs in a worker thread: waits for a one-vs-rest job in shared memory, then trains its
// classes alongside the thread that started it until no class is left to take.
import { parentPort } from 'node:worker_threads';
import { trainTakenClasses, type OneVsRestJob } from './one-vs-rest-job.js';

parentPort?.once('message', (job: OneVsRestJob) => {
  trainTakenClasses(job);
});
