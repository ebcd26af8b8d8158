import { audit } from '../audit/index.js';
import { approvalCard } from '../approvals/approval-card.js';
import type { ChannelName } from '../messages/turn.js';
import type { Person } from '../directory/person.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../shared/errors.js';
import { cardChanged } from '../messages/card-change.js';
import { enqueueCardChange } from '../notify/outbox-notifier.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { formatRequestNumber, parseRequestNumber } from '../request-records/request-number.js';
import { isFinal, statusLabel } from '../request-records/request-status-codes.js';
import { transition } from '../request-records/transition.js';

/** The requester withdraws a request: open approvals and steps are cancelled, approvers' cards say so. */
export async function cancelRequest(ctx: LifecycleContext, input: { person: Person; number: string; reason?: string; channel: ChannelName }): Promise<{ number: string; message: string }> {
  const n = parseRequestNumber(input.number);
  const display = n === undefined ? input.number : formatRequestNumber(n);
  const catalog = ctx.catalog();
  const result = await ctx.store.transaction(async (repos) => {
    const request = n === undefined ? undefined : await repos.requests.findByNumber(n);
    if (!request) throw new NotFoundError(`There is no request ${display}`);
    if (request.requesterId !== input.person.id) throw new ForbiddenError(`Only the requester can cancel ${display}`);
    if (isFinal(request.status)) throw new ConflictError(`${display} is already ${statusLabel(request.status).toLowerCase()}; nothing changed`);
    const at = ctx.now();
    const reason = input.reason?.trim() || 'Cancelled by the requester';
    const approvals = await repos.approvals.listByRequest(request.id);
    for (const a of approvals.filter((x) => x.status === 'pending' || x.status === 'waiting')) {
      await repos.approvals.update(a.id, { status: 'cancelled', decidedAt: at });
      await audit(repos, { actorId: input.person.id, action: 'approval.cancelled', targetType: 'approval', targetId: a.id, before: { status: a.status }, after: { status: 'cancelled' }, reason, channel: input.channel, at });
      if (a.status === 'pending') {
        await enqueueCardChange(repos, a.approverId, cardChanged(approvalCard(catalog, request, input.person.name, a, { decision: 'withdrawn', by: input.person.name, comment: reason }), { tell: true }), at);
      }
    }
    await ctx.fulfilment.cancel(repos, request, { actorId: input.person.id, channel: input.channel, reason, at });
    await transition(repos, request, { to: 'cancelled', actorId: input.person.id, reason, channel: input.channel, at });
    return { number: formatRequestNumber(request.number) };
  });
  await ctx.outbox.flush();
  return { number: result.number, message: `${result.number} is cancelled.` };
}
