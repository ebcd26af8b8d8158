import { IntegrationError } from '../shared/errors.js';
import { inSpan } from '../shared/tracing.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { Person } from '../directory/person.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { CallDeferred, FailedAfterDeferrals, mayRetry } from './failure-policy.js';
import type { FulfilmentContext } from './fulfilment-context.js';

/**
 * What one call of a step's operation came to; `cause` is what the failure policy looks at:
 * a CallDeferred when no call was made (breaker open, paused after a 429, too busy), else the
 * failure with the step's deferrals so far.
 */
export type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: string; cause: unknown };

/**
 * Calls a step's integration operation with the step's idempotency key (request id + step id)
 * under its integration's policies (timeout, circuit breaker, concurrency, pause; see
 * integration-guard.ts), in a span of its own; never throws.
 */
export async function callIntegration(ctx: FulfilmentContext, step: FulfilmentStepRow, request: RequestRow, requester: Person | undefined): Promise<Outcome> {
  const integrationId = step.integration ?? 'the integration';
  const operationName = step.operation ?? 'call';
  const attributes = { 'frontdoor.integration': integrationId, 'frontdoor.operation': operationName, 'frontdoor.step.attempt': step.attempts };
  return inSpan(`fulfilment.step ${integrationId} ${operationName}`, attributes, async (span) => {
    const outcome = await call(ctx, step, request, requester);
    const deferred = !outcome.ok && outcome.cause instanceof CallDeferred ? outcome.cause : undefined;
    span.setAttribute('frontdoor.outcome', outcome.ok ? 'ok' : deferred ? 'deferred' : 'failed');
    if (deferred) span.setAttribute('frontdoor.deferred.reason', deferred.reason);
    return outcome;
  });
}

async function call(ctx: FulfilmentContext, step: FulfilmentStepRow, request: RequestRow, requester: Person | undefined): Promise<Outcome> {
  const integration = ctx.integrations.get(step.integration ?? '');
  const operation = integration?.operations[step.operation ?? ''];
  if (!integration || !operation) return { ok: false, error: `${step.integration ?? 'the integration'} is not configured for ${step.operation ?? 'this operation'}`, cause: undefined };
  if (!requester) return { ok: false, error: 'The requester is no longer in the directory', cause: undefined };
  // createFulfilment always gives one; a context without is a composition mistake, said as a failed step.
  const policies = ctx.integrationPolicies;
  if (!policies) return { ok: false, error: `${integration.id} has no call policies`, cause: undefined };
  const context = { requestNumber: formatRequestNumber(request.number), requester, idempotencyKey: `${request.id}:${step.stepId}` };
  try {
    const result = await policies.call(integration.id, step.operation!, step.id, (signal) => operation(step.input, { ...context, signal }));
    return { ok: true, result };
  } catch (caught) {
    if (caught instanceof CallDeferred) return { ok: false, error: caught.userMessage, cause: caught };
    const error = caught instanceof FailedAfterDeferrals ? caught.error : caught;
    if (!mayRetry(ctx.failurePolicy, step.attempts, caught)) policies.forget(step.id);
    if (error instanceof IntegrationError) return { ok: false, error: error.userMessage, cause: caught };
    ctx.log.error({ requestId: request.id, stepId: step.stepId, err: error }, 'integration step threw');
    return { ok: false, error: `${step.integration} failed unexpectedly`, cause: caught };
  }
}
