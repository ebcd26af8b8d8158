import { randomUUID } from 'node:crypto';
import { audit, maskSensitive } from '../audit/index.js';
import { planApprovals } from '../approvals/approval-policy.js';
import { openApprovals } from '../approvals/open-approvals.js';
import type { ChannelName } from '../messages/turn.js';
import type { Person } from '../directory/person.js';
import { KeyReusedError, ValidationError } from '../shared/errors.js';
import { enqueue } from '../notify/outbox-notifier.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { LifecycleContext } from './lifecycle-context.js';
import type { SubmittedRequest } from './request-lifecycle.js';
import { firstNamedPrecheckFailure } from './prechecks/index.js';
import { checkEligibility, checkThrottle } from './request-guards.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { nextStepSentence, statusLineFor } from './status-line.js';
import { transition } from '../request-records/transition.js';
import { isoToday } from '../calendar/calendar.js';
import { validateFields } from './validate-fields.js';
import { keepSnapshot } from '../request-records/request-type-snapshots.js';

export interface SubmitInput {
  requestTypeId: string;
  requester: Person;
  fields: Record<string, unknown>;
  channel: ChannelName;
  submissionKey?: string;
  /** Set by the HR events intake only: the one way to make a request of a type with `intake: hr-only`. */
  intake?: 'hr';
}

/** Validate, check eligibility and throttle, record the request pinned to the catalog, then ask approvers or start fulfilment. */
export async function submitRequest(ctx: LifecycleContext, input: SubmitInput): Promise<SubmittedRequest> {
  const catalog = ctx.catalog();
  const requestType = catalog.requestType(input.requestTypeId);
  if (!requestType || (requestType.intake === 'hr-only' && input.intake !== 'hr')) throw new ValidationError('Unknown request type', { requestTypeId: `${input.requestTypeId} is not in the catalog` });
  const { requester } = input;
  const at = ctx.now();
  // Someone who may not ask at all hears why, not which answers are missing.
  checkEligibility(catalog, requestType, requester, input.fields);
  const fields = await validateFields({ catalog, requestType, requester, fields: ctx.fieldCipher.openAll(input.fields), directory: ctx.directory, today: isoToday(at, ctx.timeZone) });
  checkEligibility(catalog, requestType, requester, fields);
  // Stock, free licence seats: on every intake path, not only where a form asked first.
  const unavailable = firstNamedPrecheckFailure({ catalog, requestType, requester, fields });
  if (unavailable) throw new ValidationError(unavailable.message, unavailable.fieldId ? { [unavailable.fieldId]: unavailable.message } : {});
  const cost = catalog.costOf(requestType, fields);
  const plan = await planApprovals({ catalog, directory: ctx.directory, requestType, requester, fields, cost });
  const serviceDesk = plan.kind === 'unroutable' ? await ctx.directory.membersOf('service-desk') : [];

  const { request, fulfilmentStarts } = await ctx.store.transaction(async (repos) => {
    const earlier = input.submissionKey ? await repos.requests.findBySubmissionKey(input.submissionKey) : undefined;
    if (earlier) {
      if (earlier.requesterId !== requester.id || earlier.requestTypeId !== requestType.id || canonical(ctx.fieldCipher.openAll(earlier.fields)) !== canonical(fields)) {
        throw new KeyReusedError(`This idempotency key was used for ${formatRequestNumber(earlier.number)} with different answers; send a new key for a new request`);
      }
      return { request: earlier, fulfilmentStarts: false };
    }
    await checkThrottle(repos, requestType, requester, at, ctx.timeZone);
    await keepSnapshot(repos, requestType, at);
    const number = await repos.sequences.next('request');
    let request: RequestRow = {
      id: randomUUID(), number, requestTypeId: requestType.id, requestTypeVersion: requestType.version, catalogVersion: catalog.version,
      requesterId: requester.id, channel: input.channel, fields: ctx.fieldCipher.sealSensitive(requestType, fields), cost: cost ?? null, status: 'submitted', subStatus: null,
      createdAt: at, updatedAt: at, dueAt: at + requestType.sla.hours * 3_600_000, closedAt: null, submissionKey: input.submissionKey ?? null,
    };
    await repos.requests.insert(request);
    await repos.requests.addHistory({ requestId: request.id, fromStatus: null, toStatus: 'submitted', subStatus: null, actorId: requester.id, reason: `Submitted via ${input.channel}`, at });
    await audit(repos, {
      actorId: requester.id, action: 'request.submitted', targetType: 'request', targetId: request.id, before: null,
      after: { number: formatRequestNumber(number), requestTypeId: requestType.id, requestTypeVersion: requestType.version, catalogVersion: catalog.version, fields: maskSensitive(requestType, fields), cost: cost ?? null },
      channel: input.channel, at,
    });
    if (plan.kind === 'unroutable') {
      request = await transition(repos, request, { to: 'submitted', subStatus: 'needs_routing', actorId: 'system', reason: plan.problem, channel: 'system', at });
      for (const agent of serviceDesk) {
        await enqueue(repos, agent.id, [{ kind: 'text', text: `${formatRequestNumber(number)} (${requestType.title}) from ${requester.name} needs routing: ${plan.problem}.` }], at);
      }
      return { request, fulfilmentStarts: false };
    }
    if (plan.kind === 'stages') {
      request = await transition(repos, request, { to: 'awaiting_approval', actorId: 'system', reason: `Approval by ${plan.stages.map((s) => s.stageId).join(', then ')}`, channel: 'system', at });
      await openApprovals(repos, catalog, request, requester, plan.stages, at);
      return { request, fulfilmentStarts: false };
    }
    request = await transition(repos, request, { to: 'approved', actorId: 'system', reason: plan.reason, channel: 'system', at });
    await ctx.fulfilment.start(repos, request, { actorId: 'system', channel: 'system' });
    return { request, fulfilmentStarts: true };
  });

  if (fulfilmentStarts) ctx.fulfilment.wake();
  await ctx.outbox.flush();
  // The answer tells the request as this submit committed it; the worker may already have moved it on.
  const line = await statusLineFor(ctx, request, requester);
  return { id: request.id, number: formatRequestNumber(request.number), status: request.status, next: nextStepSentence(line, request.status) };
}

/** Answers as one string, whatever the order of their keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}
