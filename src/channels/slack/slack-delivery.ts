import type { CardChange } from '../../messages/card-change.js';
import type { Reply } from '../../messages/reply.js';
import type { DirectoryProvider } from '../../directory/person.js';
import type { ChannelDelivery } from '../../notify/notifier.js';
import type { Store } from '../../store/store.js';
import type { HomePublisher } from './home-publisher.js';
import type { SlackIdentity } from './slack-identity.js';
import type { SlackPoster } from './slack-poster.js';
import type { SlackWebClient } from './slack-web-client.js';

export interface SlackDeliveryDeps {
  client: SlackWebClient;
  store: Store;
  identity: SlackIdentity;
  poster: SlackPoster;
  directory: DirectoryProvider;
  home?: HomePublisher;
  /** Where triage items are posted for the service desk, besides the agents' DMs. */
  triageChannel?: string;
  now?: () => number;
}

/**
 * Proactive messages through Slack: to the person's DM (approval cards, status changes). An
 * approval card that carries an outcome updates every copy already posted instead of adding
 * one; a triage item also goes to the triage channel, once. Each delivery republishes the
 * person's App Home, since it reports a change to their requests or approvals.
 */
export class SlackDelivery implements ChannelDelivery {
  readonly channel = 'slack' as const;

  constructor(private readonly deps: SlackDeliveryDeps) {}

  async deliver(personId: string, replies: Reply[]): Promise<boolean> {
    // The triage channel hears of an item even when this agent is not in Slack.
    for (const reply of replies) if (reply.kind === 'triage') await this.postToTriageChannel(reply);
    const forThreads = agentThreadsOf(replies);
    const slackUserId = await this.deps.identity.slackUserOf(personId);
    if (!slackUserId && forThreads.size < replies.length) return false;
    const toPost: Reply[] = [];
    for (const reply of replies) {
      const thread = forThreads.get(reply);
      if (thread) {
        await this.deps.poster.postOne({ channel: thread.channelId, threadTs: thread.ts }, { kind: 'text', text: reply.kind === 'text' ? reply.text : '' });
      } else if (reply.kind === 'approval' && reply.outcome) {
        if ((await this.deps.poster.updateApprovalCopies(reply)) === 0) toPost.push(reply);
      } else {
        toPost.push(reply);
      }
    }
    if (toPost.length && slackUserId) {
      const opened = await this.deps.client.conversations.open({ users: slackUserId });
      const channel = opened.channel?.id;
      if (!channel) return false;
      for (const reply of toPost) {
        if (reply.kind === 'approval' && reply.outcome) await this.deps.poster.postOne({ channel }, reply);
        else await this.deps.poster.post({ channel }, [reply], { personId });
      }
    }
    if (slackUserId) await this.refreshHome(personId, slackUserId);
    return true;
  }

  /**
   * Every Slack copy of the card shows the change. The person's App Home lists their
   * approvals, so it is republished too; a change they are told of is republished by
   * `deliver`, which follows.
   */
  async applyCardChange(personId: string, change: CardChange): Promise<number> {
    const copies = await this.deps.poster.updateApprovalCopies(change.card);
    if (!change.tell && this.deps.home) {
      const slackUserId = await this.deps.identity.slackUserOf(personId);
      if (slackUserId) await this.refreshHome(personId, slackUserId);
    }
    return copies;
  }

  private async refreshHome(personId: string, slackUserId: string): Promise<void> {
    const person = this.deps.home ? await this.deps.directory.findByEmail(personId) : undefined;
    if (person) await this.deps.home?.refresh(person, slackUserId);
  }

  private async postToTriageChannel(reply: Extract<Reply, { kind: 'triage' }>): Promise<void> {
    const channel = this.deps.triageChannel;
    if (!channel) return;
    const subject = `triage:${reply.triageId}`;
    const first = await this.deps.store.transaction((repos) => repos.channelReceipts.firstSeen('slack', subject, this.deps.now?.() ?? Date.now()));
    if (first) await this.deps.poster.postOne({ channel }, reply);
  }
}

/** Employees' messages for an agent who took their conversation over in a Slack thread go to that thread. */
function agentThreadsOf(replies: Reply[]): Map<Reply, { channelId: string; ts: string }> {
  const threads = new Map<Reply, { channelId: string; ts: string }>();
  for (const reply of replies) {
    const thread = reply.kind === 'text' ? reply.relayToAgent?.thread : undefined;
    if (thread?.channel === 'slack') threads.set(reply, thread);
  }
  return threads;
}
