import type { KnownBlock } from '@slack/types';
import { Actions } from '../../src/messages/actions.js';
import type { Reply } from '../../src/messages/reply.js';
import { actionsBlocks, button, confirmDialog, context, fieldSections, header, section } from '../blockkit/block-builders.js';
import { SlackLimits, userMrkdwn } from '../blockkit/limits.js';
import { approvalCardData } from './index.js';

type ApprovalReply = Extract<Reply, { kind: 'approval' }>;

const outcomeIcons: Record<NonNullable<ApprovalReply['outcome']>['decision'], string> = {
  approved: ':white_check_mark:',
  denied: ':no_entry:',
  cancelled: ':heavy_multiplication_x:',
  withdrawn: ':heavy_multiplication_x:',
};

/**
 * An approval card: what is asked, by whom, at what cost and risk, and why this approver.
 * Approve and Deny while pending (Deny opens a modal for the reason; a high-risk approve
 * asks to confirm); once decided, the outcome and who decided, with no buttons.
 */
export function approvalBlocks(reply: ApprovalReply): KnownBlock[] {
  const data = approvalCardData(reply) as { summary: Array<{ label: string; value: string }>; outcomeText: string | null; outcomeComment: string | null };
  const facts = [
    { label: 'Requester', value: reply.requester },
    ...data.summary,
    ...(reply.cost ? [{ label: 'Cost', value: reply.cost }] : []),
    { label: 'Risk', value: reply.risk },
  ];
  const blocks: KnownBlock[] = [
    header(`Approval: ${reply.requestNumber} ${reply.title}`),
    ...fieldSections(facts),
    context(`Why you are asked: ${userMrkdwn(reply.reason, SlackLimits.contextText - 30)}`),
  ];
  if (reply.outcome) {
    blocks.push(section(`${outcomeIcons[reply.outcome.decision]} *${userMrkdwn(data.outcomeText ?? reply.outcome.decision, 500)}*`));
    if (data.outcomeComment) blocks.push(context(`“${userMrkdwn(data.outcomeComment, SlackLimits.contextText - 10)}”`));
    return blocks;
  }
  blocks.push(...approvalActions(reply));
  return blocks;
}

/** Approve and Deny for a pending approval; approving a high-risk item asks to confirm. */
export function approvalActions(reply: ApprovalReply): KnownBlock[] {
  const values = { approvalId: reply.approvalId };
  const highRisk = reply.risk.trim().toLowerCase() === 'high';
  return actionsBlocks([
    button({
      text: 'Approve', actionId: Actions.approve, style: 'primary', values,
      ...(highRisk ? { confirm: confirmDialog({ title: 'Approve a high-risk request?', text: `${reply.requestNumber} ${reply.title} for ${reply.requester} is high risk. Approve it?`, confirm: 'Approve' }) } : {}),
    }),
    button({ text: 'Deny', actionId: Actions.deny, style: 'danger', values }),
  ]);
}

export function approvalFallback(reply: ApprovalReply): string {
  const state = reply.outcome ? (approvalCardData(reply).outcomeText as string) : 'Approval needed';
  return `${state}: ${reply.requestNumber} ${reply.title} for ${reply.requester}`;
}
