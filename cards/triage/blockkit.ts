import type { KnownBlock } from '@slack/types';
import { Actions } from '../../src/messages/actions.js';
import type { Reply } from '../../src/messages/reply.js';
import { actionsBlocks, button, header, representable, section, userSection } from '../blockkit/block-builders.js';
import { SlackActions } from '../blockkit/slack-actions.js';
import { SlackLimits, truncate } from '../blockkit/limits.js';
import { escapeMrkdwn } from '../blockkit/mrkdwn.js';
import { triageCardData } from './index.js';

type TriageReply = Extract<Reply, { kind: 'triage' }>;

/** A transcript line longer than this is cut; the agent can open the conversation for more. */
const lineLimit = 500;

/**
 * A triage item for the agents' channel: what the employee wrote, the latest part of the
 * transcript (most recent lines kept when it is long), one button per likely intent and
 * "Take over" to talk to the employee directly.
 */
export function triageBlocks(reply: TriageReply): KnownBlock[] {
  const data = triageCardData(reply) as { candidates: Array<{ label: string; value: string }> };
  const blocks: KnownBlock[] = [header(`Needs triage: ${reply.requester}`), userSection(reply.text)];
  const transcript = recentLines(reply.transcript, SlackLimits.sectionText - 40);
  if (transcript) blocks.push(section(`*Transcript*\n${transcript}`));
  const values = { triageId: reply.triageId };
  blocks.push(...actionsBlocks([
    ...representable(data.candidates).map((c) => button({ text: c.label, actionId: Actions.triageResolve, values: { ...values, value: c.value } })),
    button({ text: 'Take over', actionId: SlackActions.triageTakeOver, style: 'primary', values }),
  ]));
  return blocks;
}

function recentLines(lines: readonly string[], budget: number): string {
  const kept: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = `> ${escapeMrkdwn(truncate(lines[i].replace(/\s*[\r\n]+\s*/g, ' '), lineLimit))}`;
    if (used + line.length + 1 > budget) {
      kept.unshift(`_${i + 1} earlier lines not shown_`);
      break;
    }
    kept.unshift(line);
    used += line.length + 1;
  }
  return kept.join('\n');
}
