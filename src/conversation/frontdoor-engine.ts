import { abandonmentRate, markAbandonedDialogs, type DialogOutcomeReport } from '../dialog/dialog-outcomes.js';
import { DialogEngine } from '../dialog/dialog-engine.js';
import { TriageQueue } from '../triage/triage-queue.js';
import { TriageService, type ConversationContinuation } from '../triage/triage-service.js';
import { AgentTakeOver } from '../triage/agent-takeover.js';
import { createAgentHandoff, type AgentHandoff } from './agent-handoff.js';
import type { ConversationEngine, FormsInProgress, SensitiveQuestions } from './conversation-engine.js';
import { formInProgress } from './form-in-progress.js';
import { ConversationRunner } from './conversation-runner.js';
import type { ConversationEngineDeps } from './engine-deps.js';
import { routeTurn } from './route-turn.js';
import { runIntent } from './run-intent.js';
import { TurnRate } from './turn-rate.js';
import { linesWithAgent, takeOverConversations } from './takeover-conversations.js';

export interface FrontdoorConversationEngine extends ConversationEngine, ConversationContinuation, FormsInProgress, SensitiveQuestions {
  readonly triage: TriageService;
  /** Agents take triaged conversations over and hand them back. */
  readonly handoff: AgentHandoff;
  /** Open dialogs idle longer than the configured time become abandoned; run at start and hourly. */
  markAbandonedDialogs(now?: Date): Promise<number>;
  abandonmentRate(window?: { from?: Date; to?: Date }): Promise<DialogOutcomeReport>;
}

/** The use case of one turn: load the conversation, route the turn, save, answer. */
export function createConversationEngine(deps: ConversationEngineDeps): FrontdoorConversationEngine {
  const dialogs = new DialogEngine({ catalog: deps.catalog, directory: deps.directory, lifecycle: deps.lifecycle, extractFieldValues: deps.understanding.extractFieldValues, clock: deps.clock, timeZone: deps.timeZone });
  const turnRate = new TurnRate(deps.turnsPerMinute ?? 30);
  const runner = new ConversationRunner(deps, { dialogs, triage: new TriageQueue(deps), triageDesk: () => triage });
  const engine: FrontdoorConversationEngine = {
    get triage() { return triage; },
    get handoff() { return handoff; },
    handle: (turn) => (turnRate.allow(turn.person.id, deps.clock().getTime())
      ? runner.runTurn(turn, routeTurn)
      : Promise.resolve([{ kind: 'text', text: 'You are sending messages faster than I can answer them. Please wait a moment and try again.' }])),
    startIntent: ({ channel, conversationId, person, intentId, text, known }) =>
      runner.runTurn({ channel, conversationId, person }, (ctx) => runIntent(ctx, intentId, text, [], known)),
    linesWithAgent: (item) => linesWithAgent(runner, item),
    markAbandonedDialogs: (now = deps.clock()) => markAbandonedDialogs(deps.store, now, runner.dialogIdleMs),
    abandonmentRate: (window) => abandonmentRate(deps.store, window),
    formInProgress: (channel, conversationId) => formInProgress(deps.store, channel, conversationId),
    awaitsSensitiveAnswer: (channel, conversationId) => runner.awaitsSensitiveAnswer(channel, conversationId),
  };
  const triage = new TriageService({ ...deps, conversations: engine });
  const handoff = createAgentHandoff(deps, runner, new AgentTakeOver({ ...deps, conversations: takeOverConversations(runner) }), triage);
  return engine;
}
