import type { KnownBlock } from '@slack/types';
import { Actions } from '../../src/messages/actions.js';
import type { Reply } from '../../src/messages/reply.js';
import { blockIdFor } from '../blockkit/action-values.js';
import { actionsBlocks, button, context, fieldSections, header, representable, section, selectOption } from '../blockkit/block-builders.js';
import { plainText, SlackLimits, userMrkdwn } from '../blockkit/limits.js';
import { summaryCardData } from './index.js';

type SummaryReply = Extract<Reply, { kind: 'summary' }>;

/** The answers before submitting: Confirm, change one answer (a drop-down of the fields), or Cancel. */
export function summaryBlocks(reply: SummaryReply): KnownBlock[] {
  const data = summaryCardData(reply) as { fields: Array<{ label: string; value: string }>; notes: string[] };
  const blocks: KnownBlock[] = [header(reply.title), ...fieldSections(data.fields)];
  if (reply.cost) blocks.push(section(`*Cost:* ${userMrkdwn(reply.cost, 200)}`));
  if (data.notes.length) blocks.push(context(...data.notes.map((n) => userMrkdwn(n, 500))));
  const changeOptions = representable(reply.fields.map((f) => ({ value: f.fieldId, label: f.label }))).slice(0, SlackLimits.optionsPerSelect);
  const values = { requestTypeId: reply.requestTypeId };
  blocks.push(...actionsBlocks([
    button({ text: 'Confirm', actionId: Actions.confirm, style: 'primary', values }),
    ...(changeOptions.length ? [{
      type: 'static_select' as const,
      action_id: Actions.change,
      placeholder: plainText('Change an answer', SlackLimits.placeholder),
      options: changeOptions.map(selectOption),
    }] : []),
    button({ text: 'Cancel', actionId: Actions.cancel, style: 'danger', values }),
  ], blockIdFor(values)));
  return blocks;
}
