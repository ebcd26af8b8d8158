import type { Turn } from '../messages/turn.js';
import type { TakeOverConversations } from '../triage/agent-takeover.js';
import type { TriageItem } from '../triage/triage-item.js';
import type { ConversationRunner } from './conversation-runner.js';
import { joinAgent, leaveAgent, relayFromAgent } from './with-agent.js';

/** The employee's side of a take-over, each step run as a turn of the employee's conversation. */
export function takeOverConversations(runner: ConversationRunner): TakeOverConversations {
  return {
    joinAgent: (target, triageId, agent) => runner.run(target, async (ctx) => joinAgent(ctx, triageId, agent)),
    relayFromAgent: (target, triageId, agent, text) => runner.run(target, async (ctx) => relayFromAgent(ctx, triageId, agent, text)),
    leaveAgent: (target, input, record) => runner.run(target, async (ctx) => {
      const { replies, lines } = await leaveAgent(ctx, input);
      await record(lines);
      return replies;
    }),
    markAgentSide: (thread, agent, triageId) => runner.run({ channel: thread.channel as Turn['channel'], conversationId: thread.conversationId, person: agent }, async (ctx) => {
      ctx.state.agentSide = { triageId };
      return [];
    }).then(() => undefined),
    linesWithAgent: (item) => linesWithAgent(runner, item),
  };
}

/** What employee and agent said so far, while the agent still has the item's conversation. */
export async function linesWithAgent(runner: ConversationRunner, item: TriageItem): Promise<string[] | undefined> {
  const stored = await runner.stateOf(item.channel, item.conversationId);
  const withAgent = stored && stored.row.personId === item.personId ? stored.state.withAgent : undefined;
  return withAgent?.triageId === item.id ? withAgent.lines : undefined;
}
