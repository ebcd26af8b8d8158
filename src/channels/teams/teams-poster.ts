import { cardChanged } from '../../messages/card-change.js';
import type { Reply } from '../../messages/reply.js';
import type { Store } from '../../store/store.js';
import { applyCardChange, cardCopy } from '../card-copies.js';
import type { ChannelMessages, MessageRef } from '../channel.js';
import type { BotFrameworkGateway, OutgoingActivity, TurnConnector } from './bot-framework.js';
import { answeredCard, approvalCard, cardMessage, teamsMessage } from './teams-cards.js';
import type { TeamsIdentity } from './teams-identity.js';

type ApprovalReply = Extract<Reply, { kind: 'approval' }>;

/** Dialog messages with buttons that go stale once the conversation moves on. */
const interactiveKinds = new Set<Reply['kind']>(['question', 'summary', 'choices']);

/**
 * Sends the engine's replies in a Teams conversation and keeps track of the messages that
 * change later (channel_messages): every copy of an approval card, updated with its outcome
 * wherever the decision was made (updateActivity), and the open dialog card of a
 * conversation, which loses its buttons once answered.
 */
export class TeamsPoster {
  readonly messages: ChannelMessages;

  constructor(private readonly deps: { gateway: BotFrameworkGateway; store: Store; identity: TeamsIdentity; now?: () => number }) {
    this.messages = {
      send: (place, reply) =>
        this.onPlace(place, async (c) => {
          const id = await c.send(await this.render(reply));
          return id ? { place, messageId: id } : undefined;
        }),
      update: (message, reply) => this.onPlace(message.place, (c) => this.render(reply).then((shown) => c.update(message.messageId, shown))),
      delete: (message) => this.onPlace(message.place, (c) => c.remove(message.messageId)),
    };
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Posts replies in order; an approval card that carries an outcome updates its copies instead. */
  async post(
    connector: TurnConnector,
    place: string,
    replies: Reply[],
    context: { personId?: string; conversationKey?: string; approverAadId?: string } = {},
  ): Promise<void> {
    for (const reply of replies) {
      if (reply.kind === 'approval' && reply.outcome && (await this.updateApprovalCopies(reply)) > 0) continue;
      const messageId = await connector.send(teamsMessage(reply, context.approverAadId ? { approverAadId: context.approverAadId } : {}));
      if (!messageId) continue;
      if (reply.kind === 'approval' && !reply.outcome) {
        const copy = cardCopy('teams', { place, messageId }, reply, context.personId ?? null, this.now());
        await this.deps.store.transaction((repos) => repos.channelMessages.record(copy));
      } else if (interactiveKinds.has(reply.kind) && context.conversationKey) {
        const at = this.now();
        await this.deps.store.transaction((repos) =>
          repos.channelMessages.record({
            channel: 'teams',
            place,
            messageId,
            kind: 'question',
            subject: context.conversationKey!,
            personId: context.personId ?? null,
            requestNumber: null,
            reply,
            open: true,
            createdAt: at,
          }),
        );
      }
    }
  }

  /** Shows the outcome on every open Teams copy of the approval card; returns how many copies there are. */
  async updateApprovalCopies(card: ApprovalReply): Promise<number> {
    return applyCardChange({ channel: 'teams', store: this.deps.store, messages: this.messages }, cardChanged(card, { tell: false }));
  }

  /** The conversation moved on: its open dialog cards lose their buttons and show the answer. */
  async closeDialogMessages(connector: TurnConnector, conversationKey: string, answer: (reply: Reply) => string): Promise<void> {
    const open = await this.deps.store.read.channelMessages.about('teams', 'question', conversationKey, { openOnly: true });
    for (const message of open) {
      const reply = message.reply as Reply;
      const closed = await this.deps.store.transaction((repos) => repos.channelMessages.close(message, reply));
      if (closed) await connector.update(message.messageId, cardMessage(answeredCard(reply, answer(reply))));
    }
  }

  /** A message sent proactively to a stored place. */
  async sendTo(place: string, activity: OutgoingActivity): Promise<MessageRef | undefined> {
    return this.onPlace(place, async (c) => {
      const id = await c.send(activity);
      return id ? { place, messageId: id } : undefined;
    });
  }

  private async render(reply: Reply): Promise<OutgoingActivity> {
    if (reply.kind !== 'approval' || reply.outcome) return teamsMessage(reply);
    // A pending card shown again (a reminder's copy) keeps its approver's live view.
    const copies = await this.deps.store.read.channelMessages.about('teams', 'approval', reply.approvalId);
    const approver = copies.find((c) => c.personId)?.personId;
    const aadId = approver ? await this.deps.identity.aadIdOf(approver) : undefined;
    return cardMessage(approvalCard(reply, aadId));
  }

  private async onPlace<T>(place: string, work: (connector: TurnConnector) => Promise<T>): Promise<T> {
    const address = await this.deps.identity.placeOf(place);
    if (!address) throw new Error('no stored Teams conversation for a message to change');
    return this.deps.gateway.continue(address, work);
  }
}
