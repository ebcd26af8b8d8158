import type { Catalog } from '../catalog/catalog.js';
import type { Person } from '../directory/person.js';
import type { AgentTakeOver } from '../triage/agent-takeover.js';
import type { TriageService } from '../triage/triage-service.js';
import type { ConversationRunner } from './conversation-runner.js';
import type { ConversationEngineDeps } from './engine-deps.js';
import { turnErrorReplies } from './turn-error-policy.js';
import type { AgentThread, TriageItem } from '../triage/triage-item.js';
import { intentLabel } from '../catalog/intent-label.js';
import type { Reply } from '../messages/reply.js';
import { say } from './turn-context.js';
import type { ChannelName, Turn } from '../messages/turn.js';

/**
 * Warm hand-off, for every channel: a service-desk agent takes a triaged conversation over,
 * talks with the employee, and hands it back. The API, Slack and any other channel call this.
 */
export interface AgentHandoff {
  /** `thread`: the agent's thread in a channel, whose messages are then relayed to the employee. */
  takeOver(input: { triageId: string; agent: Person; thread?: AgentThread; via?: ChannelName }): Promise<TriageItem>;
  relay(input: { triageId: string; agent: Person; text: string }): Promise<TriageItem>;
  handBack(input: { triageId: string; agent: Person; intent?: string; via?: ChannelName }): Promise<TriageItem>;
  /**
   * Settles an item with a note the employee reads: an open one is answered as a person; one
   * the agent took over ends its take-over without starting a dialog.
   */
  resolve(input: { triageId: string; agent: Person; note: string; via?: ChannelName }): Promise<TriageItem>;
  /**
   * A message in a conversation that is an agent's side of a take-over: relayed, or "hand
   * back [intent]". Undefined when the conversation is not one, so the channel ignores it.
   */
  agentSideTurn(turn: Turn): Promise<Reply[] | undefined>;
}

/** "hand back", "hand back request-laptop", "hand it back with request-laptop". */
const handBackPhrase = /^hand[\s-]*(?:it\s+)?back(?:\s+(?:with\s+)?([a-z0-9][\w.-]*))?[\s.!]*$/i;

export function handBackCommand(text: string): { intent?: string } | undefined {
  const match = handBackPhrase.exec(text.trim());
  if (!match) return undefined;
  return match[1] ? { intent: match[1].toLowerCase() } : {};
}

/** The agent's side: their text goes to the employee; "hand back" ends the take-over. */
export async function agentSideText(takeover: AgentTakeOver, catalog: Catalog, turn: Turn, triageId: string): Promise<Reply[]> {
  const text = turn.text?.trim() ?? '';
  // Once handed back the thread is an ordinary thread again: nothing relayed, nothing answered.
  if (!text || (await takeover.current(triageId)).status !== 'taken') return [];
  const command = handBackCommand(text);
  if (!command) {
    await takeover.relay({ triageId, agent: turn.person, text });
    return [];
  }
  await takeover.handBack({ triageId, agent: turn.person, via: turn.channel, ...command });
  return [say(command.intent
    ? `Handed back to the assistant, continuing with ${intentLabel(catalog, command.intent)}.`
    : 'Handed back to the assistant.')];
}

/** The hand-off as channels and the API use it: the take-over's steps, and the agent's side of a thread. */
export function createAgentHandoff(deps: ConversationEngineDeps, runner: ConversationRunner, takeover: AgentTakeOver, triage: TriageService): AgentHandoff {
  return {
    takeOver: (input) => takeover.takeOver(input),
    relay: (input) => takeover.relay(input),
    handBack: (input) => takeover.handBack(input),
    resolve: async ({ triageId, agent, note, via }) => {
      if ((await takeover.current(triageId)).status === 'open') {
        await triage.resolve(triageId, agent, { answer: note }, via ? { via } : {});
        return takeover.current(triageId);
      }
      return takeover.resolve({ triageId, agent, note, ...(via ? { via } : {}) });
    },
    agentSideTurn: async (turn) => {
      const stored = await runner.stateOf(turn.channel, turn.conversationId);
      const agentSide = stored?.state.agentSide;
      if (!stored || !agentSide) return undefined;
      if (stored.row.personId !== turn.person.id) return turn.text?.trim() ? [say('Only the agent who took this conversation over talks to the employee here.')] : [];
      return agentSideText(takeover, deps.catalog, turn, agentSide.triageId).catch((error: unknown) => turnErrorReplies(error, turn, deps.logger));
    },
  };
}
