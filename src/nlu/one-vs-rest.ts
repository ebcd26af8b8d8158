import {
  ClassScratch,
  FINISHED_CLASSES,
  isClassFinished,
  progressArrayLength,
  trainClass,
  trainTakenClasses,
  type OneVsRestJob,
  type OneVsRestOptions,
} from './one-vs-rest-job.js';
import { rowSquaredNorms, sharedFloat32, sharedFloat64, sharedInt32, type SparseMatrix } from './sparse-matrix.js';
import type { HelperThread } from './helper-thread.js';

export type { OneVsRestOptions } from './one-vs-rest-job.js';

/** A class the helper took is taken over when nothing has finished for this long... */
const MIN_STALL_MS = 2_000;
/** ...or for this many times the time a class took on this thread, when that is longer. */
const STALL_FACTOR = 20;

/**
 * One linear SVM per class against all other examples. Rows labelled -1 belong to no
 * class and are negatives in every problem, except the problem of
 * `options.outOfScopeClass` when there is one, where they are the positives. Returns weights laid out feature-major,
 * `weights[column * classCount + class]`, with the bias weights as the last row. Given a
 * helper thread, it takes classes from the same shared job; the result does not depend
 * on which thread trained which class.
 */
export function trainOneVsRest(
  matrix: SparseMatrix,
  rowClasses: Int32Array,
  classCount: number,
  options: OneVsRestOptions,
  helper?: HelperThread,
): Float32Array {
  const squaredNorms = sharedFloat64(matrix.rowCount);
  squaredNorms.set(rowSquaredNorms(matrix));
  for (let i = 0; i < squaredNorms.length; i++) squaredNorms[i] += options.bias * options.bias;
  const sharedClasses = sharedInt32(rowClasses.length);
  sharedClasses.set(rowClasses);
  const job: OneVsRestJob = {
    matrix,
    rowClasses: sharedClasses,
    classCount,
    squaredNorms,
    options: { ...options },
    weights: sharedFloat32((matrix.columnCount + 1) * classCount),
    progress: sharedInt32(progressArrayLength(classCount)),
  };
  helper?.share(job);
  const started = performance.now();
  const trainedHere = trainTakenClasses(job);
  const msPerClass = (performance.now() - started) / Math.max(1, trainedHere);
  awaitOtherClasses(job, Math.max(MIN_STALL_MS, STALL_FACTOR * msPerClass));
  return job.weights;
}

/**
 * Blocks until the classes the helper took are finished. This thread cannot hear of a
 * helper's death while blocked, so a class with no progress for `stallMs` is trained here.
 */
function awaitOtherClasses(job: OneVsRestJob, stallMs: number): void {
  for (;;) {
    const finished = Atomics.load(job.progress, FINISHED_CLASSES);
    if (finished >= job.classCount) return;
    if (Atomics.wait(job.progress, FINISHED_CLASSES, finished, stallMs) === 'timed-out') break;
  }
  const scratch = new ClassScratch(job.matrix);
  for (let c = 0; c < job.classCount; c++) if (!isClassFinished(job, c)) trainClass(job, c, scratch);
}
