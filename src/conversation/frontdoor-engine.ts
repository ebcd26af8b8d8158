import { abandonmentRate, markAbandonedDialogs, type DialogOutcomeReport } from '../dialog/dialog-outcomes.js';
import { DialogEngine } from '../dialog/dialog-engine.js';
import { TriageQueue } from '../triage/triage-queue.js';
import { TriageService, type ConversationContinuation } from '../triage/triage-service.js';
import { AgentTakeOver, type TakeOverConversations } from '../triage/agent-takeover.js';
import { agentSideText, type AgentHandoff } from './agent-handoff.js';
import { cardActions } from './card-actions/index.js';
import { continueDialogWithText } from './continue-dialog.js';
import type { ConversationEngine } from './conversation-engine.js';
import { conversationKey, freshState, markApplied, parseConversationState, remember, type ConversationState } from './conversation-state.js';
import { DEFAULT_DIALOG_IDLE_MS, type ConversationEngineDeps } from './engine-deps.js';
import type { Reply } from '../messages/reply.js';
import { runIntent } from './run-intent.js';
import { replyLine, turnLine } from './transcript-line.js';
import { say, type TurnContext, type TurnHandler } from './turn-context.js';
import { turnErrorReplies } from './turn-error-policy.js';
import type { Turn } from '../messages/turn.js';
import { TurnClaims } from './turn-claims.js';
import { replicaClaims, whileRenewing } from '../replicas/replica-claims.js';
import type { ConversationRow } from '../store/repositories/conversation-repository.js';
import { understandText } from './understand-text.js';
import { employeeTurnWithAgent, joinAgent, leaveAgent, relayFromAgent, routesAsUsualWithAgent } from './with-agent.js';

export interface FrontdoorConversationEngine extends ConversationEngine, ConversationContinuation {
  readonly triage: TriageService;
  /** Agents take triaged conversations over and hand them back. */
  readonly handoff: AgentHandoff;
  /** Open dialogs idle longer than the configured time become abandoned; run at start and hourly. */
  markAbandonedDialogs(now?: Date): Promise<number>;
  abandonmentRate(window?: { from?: Date; to?: Date }): Promise<DialogOutcomeReport>;
}

