import type { FulfilmentRequests } from '../fulfilment/fulfilment.js';
import type { RecordsContext } from '../request-records/records-context.js';

/** What the approval engine needs: the records, and fulfilment to start once the last stage approves. */
export interface ApprovalContext extends RecordsContext {
  fulfilment: FulfilmentRequests;
}
