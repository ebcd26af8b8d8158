import { z } from 'zod';
import { adaptiveCardFor } from '../../../cards/render-adaptive.js';
import type { AgentHandoff } from '../../conversation/agent-handoff.js';
import type { DirectoryProvider, Person } from '../../directory/person.js';
import type { AgentThread } from '../../messages/agent-thread.js';
import type { Reply } from '../../messages/reply.js';
import { FrontdoorError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import type { TeamsActivity } from './activity-schema.js';
import type { BotFrameworkGateway, ConversationAddress, TurnConnector } from './bot-framework.js';
import { cardMessage, teamsMessage, textCard, TeamsActions } from './teams-cards.js';
import type { TeamsIdentity } from './teams-identity.js';
import type { TeamsPoster } from './teams-poster.js';

const triageValues = z.looseObject({ action: z.string(), triageId: z.string().min(1).max(100) });

/** A channel conversation id without its thread (`19:...@thread.tacv2;messageid=...`). */
function channelOf(conversationId: string): string {
  return conversationId.split(';')[0]!;
}

/**
 * The service desk's side in a Teams channel (TEAMS_TRIAGE_CHANNEL), through the same
 * hand-off as Slack: triage items are posted there with "Take over"; the agent who takes one
 * talks to the employee in the card's thread (mentioning Frontdoor), the card shows who has
 * it, and "Hand back" (or `hand back [intent]`) returns the employee to the assistant.
 */
export class TeamsTriage {
  constructor(
    private readonly deps: {
      handoff: AgentHandoff;
      identity: TeamsIdentity;
      poster: TeamsPoster;
      gateway: BotFrameworkGateway;
      directory: DirectoryProvider;
      store: Store;
      triageChannel?: string;
      serviceUrl: string;
      now?: () => number;
    },
  ) {}

  /** Posts a triage item to the triage channel, once across replicas. */
  async post(reply: Extract<Reply, { kind: 'triage' }>): Promise<void> {
    const channel = this.deps.triageChannel;
    if (!channel) return;
    const first = await this.deps.store.transaction((repos) =>
      repos.channelReceipts.firstSeen('teams', `triage:${reply.triageId}`, this.deps.now?.() ?? Date.now()),
    );
    if (!first) return;
    const card = adaptiveCardFor(reply);
    const actions = [
      ...((card.actions as unknown[] | undefined) ?? []),
      { type: 'Action.Submit', title: 'Take over', data: { action: TeamsActions.takeOver, triageId: reply.triageId } },
    ];
    const address = await this.channelAddress(channel);
    await this.deps.gateway.continue(address, (c) => c.send(cardMessage({ ...card, actions, msteams: { width: 'Full' } }, `Needs triage: ${reply.requester}`)));
  }

  /** An employee's words for the agent who took them over: into the agent's thread. */
  async relay(thread: AgentThread, text: string): Promise<void> {
    const address = await this.channelAddress(thread.channelId);
    await this.deps.gateway.continue({ ...address, conversationId: thread.conversationId }, (c) => c.send(teamsMessage({ kind: 'text', text })));
  }

  /** Take over / Hand back on a triage card; false when the click is not one of those. */
  async clicked(activity: TeamsActivity, connector: TurnConnector, value: Record<string, unknown>): Promise<boolean> {
    const parsed = triageValues.safeParse(value);
    if (!parsed.success || (parsed.data.action !== TeamsActions.takeOver && parsed.data.action !== TeamsActions.handBack)) return false;
    const agent = await this.deps.identity.personOf(activity, connector);
    if (!agent) {
      await connector.send(teamsMessage({ kind: 'text', text: 'I cannot find you in the company directory, so you cannot act on triage items.' }));
      return true;
    }
    const { triageId } = parsed.data;
    const channelId = channelOf(activity.conversation.id);
    const root = /;messageid=(.+)$/.exec(activity.conversation.id)?.[1] ?? activity.replyToId;
    try {
      if (parsed.data.action === TeamsActions.handBack) {
        await this.deps.handoff.handBack({ triageId, agent, via: 'teams' });
        await connector.send(teamsMessage({ kind: 'text', text: `${agent.name} handed the conversation back to the assistant.` }));
        return true;
      }
      if (!root) return true;
      const thread: AgentThread = { channel: 'teams', conversationId: `${channelId};messageid=${root}`, channelId, ts: root };
      const item = await this.deps.handoff.takeOver({ triageId, agent, via: 'teams', thread });
      const channel = await this.channelAddress(channelId);
      const threadAddress = { ...channel, conversationId: thread.conversationId };
      await this.deps.identity.savePlace(threadAddress);
      const employee = await this.deps.directory.findByEmail(item.personId);
      const employeeName = employee?.name ?? item.personId;
      await this.deps.gateway.continue(threadAddress, (c) =>
        c.send(
          cardMessage(
            textCard(
              [
                `${agent.name} took this over.`,
                `What you write in this thread (mentioning Frontdoor) goes to ${employeeName}, and their messages appear here. Say "hand back" to return them to the assistant, or "hand back <intent-id>" to start that request with what they told you.`,
              ],
              [{ type: 'Action.Submit', title: 'Hand back', data: { action: TeamsActions.handBack, triageId } }],
            ),
          ),
        ),
      );
      if (activity.replyToId) {
        const taken = cardMessage(textCard([`Needs triage: ${employeeName}`, `Taken over by ${agent.name}: the conversation continues in this thread.`]));
        const cardId = activity.replyToId;
        await this.deps.gateway.continue(channel, (c) => c.update(cardId, taken));
      }
    } catch (error) {
      if (!(error instanceof FrontdoorError)) throw error;
      await connector.send(teamsMessage({ kind: 'text', text: error.userMessage }));
    }
    return true;
  }

  /** An agent's message in a taken-over thread: relayed (or handed back); false for any other thread. */
  async threadMessage(activity: TeamsActivity, connector: TurnConnector, person: Person, text: string): Promise<boolean> {
    if (!activity.conversation.id.includes(';messageid=')) return false;
    const replies = await this.deps.handoff.agentSideTurn({ channel: 'teams', conversationId: activity.conversation.id, person, text });
    if (!replies) return false;
    if (replies.length) await this.deps.poster.post(connector, activity.conversation.id, replies);
    return true;
  }

  private async channelAddress(channelId: string): Promise<ConversationAddress> {
    return (await this.deps.identity.placeOf(channelId)) ?? { serviceUrl: this.deps.serviceUrl, conversationId: channelId };
  }
}
