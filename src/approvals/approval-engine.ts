import { audit } from '../audit/index.js';
import type { ChannelName } from '../messages/turn.js';
import type { Person } from '../directory/person.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import { cardChanged } from '../messages/card-change.js';
import { enqueue, enqueueCardChange } from '../notify/outbox-notifier.js';
import { formatWhen } from '../request-records/format-time.js';
import { KnownPeople, waitingOnText } from '../request-records/known-people.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { transition } from '../request-records/transition.js';
import type { Repositories } from '../store/repositories.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { Catalog } from '../catalog/catalog.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';
import type { ApprovalContext } from './approval-context.js';
import { approvalCard, type ApprovalCard, type CardOutcome } from './approval-card.js';
import { askStage } from './open-approvals.js';

export interface DecideInput {
  approvalId: string;
  actor: Person;
  decision: 'approve' | 'deny';
  comment?: string;
  channel: ChannelName;
}

/** One decision being recorded: what every step after the checks works from. */
interface Decision {
  input: DecideInput;
  approval: ApprovalRow;
  request: RequestRow;
  status: 'approved' | 'denied';
  comment: string | null;
  people: KnownPeople;
  card: CardOutcome;
  /** The catalog as the request was made under it (its type's kept definition). */
  catalog: Catalog;
  at: number;
}

/** What the decision did next: the requester's news, the approver's answer, whether fulfilment starts. */
interface NextStep {
  told: string;
  message: string;
  fulfilmentStarts: boolean;
}

/**
 * An approver's decision. Only the assigned approver, only while pending, never on one's own
 * request; a stale or repeated click changes nothing and says who decided when. Approving the
 * last stage starts fulfilment; denying rejects the request.
 */
export async function decideApproval(ctx: ApprovalContext, input: DecideInput): Promise<{ message: string; card?: ApprovalCard }> {
  const people = await peopleAroundApproval(ctx, input.approvalId);
  const outcome = await ctx.store.transaction(async (repos) => {
    const decision = await checkDecision(ctx, repos, input, people);
    await recordDecision(repos, decision);
    const rows = await repos.approvals.listByRequest(decision.request.id);
    await closeStageForPeers(ctx, repos, decision, rows);
    const next = decision.request.status === 'in_fulfilment'
      ? await extraStageDecided(ctx, repos, decision)
      : decision.status === 'denied' ? await rejectRequest(ctx, repos, decision, rows) : await advanceAfterApproval(ctx, repos, decision, rows);
    await enqueue(repos, decision.request.requesterId, [{ kind: 'text', text: next.told }], decision.at);
    return { ...next, card: await cardAfterDecision(ctx, repos, decision) };
  });
  if (outcome.fulfilmentStarts) ctx.fulfilment.wake();
  await ctx.outbox.flush();
  return { message: outcome.message, card: outcome.card };
}

/**
 * Everyone the decision may name (the requester, every approver of the request), looked up
 * before the transaction: approvers are fixed when the request is submitted.
 */
async function peopleAroundApproval(ctx: ApprovalContext, approvalId: string): Promise<KnownPeople> {
  const approval = await ctx.store.read.approvals.findById(approvalId);
  const request = approval ? await ctx.store.read.requests.findById(approval.requestId) : undefined;
  if (!request) return KnownPeople.lookUp(ctx.directory, []);
  const rows = await ctx.store.read.approvals.listByRequest(request.id);
  return KnownPeople.lookUp(ctx.directory, [request.requesterId, ...rows.flatMap((r) => [r.approverId, r.decidedBy])]);
}

