import { audit } from '../audit/index.js';
import type { ChannelName } from '../messages/turn.js';
import type { Person } from '../directory/person.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { beginFulfilment } from '../fulfilment/begin-fulfilment.js';
import { cardChanged } from '../messages/card-change.js';
import { enqueue, enqueueCardChange } from '../notify/outbox-notifier.js';
import { formatWhen } from '../requests/format-time.js';
import type { LifecycleContext } from '../requests/lifecycle-context.js';
import { formatRequestNumber } from '../requests/request-number.js';
import { nameOf, waitingOnText } from '../requests/status-line.js';
import { transition } from '../requests/transition.js';
import type { Repositories } from '../store/repositories.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { approvalCard, type ApprovalCard } from './approval-card.js';
import { askStage } from './open-approvals.js';

export interface DecideInput {
  approvalId: string;
  actor: Person;
  decision: 'approve' | 'deny';
  comment?: string;
  channel: ChannelName;
}

/**
 * An approver's decision. Only the assigned approver, only while pending, never on one's own
 * request; a stale or repeated click changes nothing and says who decided when. Approving the
 * last stage starts fulfilment; denying rejects the request.
 */
export async function decideApproval(ctx: LifecycleContext, input: DecideInput): Promise<{ message: string; card?: ApprovalCard }> {
  const { actor } = input;
  const catalog = ctx.catalog();
  const comment = input.comment?.trim() || null;
  const outcome = await ctx.store.transaction(async (repos) => {
    const approval = await repos.approvals.findById(input.approvalId);
    if (!approval) throw new NotFoundError('There is no such approval');
    const request = (await repos.requests.findById(approval.requestId))!;
    const number = formatRequestNumber(request.number);
    if (request.requesterId === actor.id) throw new ForbiddenError(`You cannot decide on your own request ${number}`);
    if (approval.approverId !== actor.id) throw new ForbiddenError(`This approval is assigned to ${await nameOf(ctx, approval.approverId)}`);
    if (approval.status !== 'pending') throw new ConflictError(await alreadyDecided(ctx, repos, approval, request));
    if (input.decision === 'deny' && !comment) throw new ValidationError('A reason is required to deny', { comment: 'Say why you deny this request' });

    const at = ctx.now();
    const status = input.decision === 'approve' ? 'approved' : 'denied';
    await repos.approvals.update(approval.id, { status, decidedBy: actor.id, decidedAt: at, comment });
    await audit(repos, { actorId: actor.id, action: `approval.${status}`, targetType: 'approval', targetId: approval.id, before: { status: 'pending' }, after: { status, stage: approval.stageId }, reason: comment, channel: input.channel, at });
    const requester = await ctx.directory.findByEmail(request.requesterId);
    const requesterName = requester?.name ?? request.requesterId;
    const cardOutcome = { decision: status, by: actor.name, ...(comment ? { comment } : {}) } as const;

    const rows = await repos.approvals.listByRequest(request.id);
    // Group approvals: the first decision wins; the other members' cards show it.
    for (const peer of rows.filter((r) => r.stageIndex === approval.stageIndex && r.status === 'pending' && r.id !== approval.id)) {
      await repos.approvals.update(peer.id, { status: 'cancelled', decidedAt: at });
      await audit(repos, { actorId: actor.id, action: 'approval.cancelled', targetType: 'approval', targetId: peer.id, before: { status: 'pending' }, after: { status: 'cancelled' }, reason: `Decided by ${actor.name}`, channel: input.channel, at });
      await enqueueCardChange(repos, peer.approverId, cardChanged(approvalCard(catalog, request, requesterName, peer, cardOutcome), { tell: true }), at);
    }
    const what = `${number} (${catalog.requestType(request.requestTypeId)?.title ?? request.requestTypeId})`;
    const role = approval.approverRole ? ` (${approval.approverRole})` : '';
    let told: string;
    let message: string;
    let runSteps = false;
    if (status === 'denied') {
      const later = rows.filter((r) => r.status === 'waiting');
      await repos.approvals.setStatus(later.map((r) => r.id), 'cancelled', { decidedAt: at });
      await transition(repos, request, { to: 'rejected', actorId: actor.id, reason: `Denied by ${actor.name}: ${comment}`, channel: input.channel, at });
      told = `${what} was denied by ${actor.name}${role}: ${comment}`;
      message = `Denied ${number}. ${requesterName} has been told.`;
    } else {
      const nextStage = rows.filter((r) => r.status === 'waiting' && r.stageIndex > approval.stageIndex);
      const nextIndex = Math.min(...nextStage.map((r) => r.stageIndex));
      const next = nextStage.filter((r) => r.stageIndex === nextIndex);
      if (next.length) {
        await repos.approvals.setStatus(next.map((r) => r.id), 'pending');
        const asked = next.map((r) => ({ ...r, status: 'pending' }));
        await askStage(repos, catalog, request, requesterName, asked, at);
        const waiting = await waitingOnText(ctx, asked);
        await repos.requests.addHistory({ requestId: request.id, fromStatus: request.status, toStatus: request.status, subStatus: null, actorId: actor.id, reason: `Approved by ${actor.name} (${approval.stageId}); next: ${next[0]!.stageId}`, at });
        told = `${what} was approved by ${actor.name}${role}. Now waiting for ${waiting}.`;
        message = `Approved ${number}. It now goes to ${await waitingOnText(ctx, asked, requesterName)}.`;
      } else {
        const approved = await transition(repos, request, { to: 'approved', actorId: actor.id, reason: `Approved by ${actor.name} (${approval.stageId})`, channel: input.channel, at });
        await beginFulfilment(repos, catalog, approved, requester ?? fallbackPerson(request.requesterId), { actorId: actor.id, channel: input.channel, at });
        runSteps = true;
        told = `${what} was approved by ${actor.name}${role}; fulfilment has started.`;
        message = `Approved ${number}. Fulfilment has started.`;
      }
    }
    await enqueue(repos, request.requesterId, [{ kind: 'text', text: told }], at);
    const updated = (await repos.approvals.findById(approval.id))!;
    const card = approvalCard(catalog, request, requesterName, updated, cardOutcome);
    // Every copy of the decider's card shows the decision, in whichever channel it was decided.
    await enqueueCardChange(repos, actor.id, cardChanged(card, { tell: false }), at);
    return { message, runSteps, requestId: request.id, card };
  });
  if (outcome.runSteps) await ctx.stepRunner.runPending(outcome.requestId);
  await ctx.outbox.flush();
  return { message: outcome.message, card: outcome.card };
}

