import { audit } from '../audit/index.js';
import { planApprovals } from '../approvals/approval-policy.js';
import { openApprovals } from '../approvals/open-approvals.js';
import type { Person } from '../directory/person.js';
import type { ChannelName } from '../messages/turn.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatRequestNumber, parseRequestNumber } from '../request-records/request-number.js';
import { transition } from '../request-records/transition.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { LifecycleContext } from './lifecycle-context.js';

export interface RouteInput {
  /** "REQ-1042". */
  number: string;
  /** The service desk agent doing it. */
  actor: Person;
  /** The email of the person who decides the stages nobody could be found for. */
  approver: string;
  reason: string;
  channel: ChannelName;
}

/**
 * The service desk routes a request that waits with `needs_routing` (nobody could be asked:
 * no manager in the directory, an empty group). Approvals are planned again as at submit,
 * and each stage that still has nobody goes to the person the agent names, who is in the
 * directory, is not the requester and decides no other stage. Audited with the reason.
 */
export async function routeRequest(ctx: LifecycleContext, input: RouteInput): Promise<{ number: string; message: string }> {
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError('A reason is required to route a request', { reason: 'Say why this person decides' });
  const parsed = parseRequestNumber(input.number);
  const seen = parsed === undefined ? undefined : await ctx.store.read.requests.findByNumber(parsed);
  if (!seen) throw new NotFoundError(`There is no request ${input.number}`);
  const [approver, requester] = await Promise.all([ctx.directory.findByEmail(input.approver), ctx.directory.findByEmail(seen.requesterId)]);
  if (!approver) throw new ValidationError('The approver is not in the directory', { approver: `${input.approver} is not in the directory` });
  if (!requester)
    throw new ConflictError(
      `${seen.requesterId}, who asked for ${formatRequestNumber(seen.number)}, is no longer in the directory; cancel the request instead`,
    );
  if (approver.id === requester.id) throw new ForbiddenError(`${approver.name} asked for ${formatRequestNumber(seen.number)} and cannot approve it`);
  const catalog = ctx.catalog();
  const requestType = catalog.requestType(seen.requestTypeId);
  if (!requestType) throw new ConflictError(`The request type ${seen.requestTypeId} is no longer in the catalog`);
  const plan = await planApprovals({
    catalog,
    directory: ctx.directory,
    requestType,
    requester,
    fields: seen.fields,
    cost: seen.cost ?? undefined,
    routedTo: approver,
  });
  if (plan.kind === 'unroutable') throw new ConflictError(`${formatRequestNumber(seen.number)} still cannot be routed: ${plan.problem}`);

  const number = formatRequestNumber(seen.number);
  const { next, fulfilmentStarts } = await ctx.store.transaction(async (repos) => {
    let request = await repos.requests.findById(seen.id);
    if (!request || request.status !== 'submitted' || request.subStatus !== 'needs_routing') {
      throw new ConflictError(`${number} does not need routing; nothing changed`);
    }
    const at = ctx.now();
    await audit(repos, {
      actorId: input.actor.id,
      action: 'request.routed',
      targetType: 'request',
      targetId: request.id,
      before: { subStatus: request.subStatus },
      after: { approver: approver.id },
      reason,
      channel: input.channel,
      at,
    });
    if (plan.kind === 'stages') {
      const by = plan.stages.map((s) => s.stageId).join(', then ');
      request = await transition(repos, request, {
        to: 'awaiting_approval',
        actorId: input.actor.id,
        reason: `Routed by the service desk: approval by ${by}`,
        channel: input.channel,
        at,
      });
      await openApprovals(repos, catalog, request, requester, plan.stages, at);
      const first = plan.stages[0]!.approvers.map((a) => a.person.name).join(' or ');
      await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${number} is on its way again: the service desk asked ${first} to approve it.` }], at);
      return { next: `${number} now waits for ${first} to approve.`, fulfilmentStarts: false };
    }
    request = await transition(repos, request, {
      to: 'approved',
      actorId: input.actor.id,
      reason: `Routed by the service desk: ${plan.reason}`,
      channel: input.channel,
      at,
    });
    await ctx.fulfilment.start(repos, request, { actorId: input.actor.id, channel: input.channel });
    await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${number} is on its way again: it needs no approval and is being fulfilled.` }], at);
    return { next: `${number} needs no approval now and is being fulfilled.`, fulfilmentStarts: true };
  });
  if (fulfilmentStarts) ctx.fulfilment.wake();
  await ctx.outbox.flush();
  return { number, message: next };
}
