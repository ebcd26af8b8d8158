import type { StepRunner } from '../fulfilment/step-runner.js';
import type { RecordsContext } from '../request-records/records-context.js';

export type { Log } from '../request-records/records-context.js';

/** Everything the request use cases need, handed in by the composition root. */
export interface LifecycleContext extends RecordsContext {
  stepRunner: StepRunner;
}