/** The approval exists, is this approver's, is still open and is not on their own request; a denial says why. */
async function checkDecision(ctx: ApprovalContext, repos: Repositories, input: DecideInput, people: KnownPeople): Promise<Decision> {
  const { actor } = input;
  const comment = input.comment?.trim() || null;
  const approval = await repos.approvals.findById(input.approvalId);
  if (!approval) throw new NotFoundError('There is no such approval');
  const request = (await repos.requests.findById(approval.requestId))!;
  if (request.requesterId === actor.id) throw new ForbiddenError(`You cannot decide on your own request ${formatRequestNumber(request.number)}`);
  if (approval.approverId !== actor.id) throw new ForbiddenError(`This approval is assigned to ${people.name(approval.approverId)}`);
  if (approval.status !== 'pending') throw new ConflictError(await alreadyDecided(ctx, repos, approval, request, people));
  const earlier = (await repos.approvals.listByRequest(request.id)).find((r) => r.decidedBy === actor.id && r.stageIndex !== approval.stageIndex);
  if (earlier) throw new ForbiddenError(`You decided the ${earlier.stageId} stage of ${formatRequestNumber(request.number)}; someone else decides this one`);
  if (input.decision === 'deny' && !comment) throw new ValidationError('A reason is required to deny', { comment: 'Say why you deny this request' });
  const status = input.decision === 'approve' ? 'approved' : 'denied';
  const card = { decision: status, by: actor.name, ...(comment ? { comment } : {}) } as const;
  const catalog = await catalogOfRequest(repos, ctx.catalog(), request);
  return { input, approval, request, status, comment, people, card, catalog, at: ctx.now() };
}

async function recordDecision(repos: Repositories, d: Decision): Promise<void> {
  const { actor, channel } = d.input;
  await repos.approvals.update(d.approval.id, { status: d.status, decidedBy: actor.id, decidedAt: d.at, comment: d.comment });
  await audit(repos, { actorId: actor.id, action: `approval.${d.status}`, targetType: 'approval', targetId: d.approval.id, before: { status: 'pending' }, after: { status: d.status, stage: d.approval.stageId }, reason: d.comment, channel, at: d.at });
}

/** Group approvals: the first decision wins; the other members' cards show it. */
async function closeStageForPeers(ctx: ApprovalContext, repos: Repositories, d: Decision, rows: ApprovalRow[]): Promise<void> {
  const { actor, channel } = d.input;
  for (const peer of rows.filter((r) => r.stageIndex === d.approval.stageIndex && r.status === 'pending' && r.id !== d.approval.id)) {
    await repos.approvals.update(peer.id, { status: 'cancelled', decidedAt: d.at });
    await audit(repos, { actorId: actor.id, action: 'approval.cancelled', targetType: 'approval', targetId: peer.id, before: { status: 'pending' }, after: { status: 'cancelled' }, reason: `Decided by ${actor.name}`, channel, at: d.at });
    await enqueueCardChange(repos, peer.approverId, cardChanged(approvalCard(d.catalog, d.request, requesterName(d), peer, d.card), { tell: true }), d.at);
  }
}

/** An approval stage a fulfilment team inserted into the running request: fulfilment says what follows. */
async function extraStageDecided(ctx: ApprovalContext, repos: Repositories, d: Decision): Promise<NextStep> {
  const { actor, channel } = d.input;
  const next = await ctx.fulfilment.extraApprovalDecided(repos, { approval: d.approval, request: d.request, approved: d.status === 'approved', actor, comment: d.comment, channel, at: d.at });
  return { ...next, fulfilmentStarts: false };
}

/** A denial cancels the later stages and rejects the request. */
async function rejectRequest(ctx: ApprovalContext, repos: Repositories, d: Decision, rows: ApprovalRow[]): Promise<NextStep> {
  const { actor, channel } = d.input;
  const later = rows.filter((r) => r.status === 'waiting');
  await repos.approvals.setStatus(later.map((r) => r.id), 'cancelled', { decidedAt: d.at });
  await transition(repos, d.request, { to: 'rejected', actorId: actor.id, reason: `Denied by ${actor.name}: ${d.comment}`, channel, at: d.at });
  return {
    told: `${describe(d)} was denied by ${actor.name}${roleOf(d)}: ${d.comment}`,
    message: `Denied ${formatRequestNumber(d.request.number)}. ${requesterName(d)} has been told.`,
    fulfilmentStarts: false,
  };
}

/** An approval opens the next stage, or approves the request and starts fulfilment after the last one. */
async function advanceAfterApproval(ctx: ApprovalContext, repos: Repositories, d: Decision, rows: ApprovalRow[]): Promise<NextStep> {
  const nextStage = rows.filter((r) => r.status === 'waiting' && r.stageIndex > d.approval.stageIndex);
  const nextIndex = Math.min(...nextStage.map((r) => r.stageIndex));
  const next = nextStage.filter((r) => r.stageIndex === nextIndex);
  return next.length ? askNextStage(ctx, repos, d, next) : approveAndFulfil(ctx, repos, d);
}

