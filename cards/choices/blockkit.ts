import type { KnownBlock } from '@slack/types';
import type { Reply } from '../../src/messages/reply.js';
import { blockIdFor } from '../blockkit/action-values.js';
import { actionsBlocks, button, context, representable, selectOption, userSection } from '../blockkit/block-builders.js';
import { plainText, SlackLimits, userMrkdwn } from '../blockkit/limits.js';
import { escapeMrkdwnLine } from '../blockkit/mrkdwn.js';
import { choicesCardData } from './index.js';

type ChoicesReply = Extract<Reply, { kind: 'choices' }>;

/** Up to this many options read as buttons; more become one drop-down. */
const buttonsUpTo = 10;

export function choicesBlocks(reply: ChoicesReply): KnownBlock[] {
  const data = choicesCardData(reply) as { described: Array<{ label: string; description: string }> };
  const blocks: KnownBlock[] = [userSection(reply.text)];
  if (data.described.length) {
    blocks.push(context(data.described.map((d) => `*${escapeMrkdwnLine(d.label)}*: ${userMrkdwn(d.description, 300)}`).join('\n')));
  }
  const options = representable(reply.options);
  if (options.length <= buttonsUpTo) {
    blocks.push(...actionsBlocks(options.map((o) => button({ text: o.label, actionId: reply.actionId, values: { value: o.value } }))));
    return blocks;
  }
  const shown = options.slice(0, SlackLimits.optionsPerSelect);
  blocks.push({
    type: 'actions',
    block_id: blockIdFor({}),
    elements: [{ type: 'static_select', action_id: reply.actionId, placeholder: plainText('Choose one', SlackLimits.placeholder), options: shown.map(selectOption) }],
  });
  if (options.length > shown.length) blocks.push(context(`_${options.length - shown.length} more options not listed; type what you need instead._`));
  return blocks;
}