/** The use case of one turn: load the conversation, route the turn, save, answer. */
export function createConversationEngine(deps: ConversationEngineDeps): FrontdoorConversationEngine {
  const idleMs = deps.dialogIdleMs ?? DEFAULT_DIALOG_IDLE_MS;
  const dialogs = new DialogEngine({ catalog: deps.catalog, directory: deps.directory, lifecycle: deps.lifecycle, extractFieldValues: deps.understanding.extractFieldValues, clock: deps.clock, timeZone: deps.timeZone });
  const triageQueue = new TriageQueue(deps);
  const inFlight = new Map<string, Promise<unknown>>();
  const claims = deps.claims ?? replicaClaims();
  const turnClaims = new TurnClaims(deps.store, claims, () => deps.clock().getTime());

  /** Turns of one conversation run one after another, so a double click cannot interleave. */
  function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = inFlight.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    inFlight.set(key, settled);
    void settled.then(() => { if (inFlight.get(key) === settled) inFlight.delete(key); });
    return next;
  }

  async function runTurn(turn: Turn, route: TurnHandler): Promise<Reply[]> {
    return inConversation(turn, route).catch((error: unknown) => turnErrorReplies(error, turn, deps.logger));
  }

  /**
   * Claim the conversation (one turn at a time across replicas too), load it, let `route` act
   * on it, save (which ends the claim), answer; errors reach the caller.
   */
  function inConversation(turn: Turn, route: TurnHandler): Promise<Reply[]> {
    const key = conversationKey(turn.channel, turn.conversationId);
    return oneAtATime(key, async () => {
      const row = await turnClaims.claim(key, turn);
      let saved = false;
      try {
        return await whileRenewing(claims, () => turnClaims.renew(key), async () => {
          const ctx = await openContext(turn, key, row);
          if (turn.deliveryId && ctx.state.applied.includes(turn.deliveryId)) {
            // Applied before by a replica that stopped before it could say it was done: its replies went out then.
            deps.logger.info({ conversation: key, deliveryId: turn.deliveryId }, 'a redelivered message was already answered; not applied again');
            return [];
          }
          const before = sensitiveFields(ctx.state);
          const said = turnLine(turn, before.answering);
          if (said) remember(ctx.state, said);
          const replies = [...ctx.preface, ...(await route(ctx))];
          const hidden = new Set([...before.ids, ...sensitiveFields(ctx.state).ids]);
          for (const reply of replies) remember(ctx.state, replyLine(reply, hidden));
          markApplied(ctx.state, turn.deliveryId);
          await deps.store.transaction((repos) => repos.conversations.save({ id: key, channel: turn.channel, personId: turn.person.id, state: ctx.state, now: ctx.now.getTime() }));
          saved = true;
          return replies;
        });
      } finally {
        if (!saved) await turnClaims.release(key);
      }
    });
  }

  async function openContext(turn: Turn, key: string, row: ConversationRow | undefined): Promise<TurnContext & { preface: Reply[] }> {
    const now = deps.clock();
    const parsed = row ? parseConversationState(row.state) : { state: freshState(), corrupt: false };
    if (parsed.corrupt) deps.logger.warn({ conversation: key }, 'conversation state did not fit the schema; starting afresh');
    let state = parsed.state;
    if (row && row.personId !== turn.person.id) {
      // Someone else in the same channel conversation: nothing of the previous person's carries over.
      if (state.dialog) await deps.store.transaction((repos) => repos.dialogOutcomes.end(state.dialog!.outcomeId, 'cancelled', now.getTime()));
      state = freshState();
    }
    const ctx = { turn, person: turn.person, state, now, deps, dialogs, triage: triageQueue, triageDesk: triage, preface: [] as Reply[] };
    const dialog = state.dialog;
    const requestType = dialog ? deps.catalog.requestType(dialog.requestTypeId) : undefined;
    if (dialog && row && (!requestType || now.getTime() - row.updatedAt > idleMs)) {
      state.dialog = undefined;
      await deps.store.transaction((repos) => repos.dialogOutcomes.end(dialog.outcomeId, requestType ? 'abandoned' : 'cancelled', now.getTime()));
      ctx.preface.push(say(requestType
        ? `Your ${requestType.title} request was left unfinished for a while, so I closed it. Nothing was sent.`
        : 'The form you had open is no longer in the catalog, so I closed it. Nothing was sent.'));
    }
    return ctx;
  }

  /** The open dialog's sensitive fields, and whether the person is answering one now. */
  function sensitiveFields(state: ConversationState): { ids: string[]; answering: boolean } {
    const dialog = state.dialog;
    const fields = dialog ? deps.catalog.requestType(dialog.requestTypeId)?.fields ?? [] : [];
    const ids = fields.filter((f) => f.sensitive).map((f) => f.id);
    return { ids, answering: dialog?.step.kind === 'field' && ids.includes(dialog.step.fieldId) };
  }

  const route: TurnHandler = async (ctx) => {
    const { action, text } = ctx.turn;
    const withAgent = ctx.state.withAgent;
    if (withAgent && !routesAsUsualWithAgent(ctx)) return employeeTurnWithAgent(ctx, withAgent);
    if (action) {
      const handler = cardActions[action.id];
      return handler ? handler(ctx) : [say('I do not know that button. Please use the latest card.')];
    }
    const typed = text?.trim() ?? '';
    if (!typed) return ctx.state.dialog ? (await continueDialogWithText(ctx, '')) : [];
    return ctx.state.dialog ? continueDialogWithText(ctx, typed) : understandText(ctx, typed);
  };

  const engine: FrontdoorConversationEngine = {
    get triage() { return triage; },
    get handoff() { return handoff; },
    handle: (turn) => runTurn(turn, route),
    startIntent: ({ channel, conversationId, person, intentId, text, known }) =>
      runTurn({ channel, conversationId, person }, (ctx) => runIntent(ctx, intentId, text, [], known)),
    markAbandonedDialogs: (now = deps.clock()) => markAbandonedDialogs(deps.store, now, idleMs),
    abandonmentRate: (window) => abandonmentRate(deps.store, window),
  };
  const triage = new TriageService({ ...deps, conversations: engine });

  const onEmployee = ({ channel, conversationId, person }: { channel: Turn['channel']; conversationId: string; person: Turn['person'] }, route: TurnHandler) =>
    inConversation({ channel, conversationId, person }, route);
  const conversations: TakeOverConversations = {
    joinAgent: (target, triageId, agent) => onEmployee(target, async (ctx) => joinAgent(ctx, triageId, agent)),
    relayFromAgent: (target, triageId, agent, text) => onEmployee(target, async (ctx) => relayFromAgent(ctx, triageId, agent, text)),
    leaveAgent: (target, input, record) => onEmployee(target, async (ctx) => {
      const { replies, lines } = await leaveAgent(ctx, input);
      await record(lines);
      return replies;
    }),
    markAgentSide: (thread, agent, triageId) => inConversation({ channel: thread.channel as Turn['channel'], conversationId: thread.conversationId, person: agent }, async (ctx) => {
      ctx.state.agentSide = { triageId };
      return [];
    }).then(() => undefined),
  };
  const takeover = new AgentTakeOver({ ...deps, conversations });
  const handoff: AgentHandoff = {
    takeOver: (input) => takeover.takeOver(input),
    relay: (input) => takeover.relay(input),
    handBack: (input) => takeover.handBack(input),
    agentSideTurn: async (turn) => {
      const row = await deps.store.read.conversations.find(conversationKey(turn.channel, turn.conversationId));
      const agentSide = row ? parseConversationState(row.state).state.agentSide : undefined;
      if (!row || !agentSide) return undefined;
      if (row.personId !== turn.person.id) return turn.text?.trim() ? [say('Only the agent who took this conversation over talks to the employee here.')] : [];
      return agentSideText(takeover, deps.catalog, turn, agentSide.triageId).catch((error: unknown) => turnErrorReplies(error, turn, deps.logger));
    },
  };
  return engine;
}
