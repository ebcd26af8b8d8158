import type { ConversationEngine } from '../../conversation/conversation-engine.js';
import { somethingWentWrong } from '../../conversation/turn-error-policy.js';
import type { Person } from '../../directory/person.js';
import { Actions } from '../../messages/actions.js';
import type { Reply } from '../../messages/reply.js';
import type { Turn } from '../../messages/turn.js';
import type { Logger } from '../../shared/logger.js';
import { isPersonal, textWithoutMentions, type TeamsActivity } from './activity-schema.js';
import type { BotFrameworkGateway, TurnConnector } from './bot-framework.js';
import { cardMessage, teamsMessage, textCard, TeamsActions } from './teams-cards.js';
import type { TeamsIdentity } from './teams-identity.js';
import type { TeamsPoster } from './teams-poster.js';
import type { TeamsTriage } from './teams-triage.js';

export const unknownTeamsUserText =
  "I can't find you in the company directory, so I can't take requests from you here. " + 'Please contact the service desk if you think this is wrong.';

export const movedToPersonalChatText = 'I’ve sent you a personal message; let’s continue there, where only you can see your requests.';

const sharedActionIds = new Set<string>(Object.values(Actions));

/** "new request" (and the manifest command's title) opens the whole form as one card. */
const newRequestCommand = /^(new request|new|request form)$/i;

/**
 * Teams messages become Turns for the engine; the replies go back to the same conversation.
 * Personal chats are conversations; a mention in a team channel is answered in its thread
 * with a pointer only, and the conversation goes on in the person's personal chat.
 */
export class TeamsConversations {
  constructor(
    private readonly deps: {
      engine: ConversationEngine;
      identity: TeamsIdentity;
      poster: TeamsPoster;
      gateway: BotFrameworkGateway;
      triage: TeamsTriage;
      log: Pick<Logger, 'error' | 'warn'>;
      holdDeliveries: (personId: string) => () => Promise<void>;
    },
  ) {}

  async message(activity: TeamsActivity, connector: TurnConnector): Promise<void> {
    if (!isPersonal(activity)) return this.channelMessage(activity, connector);
    const person = await this.deps.identity.personOf(activity, connector);
    if (!person) {
      await connector.send(teamsMessage({ kind: 'text', text: unknownTeamsUserText }));
      return;
    }
    await this.deps.identity.rememberPersonalChat(person.id, activity);
    const action = cardAction(activity.value);
    const text = textWithoutMentions(activity);
    if (!action && newRequestCommand.test(text)) {
      await connector.send(cardMessage(textCard(['Open the form of a new request.'], [newRequestButton()])));
      return;
    }
    if (!action && !text) return;
    await this.converse(person, activity, connector, { ...(action ? { action } : { text }) });
  }

  /** One turn of the person's conversation, its replies posted where the activity came from. */
  async converse(person: Person, activity: TeamsActivity, connector: TurnConnector, input: { text?: string; action?: Turn['action'] }): Promise<Reply[]> {
    const conversationId = activity.conversation.id;
    const conversationKey = `teams:${conversationId}`;
    await this.deps.poster.closeDialogMessages(connector, conversationKey, (shown) => answerLabel(shown, input));
    const turn: Turn = {
      channel: 'teams',
      conversationId,
      person,
      ...(input.action ? { action: input.action } : { text: input.text ?? '' }),
      ...(activity.id ? { deliveryId: `${conversationId}|${activity.id}` } : {}),
    };
    const release = this.deps.holdDeliveries(person.id);
    try {
      const replies = await this.answer(turn);
      await this.deps.poster.post(connector, conversationId, replies, {
        personId: person.id,
        conversationKey,
        ...(activity.from.aadObjectId ? { approverAadId: activity.from.aadObjectId } : {}),
      });
      return replies;
    } finally {
      await release().catch((err: unknown) => this.deps.log.error({ err }, 'delivering held messages failed'));
    }
  }

  async answer(turn: Turn): Promise<Reply[]> {
    try {
      return await this.deps.engine.handle(turn);
    } catch (err) {
      this.deps.log.error({ err, conversationId: turn.conversationId }, 'conversation engine failed on a Teams turn');
      return [{ kind: 'text', text: somethingWentWrong }];
    }
  }

