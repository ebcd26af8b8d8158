import { SvmWorkspace, trainBinarySvm, type BinarySvmOptions } from './linear-svm.js';
import type { SparseMatrix } from './sparse-matrix.js';

export interface OneVsRestOptions extends BinarySvmOptions {
  /** Cost C of the positive examples of each problem. */
  cost: number;
  /** Multiplier of C for the negatives (below 1 balances 1 positive class against many). */
  negativeCostRatio: number;
  /** Multiplier of C for examples of no class (out-of-scope), negatives in every problem. */
  outOfScopeCostRatio: number;
  /**
   * A class whose positives are the examples of no class (-1 for none): the problem that
   * tells out-of-scope examples from all the others.
   */
  outOfScopeClass?: number;
}

/**
 * The classes of a one-vs-rest model to train, in shared memory so that threads can take
 * classes from it until none are left. Every array is read-only except `weights` (each
 * class writes its own entries) and `progress`.
 */
export interface OneVsRestJob {
  matrix: SparseMatrix;
  /** Class of each row; -1 for rows of no class (negatives in every problem). */
  rowClasses: Int32Array;
  classCount: number;
  /** Squared norm of each row, bias included. */
  squaredNorms: Float64Array;
  options: OneVsRestOptions;
  /** Feature-major, `weights[column * classCount + class]`, bias weights as the last row. */
  weights: Float32Array;
  /** [next class to take, classes finished], then one state per class (see below). */
  progress: Int32Array;
}

export const NEXT_CLASS = 0;
export const FINISHED_CLASSES = 1;
const CLASS_STATES = 2;
const FINISHED = 2;

/** Arrays one thread reuses from class to class. */
export class ClassScratch {
  readonly labels: Int8Array;
  readonly costs: Float64Array;
  readonly workspace: SvmWorkspace;

  constructor(matrix: SparseMatrix) {
    this.labels = new Int8Array(matrix.rowCount);
    this.costs = new Float64Array(matrix.rowCount);
    this.workspace = new SvmWorkspace(matrix.rowCount, matrix.columnCount);
  }
}

/** Marks a class taken; the result is the class, or -1 when all are taken. */
function takeClass(job: OneVsRestJob): number {
  const c = Atomics.add(job.progress, NEXT_CLASS, 1);
  return c < job.classCount ? c : -1;
}

export function isClassFinished(job: OneVsRestJob, c: number): boolean {
  return Atomics.load(job.progress, CLASS_STATES + c) === FINISHED;
}

/** Takes and trains classes until none are left untaken; returns how many it trained. */
export function trainTakenClasses(job: OneVsRestJob): number {
  const scratch = new ClassScratch(job.matrix);
  let trained = 0;
  for (let c = takeClass(job); c >= 0; c = takeClass(job)) {
    trainClass(job, c, scratch);
    trained++;
  }
  return trained;
}

/**
 * Trains one class into `weights`. Training is deterministic, so a class trained twice
 * (by a thread taking over from a stalled one) writes the same values both times.
 */
export function trainClass(job: OneVsRestJob, c: number, scratch: ClassScratch): void {
  const { matrix, rowClasses, classCount, squaredNorms, options, weights } = job;
  const { labels, costs, workspace } = scratch;
  const positiveClass = c === options.outOfScopeClass ? -1 : c;
  for (let i = 0; i < matrix.rowCount; i++) {
    const rowClass = rowClasses[i];
    const positive = rowClass === positiveClass;
    labels[i] = positive ? 1 : -1;
    costs[i] = options.cost * (positive ? 1 : rowClass < 0 ? options.outOfScopeCostRatio : options.negativeCostRatio);
  }
  const classWeights = trainBinarySvm({ matrix, squaredNorms, labels, costs }, { ...options, seed: options.seed + c }, workspace);
  for (let column = 0; column <= matrix.columnCount; column++) weights[column * classCount + c] = classWeights[column];
  if (Atomics.exchange(job.progress, CLASS_STATES + c, FINISHED) !== FINISHED) {
    Atomics.add(job.progress, FINISHED_CLASSES, 1);
    Atomics.notify(job.progress, FINISHED_CLASSES);
  }
}

export function progressArrayLength(classCount: number): number {
  return CLASS_STATES + classCount;
}
