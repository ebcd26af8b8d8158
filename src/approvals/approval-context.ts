import type { StepRunner } from '../fulfilment/step-runner.js';
import type { RecordsContext } from '../request-records/records-context.js';

/** What the approval engine needs: the records, and fulfilment to start once the last stage approves. */
export interface ApprovalContext extends RecordsContext {
  stepRunner: StepRunner;
}
