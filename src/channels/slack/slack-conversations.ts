import type { ConversationEngine } from '../../conversation/conversation-engine.js';
import type { Reply } from '../../messages/reply.js';
import type { Turn } from '../../messages/turn.js';
import type { Person } from '../../directory/person.js';
import type { SlackIdentity } from './slack-identity.js';
import type { SlackPlace, SlackPoster } from './slack-poster.js';
import { somethingWentWrong } from '../../conversation/turn-error-policy.js';
import type { Logger } from '../../shared/logger.js';

export const unknownSlackUserText = "I can't find you in the company directory, so I can't take requests from you here. "
  + 'Please check that your Slack profile uses your work email, or contact the service desk.';

export interface SlackTurnInput {
  slackUserId: string;
  place: SlackPlace;
  text?: string;
  action?: Turn['action'];
  /** The message whose button or select was used, and what it showed for the pick. */
  picked?: { channelId: string; ts: string; label?: string };
  /** The Events API event_id of a typed message (see Turn.deliveryId). */
  eventId?: string;
}

type Log = Pick<Logger, 'error'>;

/**
 * A Slack message or click becomes a Turn for the engine; its replies are posted back in the
 * same place. People the directory does not know get one clear message and nothing else.
 */
export class SlackConversations {
  constructor(private readonly deps: {
    engine: ConversationEngine;
    identity: SlackIdentity;
    poster: SlackPoster;
    log: Log;
    /** Called after a turn that touched a request, so the person's App Home is fresh. */
    onRequestTouched?: (person: Person, slackUserId: string) => Promise<void>;
    /** Holds the person's notifications until this turn's replies are posted. */
    holdDeliveries?: (personId: string) => () => Promise<void>;
    /** The event's replies are out: nobody needs to handle it again. */
    onAnswered?: (eventId: string) => Promise<void>;
  }) {}

  async handle(input: SlackTurnInput): Promise<void> {
    const person = await this.deps.identity.personOf(input.slackUserId);
    if (!person) {
      await this.deps.poster.postOne(input.place, { kind: 'text', text: unknownSlackUserText });
      return;
    }
    await this.converse(person, input);
  }

  async converse(person: Person, input: SlackTurnInput): Promise<void> {
    const conversationId = conversationIdOf(input.place);
    const conversationKey = `slack:${conversationId}`;
    await this.deps.poster.closeDialogMessages(conversationKey, input.picked);
    const turn: Turn = {
      channel: 'slack', conversationId, person, ...(input.action ? { action: input.action } : { text: input.text ?? '' }), ...(input.eventId ? { deliveryId: input.eventId } : {}),
    };
    let replies: Reply[];
    const release = this.deps.holdDeliveries?.(person.id);
    try {
      try {
        replies = await this.deps.engine.handle(turn);
      } catch (err) {
        this.deps.log.error({ err, conversationId }, 'conversation engine failed on a Slack turn');
        replies = [{ kind: 'text', text: somethingWentWrong }];
      }
      await this.deps.poster.post(input.place, replies, { conversationKey, personId: person.id });
      if (input.eventId) await this.deps.onAnswered?.(input.eventId);
    } finally {
      await release?.().catch((err: unknown) => this.deps.log.error({ err }, 'delivering held messages failed'));
    }
    if (replies.some(touchesRequest)) await this.deps.onRequestTouched?.(person, input.slackUserId);
  }
}

/** A DM is one conversation; in a channel, each thread is. */
export function conversationIdOf(place: SlackPlace): string {
  return place.threadTs ? `${place.channel}:${place.threadTs}` : place.channel;
}

function touchesRequest(reply: Reply): boolean {
  return reply.kind === 'approval' || (reply.kind === 'text' && /\bREQ-\d+/.test(reply.text));
}
