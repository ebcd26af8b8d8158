import type { Reply } from '../src/messages/reply.js';
import { escapeCardText, escapeMarkdown } from './adaptive-markdown.js';
import { expandAdaptive, type CardJson } from './card-template.js';
import { accessEndingCardData } from './access-ending/index.js';
import { approvalCardData } from './approval/index.js';
import { choicesCardData } from './choices/index.js';
import { questionCardData } from './question/index.js';
import { statusCardData } from './status/index.js';
import { summaryCardData } from './summary/index.js';
import { triageCardData } from './triage/index.js';

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveAttachment {
  contentType: typeof adaptiveCardContentType;
  content: CardJson;
}

/** A reply as a Bot Framework message: plain text, or an Adaptive Card with its text fallback. */
export interface RenderedMessage {
  text?: string;
  attachments?: AdaptiveAttachment[];
}

type CardKind = Exclude<Reply['kind'], 'text'>;

/** Each card kind's data builder; the card folder of the same name holds its template. */
const cardData: { [K in CardKind]: (reply: Extract<Reply, { kind: K }>) => Record<string, unknown> } = {
  question: questionCardData,
  choices: choicesCardData,
  summary: summaryCardData,
  approval: approvalCardData,
  status: statusCardData,
  triage: triageCardData,
  'access-ending': accessEndingCardData,
};

/** The Adaptive Card of a reply that is a card (every kind but `text`). */
export function adaptiveCardFor(reply: Exclude<Reply, { kind: 'text' }>): CardJson {
  const build = cardData[reply.kind] as (r: typeof reply) => Record<string, unknown>;
  return escapeCardText(expandAdaptive(reply.kind, build(reply)));
}

export function renderAdaptive(reply: Reply): RenderedMessage {
  if (reply.kind === 'text') return { text: escapeMarkdown(reply.text) };
  return { attachments: [{ contentType: adaptiveCardContentType, content: adaptiveCardFor(reply) }] };
}
