import { escapeMarkdown } from '../../../cards/adaptive-markdown.js';
import type { CardJson } from '../../../cards/card-template.js';
import { adaptiveCardContentType, adaptiveCardFor } from '../../../cards/render-adaptive.js';
import { Actions } from '../../messages/actions.js';
import type { Reply } from '../../messages/reply.js';
import type { OutgoingActivity } from './bot-framework.js';

type ApprovalReply = Extract<Reply, { kind: 'approval' }>;

/** Teams-only action ids: the triage channel's buttons and the approval card's refresh. */
export const TeamsActions = {
  refreshApproval: 'approval.refresh',
  takeOver: 'teams.triage.takeover',
  handBack: 'teams.triage.handback',
  newRequest: 'teams.request.new',
} as const;

/**
 * The engine's replies as Teams messages: text as escaped markdown, every other kind as the
 * Adaptive Card (1.5) the web chat shows, from the same card data, full width. An approval
 * card uses Universal Actions (Action.Execute) and names its approver in `refresh.userIds`,
 * so Teams shows them the live card and anyone else the card as sent.
 */
export function teamsMessage(reply: Reply, options: { approverAadId?: string } = {}): OutgoingActivity {
  if (reply.kind === 'text') return { type: 'message', textFormat: 'markdown', text: escapeMarkdown(reply.text) };
  const card = reply.kind === 'approval' ? approvalCard(reply, options.approverAadId) : fullWidth(typeAhead(adaptiveCardFor(reply)));
  return cardMessage(card, summaryOf(reply));
}

export function cardMessage(card: CardJson, summary?: string): OutgoingActivity {
  return { type: 'message', ...(summary ? { summary } : {}), attachments: [{ contentType: adaptiveCardContentType, content: card }] };
}

/** The approval card with Action.Execute buttons (live), or read-only once decided or for someone else. */
export function approvalCard(reply: ApprovalReply, approverAadId?: string, options: { live?: boolean } = {}): CardJson {
  const card = fullWidth(adaptiveCardFor(reply));
  const live = options.live ?? !reply.outcome;
  const withExecute = live ? (universal(card) as CardJson) : { ...card, actions: [] };
  if (reply.outcome || !approverAadId) return withExecute;
  return {
    ...withExecute,
    refresh: {
      action: { type: 'Action.Execute', verb: TeamsActions.refreshApproval, data: { approvalId: reply.approvalId } },
      userIds: [approverAadId],
    },
  };
}

/** A dialog card once answered: what it asked, what was picked, and no buttons. */
export function answeredCard(reply: Reply, answer: string): CardJson {
  const headline = reply.kind === 'question' ? reply.prompt : reply.kind === 'summary' ? reply.title : reply.kind === 'choices' ? reply.text : '';
  return fullWidth({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: headline,
    body: [
      { type: 'TextBlock', text: escapeMarkdown(headline), wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: escapeMarkdown(`✓ ${answer}`), wrap: true, isSubtle: true },
    ],
  });
}

/** A card with only text: the triage message once taken, a note in a channel. */
export function textCard(lines: string[], actions: Array<Record<string, unknown>> = []): CardJson {
  return fullWidth({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: lines.map((text, i) => ({ type: 'TextBlock', text: escapeMarkdown(text), wrap: true, ...(i === 0 ? { weight: 'Bolder' } : {}) })),
    ...(actions.length ? { actions } : {}),
  });
}

/** A drop-down of many options (a lookup) becomes Teams' type-ahead list (`filtered`, Adaptive Cards 1.5). */
function typeAhead(card: CardJson): CardJson {
  const body = (card.body as Array<Record<string, unknown>> | undefined)?.map((element) =>
    element.type === 'Input.ChoiceSet' && element.style === 'compact' && !element.isMultiSelect ? { ...element, style: 'filtered' } : element,
  );
  return body ? { ...card, body } : card;
}

function fullWidth(card: CardJson): CardJson {
  return { ...card, msteams: { width: 'Full' } };
}

/** Action.Submit (with the shared action id in its data) becomes Action.Execute with that id as its verb. */
function universal(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(universal);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, universal(v)])) as Record<string, unknown>;
  if (entries.type === 'Action.Submit') {
    const data = (entries.data ?? {}) as Record<string, unknown>;
    const { action, ...rest } = data;
    return { ...entries, type: 'Action.Execute', verb: typeof action === 'string' ? action : Actions.approve, data: rest };
  }
  return entries;
}

function summaryOf(reply: Reply): string | undefined {
  switch (reply.kind) {
    case 'question':
      return reply.prompt.slice(0, 200);
    case 'approval':
      return `Approval: ${reply.requestNumber} ${reply.title}`.slice(0, 200);
    case 'summary':
      return reply.title.slice(0, 200);
    default:
      return undefined;
  }
}
