import { randomUUID } from 'node:crypto';
import { Actions } from '../messages/actions.js';
import { conversationKey } from './conversation-state.js';
import { handOff } from './dialog-turns.js';
import type { RankedIntent } from './engine-deps.js';
import { intentOptions } from '../catalog/intent-label.js';
import type { Reply } from '../messages/reply.js';
import { requestNumberIn } from './request-type-hint.js';
import { runIntent } from './run-intent.js';
import type { TurnContext } from './turn-context.js';
import { matchAnswer } from '../nlu/option-matching.js';

export const noneOfThese = 'none';

/**
 * Free text outside a dialog: the classifier decides; confident -> the intent's handler,
 * close call -> ask which, unsure -> the service desk.
 */
export async function understandText(ctx: TurnContext, text: string): Promise<Reply[]> {
  const picked = pickFromPending(ctx, text);
  if (picked) return picked === noneOfThese ? handOff(ctx, ctx.state.pendingPick?.text ?? text) : runIntent(ctx, picked, ctx.state.pendingPick?.text ?? text);
  ctx.state.pendingPick = undefined;

  const { understanding, catalog } = ctx.deps;
  const ranked = understanding.classify(text);
  const decision = understanding.decide(ranked);
  const top = ranked[0] ? catalog.intent(ranked[0].intent) : undefined;
  // A request number is unmistakable: it is about that request, as status unless cancelling.
  const record = (routed: RoutedTo) => recordDecision(ctx, ranked, decision.kind, routed);
  if (requestNumberIn(text) && !(decision.kind === 'confident' && top?.kind === 'cancel')) {
    const status = catalog.intents.find((i) => i.kind === 'status');
    if (status) return record('started').then(() => runIntent(ctx, status.id, text, ranked.slice(0, 3)));
  }
  if (decision.kind === 'confident') return record('started').then(() => startIntent(ctx, decision.intent, text, ranked.slice(0, 3)));
  // Not sure: a second opinion, if one is configured, may settle it among the close
  // candidates (ambiguous) or the whole catalog (unsure); otherwise ask or hand off.
  const among = decision.kind === 'ambiguous' ? decision.candidates.map((c) => c.intent) : catalog.intents.map((i) => i.id);
  const second = await understanding.secondOpinion?.(text, among);
  if (second && among.includes(second)) return record('started').then(() => startIntent(ctx, second, text, ranked.slice(0, 3)));
  if (decision.kind === 'ambiguous') return askWhich(ctx, text, decision.candidates, record);
  await record('triage');
  return handOff(ctx, text, decision.candidates);
}

/** Where a classified message went: an intent started, a "did you mean" question, or the service desk. */
type RoutedTo = 'started' | 'asked' | 'triage';

/** Records the classifier's decision on a message, for the confidence and triage reports. */
async function recordDecision(ctx: TurnContext, ranked: RankedIntent[], decision: string, routed: RoutedTo): Promise<void> {
  const top = ranked[0];
  await ctx.deps.store.transaction((repos) => repos.nluDecisions.insert({
    id: randomUUID(),
    conversationId: conversationKey(ctx.turn.channel, ctx.turn.conversationId),
    channel: ctx.turn.channel,
    intent: top?.intent ?? null,
    confidence: top?.confidence ?? 0,
    decision,
    routed,
    at: ctx.now.getTime(),
  }));
}

/** Runs the intent; a request's form also gets the values a language model found, if one is configured. */
async function startIntent(ctx: TurnContext, intentId: string, text: string, candidates: RankedIntent[]): Promise<Reply[]> {
  const { understanding, catalog } = ctx.deps;
  const intent = catalog.intent(intentId);
  const requestType = intent?.kind === 'request' && intent.requestType ? catalog.requestType(intent.requestType) : undefined;
  const known = requestType && understanding.extractMore ? await understanding.extractMore(text, requestType, ctx.person, ctx.now) : {};
  return runIntent(ctx, intentId, text, candidates, Object.keys(known).length > 0 ? known : undefined);
}

async function askWhich(ctx: TurnContext, text: string, candidates: RankedIntent[], record: (routed: RoutedTo) => Promise<void>): Promise<Reply[]> {
  const options = intentOptions(ctx.deps.catalog, candidates.slice(0, 3).map((c) => c.intent));
  await record(options.length < 2 ? 'triage' : 'asked');
  if (options.length < 2) return handOff(ctx, text, candidates);
  ctx.state.pendingPick = { text, candidates: candidates.slice(0, 3) };
  return [{
    kind: 'choices',
    text: 'I am not sure what you need. Did you mean one of these?',
    actionId: Actions.pickIntent,
    options: [...options, { value: noneOfThese, label: 'None of these' }],
  }];
}

/** A typed answer to the last "did you mean" question ("the second one", "laptop"). */
function pickFromPending(ctx: TurnContext, text: string): string | undefined {
  const pending = ctx.state.pendingPick;
  if (!pending) return undefined;
  const options = [
    ...intentOptions(ctx.deps.catalog, pending.candidates.map((c) => c.intent)),
    { value: noneOfThese, label: 'None of these', synonyms: ['none', 'neither', 'something else'] },
  ].map((o) => ({ synonyms: [], attributes: {}, ...o }));
  return matchAnswer(text, options)?.value;
}