  /**
   * A mention in a team channel (or a group chat): the triage channel's agents talk to the
   * employee they took over; anyone else is answered in the thread with a pointer only, and
   * the conversation carries on in their personal chat.
   */
  private async channelMessage(activity: TeamsActivity, connector: TurnConnector): Promise<void> {
    const text = textWithoutMentions(activity);
    const action = activity.value && typeof activity.value === 'object' ? (activity.value as Record<string, unknown>) : undefined;
    if (action && (await this.deps.triage.clicked(activity, connector, action))) return;
    const person = await this.deps.identity.personOf(activity, connector);
    if (!person) {
      await connector.send(teamsMessage({ kind: 'text', text: unknownTeamsUserText }));
      return;
    }
    if (text && (await this.deps.triage.threadMessage(activity, connector, person, text))) return;
    if (!text) return;
    const chat = await this.personalChat(person, activity);
    if (!chat) {
      await connector.send(
        teamsMessage({ kind: 'text', text: 'Please open a chat with me (Apps, Frontdoor) and ask there, where only you can see your requests.' }),
      );
      return;
    }
    await connector.send(teamsMessage({ kind: 'text', text: movedToPersonalChatText }));
    const personalActivity: TeamsActivity = {
      ...activity,
      conversation: { id: chat.conversationId, conversationType: 'personal', ...(chat.tenantId ? { tenantId: chat.tenantId } : {}) },
      serviceUrl: chat.serviceUrl,
    };
    await this.deps.gateway.continue(
      { serviceUrl: chat.serviceUrl, conversationId: chat.conversationId, ...(chat.tenantId ? { tenantId: chat.tenantId } : {}) },
      async (personal) => {
        await this.converse(person, personalActivity, personal, { text });
      },
    );
  }

  /** The person's personal chat with the bot: the stored one, or one opened now. */
  private async personalChat(person: Person, activity: TeamsActivity): Promise<{ serviceUrl: string; conversationId: string; tenantId?: string } | undefined> {
    const known = await this.deps.identity.personalChatOf(person.id);
    if (known) return known;
    const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
    const conversationId = await this.deps.gateway.openPersonalChat({
      serviceUrl: activity.serviceUrl,
      userId: activity.from.id,
      ...(tenantId ? { tenantId } : {}),
      ...(activity.recipient?.id ? { botId: activity.recipient.id } : {}),
    });
    if (!conversationId) return undefined;
    const opened: TeamsActivity = { ...activity, conversation: { id: conversationId, conversationType: 'personal', ...(tenantId ? { tenantId } : {}) } };
    await this.deps.identity.rememberPersonalChat(person.id, opened);
    return { serviceUrl: activity.serviceUrl, conversationId, ...(tenantId ? { tenantId } : {}) };
  }
}

/** A card submit (Action.Submit's data merged with the inputs) naming one of the shared action ids. */
export function cardAction(value: unknown): Turn['action'] | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const values = value as Record<string, unknown>;
  if (typeof values.action !== 'string' || !sharedActionIds.has(values.action)) return undefined;
  return { id: values.action, values };
}

export function newRequestButton(): Record<string, unknown> {
  return { type: 'Action.Submit', title: 'New request', data: { msteams: { type: 'task/fetch' }, action: TeamsActions.newRequest } };
}

/** What an answered dialog card shows was picked: the option's label, or what was typed. */
function answerLabel(shown: Reply, input: { text?: string; action?: Turn['action'] }): string {
  if (input.text) return input.text;
  const values = input.action?.values ?? {};
  if (input.action?.id === Actions.cancel) return 'Cancelled';
  if (input.action?.id === Actions.back) return 'Back';
  if (input.action?.id === Actions.confirm) return 'Confirmed';
  if (input.action?.id === Actions.change) return 'Changing a field';
  const picked = values.answer ?? values.value;
  if (picked === undefined || picked === null || picked === '') return 'Answered';
  const options = shown.kind === 'question' && shown.input.type === 'choice' ? shown.input.options : shown.kind === 'choices' ? shown.options : [];
  const labels = String(picked)
    .split(',')
    .map((v) => options.find((o) => o.value === v)?.label ?? v);
  return labels.join(', ');
}