async function alreadyDecided(ctx: LifecycleContext, repos: Repositories, approval: ApprovalRow, request: RequestRow): Promise<string> {
  const now = ctx.now();
  const when = (at: number | null) => (at ? ` at ${formatWhen(at, now, ctx.timeZone)}` : '');
  if (approval.status === 'approved' || approval.status === 'denied') {
    return `Already ${approval.status} by ${await nameOf(ctx, approval.decidedBy ?? '')}${when(approval.decidedAt)}; nothing changed`;
  }
  if (approval.status === 'waiting') return 'This approval is not open yet: an earlier approval is still pending; nothing changed';
  const decided = (await repos.approvals.listByRequest(request.id))
    .find((r) => r.stageIndex === approval.stageIndex && (r.status === 'approved' || r.status === 'denied'));
  if (decided) return `Already ${decided.status} by ${await nameOf(ctx, decided.decidedBy ?? '')}${when(decided.decidedAt)}; nothing changed`;
  if (request.status === 'cancelled') return `${formatRequestNumber(request.number)} was cancelled by the requester${when(request.closedAt)}; nothing changed`;
  return 'This approval was withdrawn; nothing changed';
}

// The requester left the directory between approval and fulfilment: fulfil with what is stored.
function fallbackPerson(id: string): Person {
  return { id, email: id, name: id, department: '', title: '', role: '', costCentre: '', location: '', groups: [] };
}

/** A person's open approvals, as cards. */
export async function pendingApprovals(ctx: LifecycleContext, person: Person): Promise<ApprovalCard[]> {
  const catalog = ctx.catalog();
  const rows = await ctx.store.read.approvals.listPendingFor(person.id);
  const requests = new Map((await ctx.store.read.requests.listByIds([...new Set(rows.map((r) => r.requestId))])).map((r) => [r.id, r]));
  const cards: ApprovalCard[] = [];
  for (const row of rows) {
    const request = requests.get(row.requestId);
    if (request) cards.push(approvalCard(catalog, request, await nameOf(ctx, request.requesterId), row));
  }
  return cards;
}
