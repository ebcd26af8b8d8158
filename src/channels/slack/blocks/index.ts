import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../../messages/reply.js';
import { accessEndingBlocks, accessEndingFallback } from '../../../../cards/access-ending/blockkit.js';
import { approvalBlocks, approvalFallback } from '../../../../cards/approval/blockkit.js';
import { choicesBlocks } from '../../../../cards/choices/blockkit.js';
import { answeredQuestionBlocks, questionBlocks } from '../../../../cards/question/blockkit.js';
import { statusBlocks, statusFallback } from '../../../../cards/status/blockkit.js';
import { summaryBlocks } from '../../../../cards/summary/blockkit.js';
import { textBlocks } from '../../../../cards/text/blockkit.js';
import { triageBlocks } from '../../../../cards/triage/blockkit.js';
import { fitBlocks, SlackLimits, userMrkdwn } from '../../../../cards/blockkit/limits.js';

export { actionValuesFrom, inputValue, type SlackTurnAction } from '../../../../cards/blockkit/action-values.js';
export { sharedActionId, slackActionPattern } from '../../../../cards/blockkit/action-ids.js';
export { optionsForExternalSelect, type ExternalFieldRef, type ExternalSelectContext, type ExternalSelectOptions } from './external-select.js';
export { SlackActions, SlackCallbacks } from '../../../../cards/blockkit/slack-actions.js';

export interface SlackMessage {
  /** The notification and screen-reader text; Slack shows it where blocks cannot be. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** For long lists (status): which page to show; the "Show more" button asks for the next. */
  page?: number;
}

type ReplyOf<K extends Reply['kind']> = Extract<Reply, { kind: K }>;

/** Each kind's renderer, from the card folder of the same name; a new card adds one line. */
const renderers: { [K in Reply['kind']]: (reply: ReplyOf<K>, options: RenderOptions) => SlackMessage } = {
  text: (r) => ({ text: r.text, blocks: textBlocks(r) }),
  question: (r) => ({ text: r.prompt, blocks: questionBlocks(r) }),
  choices: (r) => ({ text: r.text, blocks: choicesBlocks(r) }),
  summary: (r) => ({ text: `${r.title}: please confirm`, blocks: summaryBlocks(r) }),
  approval: (r) => ({ text: approvalFallback(r), blocks: approvalBlocks(r) }),
  status: (r, o) => ({ text: statusFallback(r), blocks: statusBlocks(r, o.page) }),
  triage: (r) => ({ text: `Needs triage: ${r.requester}: ${r.text}`, blocks: triageBlocks(r) }),
  'access-ending': (r) => ({ text: accessEndingFallback(r), blocks: accessEndingBlocks(r) }),
};

/** A reply as a Slack message: escaped user text, shared action ids, within Block Kit's limits. */
export function renderSlackMessage(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const render = renderers[reply.kind] as (r: Reply, o: RenderOptions) => SlackMessage;
  const message = render(reply, options);
  return {
    text: userMrkdwn(message.text.replace(/\s+/g, ' ').trim(), SlackLimits.fallbackText),
    blocks: fitBlocks(message.blocks, SlackLimits.blocksPerMessage),
  };
}

/** The question message after it was answered (chat.update): the answer shown, no live inputs. */
export function renderAnsweredQuestion(reply: ReplyOf<'question'>, answerLabel: string): SlackMessage {
  return {
    text: userMrkdwn(`${reply.prompt} ${answerLabel}`.replace(/\s+/g, ' ').trim(), SlackLimits.fallbackText),
    blocks: answeredQuestionBlocks(reply, answerLabel),
  };
}