async function askNextStage(ctx: ApprovalContext, repos: Repositories, d: Decision, next: ApprovalRow[]): Promise<NextStep> {
  const { actor } = d.input;
  await repos.approvals.setStatus(next.map((r) => r.id), 'pending');
  const asked = next.map((r) => ({ ...r, status: 'pending' }));
  await askStage(repos, d.catalog, d.request, requesterName(d), asked, d.at);
  await repos.requests.addHistory({ requestId: d.request.id, fromStatus: d.request.status, toStatus: d.request.status, subStatus: null, actorId: actor.id, reason: `Approved by ${actor.name} (${d.approval.stageId}); next: ${next[0]!.stageId}`, at: d.at });
  return {
    told: `${describe(d)} was approved by ${actor.name}${roleOf(d)}. Now waiting for ${waitingOnText(asked, d.people)}.`,
    message: `Approved ${formatRequestNumber(d.request.number)}. It now goes to ${waitingOnText(asked, d.people, requesterName(d))}.`,
    fulfilmentStarts: false,
  };
}

async function approveAndFulfil(ctx: ApprovalContext, repos: Repositories, d: Decision): Promise<NextStep> {
  const { actor, channel } = d.input;
  const approved = await transition(repos, d.request, { to: 'approved', actorId: actor.id, reason: `Approved by ${actor.name} (${d.approval.stageId})`, channel, at: d.at });
  await ctx.fulfilment.start(repos, approved, { actorId: actor.id, channel });
  return {
    told: `${describe(d)} was approved by ${actor.name}${roleOf(d)}; fulfilment has started.`,
    message: `Approved ${formatRequestNumber(d.request.number)}. Fulfilment has started.`,
    fulfilmentStarts: true,
  };
}

/** The decided card, as the approver who clicked now sees it; every copy of it shows the decision, in whichever channel it was made. */
async function cardAfterDecision(ctx: ApprovalContext, repos: Repositories, d: Decision): Promise<ApprovalCard> {
  const updated = (await repos.approvals.findById(d.approval.id))!;
  const card = approvalCard(d.catalog, d.request, requesterName(d), updated, d.card);
  await enqueueCardChange(repos, d.input.actor.id, cardChanged(card, { tell: false }), d.at);
  return card;
}

/** Why a click on an approval no longer open changes nothing: who decided, when, or what closed it. */
async function alreadyDecided(ctx: ApprovalContext, repos: Repositories, approval: ApprovalRow, request: RequestRow, people: KnownPeople): Promise<string> {
  const now = ctx.now();
  const when = (at: number | null) => (at ? ` at ${formatWhen(at, now, ctx.timeZone)}` : '');
  if (approval.status === 'approved' || approval.status === 'denied') {
    return `Already ${approval.status} by ${people.name(approval.decidedBy ?? '')}${when(approval.decidedAt)}; nothing changed`;
  }
  if (approval.status === 'waiting') return 'This approval is not open yet: an earlier approval is still pending; nothing changed';
  const decided = (await repos.approvals.listByRequest(request.id))
    .find((r) => r.stageIndex === approval.stageIndex && (r.status === 'approved' || r.status === 'denied'));
  if (decided) return `Already ${decided.status} by ${people.name(decided.decidedBy ?? '')}${when(decided.decidedAt)}; nothing changed`;
  if (request.status === 'cancelled') return `${formatRequestNumber(request.number)} was cancelled by the requester${when(request.closedAt)}; nothing changed`;
  return 'This approval was withdrawn; nothing changed';
}

const requesterName = (d: Decision) => d.people.name(d.request.requesterId);
const roleOf = (d: Decision) => (d.approval.approverRole ? ` (${d.approval.approverRole})` : '');
const describe = (d: Decision) => `${formatRequestNumber(d.request.number)} (${d.catalog.requestType(d.request.requestTypeId)?.title ?? d.request.requestTypeId})`;
