import { audit } from '../audit/index.js';
import type { Person } from '../directory/person.js';
import type { ChannelName } from '../messages/turn.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { ApprovalContext } from './approval-context.js';
import { askStage } from './open-approvals.js';

export interface ReassignInput {
  approvalId: string;
  /** The service desk agent doing it. */
  actor: Person;
  /** The email of the person who decides instead. */
  to: string;
  reason: string;
  channel: ChannelName;
}

/**
 * The service desk moves an open approval whose approver has left the directory to someone
 * else, with why (audited). The new approver is in the directory, is not the requester and
 * decides no other stage of the request; when the stage is already being asked, they get the
 * card now, else when the stage opens. Approvers still in the directory decide themselves.
 */
export async function reassignApproval(ctx: ApprovalContext, input: ReassignInput): Promise<{ message: string }> {
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError('A reason is required to reassign', { reason: 'Say why the approval moves' });
  const seen = await ctx.store.read.approvals.findById(input.approvalId);
  if (!seen) throw new NotFoundError('There is no such approval');
  const [current, next] = await Promise.all([ctx.directory.findByEmail(seen.approverId), ctx.directory.findByEmail(input.to)]);
  if (current) throw new ConflictError(`${current.name} is still in the directory and decides this approval`);
  if (!next) throw new ValidationError('The new approver is not in the directory', { to: `${input.to} is not in the directory` });
  const requester = await ctx.store.read.requests.findById(seen.requestId).then((r) => (r ? ctx.directory.findByEmail(r.requesterId) : undefined));

  const number = await ctx.store.transaction(async (repos) => {
    const approval = await repos.approvals.findById(input.approvalId);
    const request = approval ? await repos.requests.findById(approval.requestId) : undefined;
    if (!approval || !request) throw new NotFoundError('There is no such approval');
    if (approval.status !== 'pending' && approval.status !== 'waiting') throw new ConflictError(`This approval is ${approval.status}; nothing changed`);
    if (approval.approverId !== seen.approverId) throw new ConflictError('This approval was reassigned meanwhile; nothing changed');
    if (request.requesterId === next.id) throw new ForbiddenError(`${next.name} asked for ${formatRequestNumber(request.number)} and cannot approve it`);
    const others = (await repos.approvals.listByRequest(request.id)).filter((r) => r.stageIndex !== approval.stageIndex && r.status !== 'cancelled');
    const other = others.find((r) => r.approverId === next.id || r.decidedBy === next.id);
    if (other)
      throw new ForbiddenError(
        `${next.name} decides the ${other.stageId} stage of ${formatRequestNumber(request.number)}; one person never decides two stages`,
      );
    const at = ctx.now();
    const role = `approver instead of ${approval.approverId}, who left`;
    await repos.approvals.update(approval.id, { approverId: next.id, approverRole: role });
    await audit(repos, {
      actorId: input.actor.id,
      action: 'approval.reassigned',
      targetType: 'approval',
      targetId: approval.id,
      before: { approver: approval.approverId },
      after: { approver: next.id, stage: approval.stageId },
      reason,
      channel: input.channel,
      at,
    });
    if (approval.status === 'pending') {
      await askStage(repos, ctx.catalog(), request, requester?.name ?? request.requesterId, [{ ...approval, approverId: next.id, approverRole: role }], at);
    }
    await enqueue(
      repos,
      request.requesterId,
      [
        {
          kind: 'text',
          text: `${formatRequestNumber(request.number)}: the ${approval.stageId} approval now goes to ${next.name}, as ${approval.approverId} has left.`,
        },
      ],
      at,
    );
    return formatRequestNumber(request.number);
  });
  await ctx.outbox.flush();
  return { message: `The ${seen.stageId} approval of ${number} now goes to ${next.name}.` };
}
