import { z } from 'zod';
import { adaptiveCardContentType } from '../../../cards/render-adaptive.js';
import type { CardJson } from '../../../cards/card-template.js';
import { Actions } from '../../messages/actions.js';
import type { Reply } from '../../messages/reply.js';
import type { Store } from '../../store/store.js';
import type { TeamsActivity } from './activity-schema.js';
import type { InvokeAnswer, TurnConnector } from './bot-framework.js';
import { approvalCard, teamsMessage, TeamsActions } from './teams-cards.js';
import type { TeamsConversations } from './teams-conversations.js';
import type { TeamsIdentity } from './teams-identity.js';
import type { TeamsForms } from './teams-forms.js';
import { unknownTeamsUserText } from './teams-conversations.js';

type ApprovalReply = Extract<Reply, { kind: 'approval' }>;

/** The `value` of an adaptiveCard/action invoke (Universal Actions). */
const universalAction = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(100),
    data: z.record(z.string().max(60), z.unknown()).optional(),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

const approvalData = z.looseObject({ approvalId: z.string().min(1).max(100), comment: z.string().max(2000).optional() });

const cardAnswer = (card: CardJson): InvokeAnswer => ({ status: 200, body: { statusCode: 200, type: adaptiveCardContentType, value: card } });
const messageAnswer = (text: string): InvokeAnswer => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
});
const badRequest = (message: string): InvokeAnswer => ({
  status: 200,
  body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } },
});

/**
 * Invokes, answered in the HTTP response: Universal Actions on approval cards
 * (adaptiveCard/action: approve, deny with its reason, and the refresh that shows the approver
 * the live card and anyone else the card as sent) and the request form's task module.
 */
export class TeamsInvokes {
  constructor(private readonly deps: { store: Store; identity: TeamsIdentity; conversations: TeamsConversations; forms: TeamsForms }) {}

  async handle(activity: TeamsActivity, connector: TurnConnector): Promise<InvokeAnswer> {
    switch (activity.name) {
      case 'adaptiveCard/action':
        return this.universalAction(activity, connector);
      case 'task/fetch':
        return this.deps.forms.fetch(activity, connector);
      case 'task/submit':
        return this.deps.forms.submit(activity, connector);
      default:
        return { status: 200, body: {} };
    }
  }

  private async universalAction(activity: TeamsActivity, connector: TurnConnector): Promise<InvokeAnswer> {
    const parsed = universalAction.safeParse(activity.value);
    if (!parsed.success) return badRequest('The card action is not one Frontdoor knows.');
    const { verb, data = {} } = parsed.data.action;
    const values = approvalData.safeParse(data);
    if (!values.success) return badRequest('That approval card is missing its approval; please use the latest card.');
    const person = await this.deps.identity.personOf(activity, connector);
    if (verb === TeamsActions.refreshApproval) return this.refreshed(values.data.approvalId, person?.id);
    if (verb !== Actions.approve && verb !== Actions.deny) return badRequest('The card action is not one Frontdoor knows.');
    if (!person) return messageAnswer(unknownTeamsUserText);
    await this.deps.identity.rememberPersonalChat(person.id, activity);
    const replies = await this.deps.conversations.answer({
      channel: 'teams',
      conversationId: activity.conversation.id,
      person,
      action: { id: verb, values: { action: verb, ...values.data } },
    });
    const decided = replies.find((r): r is ApprovalReply => r.kind === 'approval' && r.outcome !== undefined);
    const said = replies.flatMap((r) => (r.kind === 'text' ? [r.text] : [])).join('\n');
    if (decided) {
      if (said) await connector.send(teamsMessage({ kind: 'text', text: said }));
      return cardAnswer(approvalCard(decided));
    }
    // Refused (someone else's approval, already decided): the card as it stands, and why.
    const current = await this.currentCard(values.data.approvalId);
    if (current?.outcome) {
      if (said) await connector.send(teamsMessage({ kind: 'text', text: said }));
      return cardAnswer(approvalCard(current));
    }
    return messageAnswer(said || 'Nothing changed.');
  }

  /** What the clicker sees: the live card for its approver while pending, the card as it stands for anyone else. */
  private async refreshed(approvalId: string, personId: string | undefined): Promise<InvokeAnswer> {
    const copies = await this.deps.store.read.channelMessages.about('teams', 'approval', approvalId);
    const current = await this.currentCard(approvalId);
    if (!current) return badRequest('That approval is not known here.');
    const approver = copies.find((c) => c.personId)?.personId;
    const live = !current.outcome && personId !== undefined && personId === approver;
    const aadId = approver ? await this.deps.identity.aadIdOf(approver) : undefined;
    return cardAnswer(approvalCard(current, aadId, { live }));
  }

  /** The card as its Teams copies show it now (a closed copy holds the outcome). */
  private async currentCard(approvalId: string): Promise<ApprovalReply | undefined> {
    const copies = await this.deps.store.read.channelMessages.about('teams', 'approval', approvalId);
    const decided = copies.find((c) => !c.open && (c.reply as ApprovalReply).outcome);
    return (decided ?? copies.at(-1))?.reply as ApprovalReply | undefined;
  }
}
