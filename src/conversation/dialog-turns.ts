import { randomUUID } from 'node:crypto';
import type { RequestType } from '../catalog/schema.js';
import type { DialogInput, DialogResult } from '../dialog/dialog-engine.js';
import type { DialogState } from '../dialog/dialog-state.js';
import type { DialogOutcome } from '../store/repositories/dialog-outcome-repository.js';
import type { RankedIntent } from './engine-deps.js';
import { say, type TurnContext } from './turn-context.js';
import type { Reply } from '../messages/reply.js';
import { conversationKey } from './conversation-state.js';

/** Starts a request type's dialog in this conversation and records that it started. */
export async function startDialog(ctx: TurnContext, requestType: RequestType, prefill: { text?: string; known?: Record<string, unknown> } = {}): Promise<Reply[]> {
  if (ctx.state.dialog) await endDialog(ctx, 'cancelled');
  const outcomeId = randomUUID();
  const result = await ctx.dialogs.start({ requestType, requester: ctx.person, outcomeId, channel: ctx.turn.channel, ...prefill });
  if (result.status !== 'active') return result.replies;
  await ctx.deps.store.transaction((repos) => repos.dialogOutcomes.start({
    id: outcomeId,
    conversationId: conversationKey(ctx.turn.channel, ctx.turn.conversationId),
    personId: ctx.person.id,
    requestTypeId: requestType.id,
    startedAt: ctx.now.getTime(),
    step: stepName(result.state.step),
  }));
  ctx.state.dialog = result.state;
  return result.replies;
}

/** Hands the active dialog one input and records how it ended, if it did. */
export async function continueDialog(ctx: TurnContext, input: DialogInput): Promise<DialogResult> {
  const current = ctx.state.dialog;
  if (!current) return { status: 'ended', replies: [say('There is no form open right now. What can I help you with?')] };
  const result = await ctx.dialogs.continue(structuredClone(current), ctx.person, ctx.turn.channel, input);
  if (result.status === 'active') {
    ctx.state.dialog = result.state;
    const step = stepName(result.state.step);
    if (step !== stepName(current.step)) await ctx.deps.store.transaction((repos) => repos.dialogOutcomes.reachedStep(current.outcomeId, step));
  } else await endDialog(ctx, result.status === 'submitted' ? 'submitted' : 'cancelled');
  return result;
}

export async function cancelDialog(ctx: TurnContext): Promise<Reply[]> {
  const dialog = ctx.state.dialog;
  if (!dialog) return [say('There is nothing to cancel right now.')];
  await endDialog(ctx, 'cancelled');
  const title = ctx.deps.catalog.requestType(dialog.requestTypeId)?.title ?? 'request';
  return [say(`OK, I have cancelled the ${title} request. Nothing was sent.`)];
}

/** "Talk to a person": the service desk gets the transcript and the answers so far. */
export async function handOff(ctx: TurnContext, text: string, candidates: RankedIntent[] = []): Promise<Reply[]> {
  const dialog = ctx.state.dialog;
  const item = await ctx.triage.open({
    channel: ctx.turn.channel,
    conversationId: ctx.turn.conversationId,
    person: ctx.person,
    text,
    candidates,
    transcript: [...ctx.state.transcript],
    ...(dialog ? { dialog: { requestTypeId: dialog.requestTypeId, fields: ctx.deps.fieldCipher.sealSensitive(ctx.deps.catalog.requestType(dialog.requestTypeId), { ...dialog.drafts, ...dialog.answers }) } } : {}),
  });
  if (dialog) await endDialog(ctx, 'handed-off');
  ctx.state.pendingPick = undefined;
  const kept = dialog ? ' Your answers so far go with it, so you will not have to repeat them.' : '';
  return [say(`I have passed this to the service desk; an agent will pick it up and reply here.${kept} (Reference ${item.id.slice(0, 8)})`)];
}

/** Where a form stands, as the abandonment report names it: the field asked, or `summary` / `pick-change`. */
function stepName(step: DialogState['step']): string {
  return step.kind === 'field' ? step.fieldId : step.kind;
}

async function endDialog(ctx: TurnContext, outcome: DialogOutcome): Promise<void> {
  const dialog = ctx.state.dialog;
  ctx.state.dialog = undefined;
  if (!dialog) return;
  await ctx.deps.store.transaction((repos) => repos.dialogOutcomes.end(dialog.outcomeId, outcome, ctx.now.getTime()));
}
