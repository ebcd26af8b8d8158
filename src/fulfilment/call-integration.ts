import { IntegrationError } from '../shared/errors.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { Person } from '../directory/person.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { FulfilmentContext } from './fulfilment-context.js';

/** What one call of a step's operation came to; `cause` is what the failure policy looks at. */
export type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: string; cause: unknown };

/**
 * Calls a step's integration operation with the step's idempotency key (request id + step id)
 * and the failure policy's time limit; never throws.
 */
export async function callIntegration(ctx: FulfilmentContext, step: FulfilmentStepRow, request: RequestRow, requester: Person | undefined): Promise<Outcome> {
  const integration = ctx.integrations.get(step.integration ?? '');
  const operation = integration?.operations[step.operation ?? ''];
  if (!operation) return { ok: false, error: `${step.integration ?? 'the integration'} is not configured for ${step.operation ?? 'this operation'}`, cause: undefined };
  if (!requester) return { ok: false, error: 'The requester is no longer in the directory', cause: undefined };
  const integrationId = step.integration ?? 'the integration';
  const timeoutMs = ctx.failurePolicy.callTimeoutMs;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // A connector that ignores the signal is still given up on: the step is retried (same idempotency key).
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new IntegrationError(integrationId, step.operation ?? 'call', `no answer within ${Math.round(timeoutMs / 1000)} s`, { retryable: true }));
    }, timeoutMs);
  });
  try {
    const called = operation(step.input, { requestNumber: formatRequestNumber(request.number), requester, idempotencyKey: `${request.id}:${step.stepId}`, signal: abort.signal });
    const result = await Promise.race([called, timedOut]);
    return { ok: true, result };
  } catch (error) {
    if (error instanceof IntegrationError) return { ok: false, error: error.userMessage, cause: error };
    ctx.log.error({ requestId: request.id, stepId: step.stepId, err: error }, 'integration step threw');
    return { ok: false, error: `${step.integration} failed unexpectedly`, cause: error };
  } finally {
    clearTimeout(timer);
  }
}
