import type { Fulfilment } from '../../fulfilment/fulfilment.js';
import type { DeadLetters } from '../../notify/dead-letters.js';
import type { LifecycleContext } from '../../requests/lifecycle-context.js';
import type { RequestLifecycle } from '../../requests/request-lifecycle.js';

/** What the request pages call: the same use cases as the API. */
export interface RequestPagesDeps {
  lifecycle: RequestLifecycle;
  lifecycleContext: LifecycleContext;
  fulfilment: Fulfilment;
  deadLetters: DeadLetters;
}
