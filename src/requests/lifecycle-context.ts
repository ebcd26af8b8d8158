import type { FulfilmentRequests } from '../fulfilment/fulfilment.js';
import type { FieldCipher } from '../request-records/sealed-values.js';
import type { RecordsContext } from '../request-records/records-context.js';

export type { Log } from '../request-records/records-context.js';

/** Everything the request use cases need, handed in by the composition root. */
export interface LifecycleContext extends RecordsContext {
  /** Starts and cancels plans in the use case's transaction; the plans run on a worker. */
  fulfilment: FulfilmentRequests;
  /** Seals answers to sensitive fields before they are stored; opens them where a use case needs the answer. */
  fieldCipher: FieldCipher;
}
