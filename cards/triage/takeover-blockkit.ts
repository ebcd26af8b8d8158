import type { KnownBlock } from '@slack/types';
import { actionsBlocks, button, section } from '../blockkit/block-builders.js';
import { SlackActions } from '../blockkit/slack-actions.js';
import { escapeMrkdwnLine } from '../blockkit/mrkdwn.js';

/**
 * The triage message itself once taken: what it showed, without its buttons (nobody else
 * can take it now), and who has it.
 */
export function triageMessageTakenBlocks(shown: { text: string; blocks: unknown[] }, agentName: string): { text: string; blocks: KnownBlock[] } {
  const kept = shown.blocks.filter((block): block is KnownBlock => typeof block === 'object' && block !== null && (block as { type?: unknown }).type !== 'actions');
  const note = `Taken over by ${escapeMrkdwnLine(agentName)}: the conversation continues in this thread.`;
  return { text: `${shown.text}\n${note}`, blocks: [...kept, { type: 'context', elements: [{ type: 'mrkdwn', text: note }] }] };
}

/**
 * Posted in the triage message's thread once an agent took the conversation over: how the
 * thread works now, and "Hand back" to end it.
 */
export function takenOverBlocks(input: { triageId: string; agentName: string; employeeName: string }): { text: string; blocks: KnownBlock[] } {
  const agent = escapeMrkdwnLine(input.agentName);
  const employee = escapeMrkdwnLine(input.employeeName);
  const text = `${agent} took this over. What you write in this thread goes to ${employee}, and their messages appear here. `
    + 'Say `hand back` to return them to the assistant, or `hand back <intent-id>` to start that request with what they told you.';
  return {
    text,
    blocks: [section(text), ...actionsBlocks([button({ text: 'Hand back', actionId: SlackActions.triageHandBack, values: { triageId: input.triageId } })])],
  };
}
