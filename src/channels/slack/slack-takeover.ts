import { z } from 'zod';
import { takenOverBlocks, triageMessageTakenBlocks } from '../../../cards/triage/takeover-blockkit.js';
import type { AgentHandoff } from '../../conversation/agent-handoff.js';
import type { DirectoryProvider, Person } from '../../directory/person.js';
import { FrontdoorError } from '../../shared/errors.js';
import type { SlackTurnAction } from './blocks/index.js';
import { SlackActions } from './blocks/index.js';
import { conversationIdOf } from './slack-conversations.js';
import type { SlackIdentity } from './slack-identity.js';
import type { SlackPlace, SlackPoster } from './slack-poster.js';
import type { SlackWebClient } from './slack-web-client.js';
import type { Logger } from '../../shared/logger.js';

const triageValues = z.object({ triageId: z.string().min(1).max(100) }).loose();

type Log = Pick<Logger, 'warn' | 'error'>;

/** Where a button was clicked: the triage channel's message (or a reply in its thread). */
export interface ClickPlace {
  userId: string;
  channelId?: string;
  messageTs?: string;
  threadTs?: string;
  /** What the clicked message shows, so it can be updated without its buttons. */
  message?: { text: string; blocks: unknown[] };
}

/**
 * The agents' side of a warm hand-off in Slack: "Take over" on a triage message makes its
 * thread the agent's line to the employee; what the agent writes there is relayed, and
 * "Hand back" (or `hand back [intent]`) ends it. Refusals are shown only to the clicker.
 */
export class SlackTakeOver {
  constructor(private readonly deps: {
    handoff: AgentHandoff;
    identity: SlackIdentity;
    poster: SlackPoster;
    directory: DirectoryProvider;
    client: SlackWebClient;
    log: Log;
  }) {}

  handles(actionId: string): boolean {
    return actionId === SlackActions.triageTakeOver || actionId === SlackActions.triageHandBack;
  }

  async clicked(action: SlackTurnAction, where: ClickPlace): Promise<void> {
    const values = triageValues.safeParse(action.values);
    if (!values.success || !where.channelId || !where.messageTs) return;
    const threadTs = where.threadTs ?? where.messageTs;
    const place: SlackPlace = { channel: where.channelId, threadTs };
    const agent = await this.deps.identity.personOf(where.userId);
    if (!agent) return this.tellClicker(where, 'I cannot find you in the company directory, so you cannot act on triage items.');
    const { triageId } = values.data;
    try {
      if (action.id === SlackActions.triageHandBack) {
        await this.deps.handoff.handBack({ triageId, agent, via: 'slack' });
        await this.deps.poster.postOne(place, { kind: 'text', text: `${agent.name} handed the conversation back to the assistant.` });
        return;
      }
      const item = await this.deps.handoff.takeOver({
        triageId, agent, via: 'slack',
        thread: { channel: 'slack', conversationId: conversationIdOf(place), channelId: where.channelId, ts: threadTs },
      });
      await this.announce(place, triageId, agent, item.personId);
      await this.closeTriageMessage(where, agent);
    } catch (error) {
      if (!(error instanceof FrontdoorError)) throw error;
      await this.tellClicker(where, error.userMessage);
    }
  }

  /**
   * A message in a channel thread: relayed when the thread is an agent's side of a take-over;
   * returns false (and does nothing) for any other thread.
   */
  async threadMessage(input: { userId: string; place: SlackPlace; text: string }): Promise<boolean> {
    if (!input.place.threadTs) return false;
    const person = await this.deps.identity.personOf(input.userId);
    if (!person) return false;
    const replies = await this.deps.handoff.agentSideTurn({ channel: 'slack', conversationId: conversationIdOf(input.place), person, text: input.text });
    if (!replies) return false;
    if (replies.length) await this.deps.poster.post(input.place, replies);
    return true;
  }

  private async announce(place: SlackPlace, triageId: string, agent: Person, employeeId: string): Promise<void> {
    const employee = await this.deps.directory.findByEmail(employeeId);
    const shown = takenOverBlocks({ triageId, agentName: agent.name, employeeName: employee?.name ?? employeeId });
    await this.deps.client.chat.postMessage({ channel: place.channel, thread_ts: place.threadTs, text: shown.text, blocks: shown.blocks });
  }

  /** The triage message loses its Take over button once someone has taken it. */
  private async closeTriageMessage(where: ClickPlace, agent: Person): Promise<void> {
    if (where.threadTs || !where.channelId || !where.messageTs || !where.message) return;
    const shown = triageMessageTakenBlocks(where.message, agent.name);
    try {
      await this.deps.client.chat.update({ channel: where.channelId, ts: where.messageTs, text: shown.text, blocks: shown.blocks });
    } catch (error) {
      this.deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'removing the buttons of a taken triage message failed');
    }
  }

  private async tellClicker(where: ClickPlace, text: string): Promise<void> {
    if (!where.channelId) return;
    try {
      await this.deps.client.chat.postEphemeral({ channel: where.channelId, user: where.userId, text, ...(where.threadTs ? { thread_ts: where.threadTs } : {}) });
    } catch (error) {
      this.deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'telling a Slack user why their click was refused failed');
    }
  }
}
