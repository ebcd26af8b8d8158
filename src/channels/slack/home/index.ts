import type { HomeView, KnownBlock } from '@slack/types';
import type { Reply, StatusLine } from '../../../messages/reply.js';
import type { Person } from '../../../directory/person.js';
import { approvalActions } from '../../../../cards/approval/blockkit.js';
import { statusLineBlock } from '../../../../cards/status/blockkit.js';
import { actionsBlocks, button, context, header, section, showMoreBlock } from '../../../../cards/blockkit/block-builders.js';
import { SlackActions } from '../../../../cards/blockkit/slack-actions.js';
import { fitBlocks, paginate, SlackLimits, userMrkdwn } from '../../../../cards/blockkit/limits.js';
import { escapeMrkdwnLine } from '../../../../cards/blockkit/mrkdwn.js';

type ApprovalReply = Extract<Reply, { kind: 'approval' }>;

/** Page sizes that keep the whole tab under Slack's 100 blocks (1 block a request, 2 an approval). */
export const homeRequestsPerPage = 30;
export const homeApprovalsPerPage = 15;

/** The "Show more" lists on App Home, named in the button's value. */
export const HomeLists = { requests: 'home.requests', approvals: 'home.approvals' } as const;

export interface HomeInput {
  person: Person;
  requests: StatusLine[];
  approvals: ApprovalReply[];
  /** Which page of each list to show (from a "Show more" click); the first by default. */
  page?: { requests?: number; approvals?: number };
}

/**
 * App Home: the person's open requests (status, step, whom they wait on, when due) and the
 * approvals waiting for them, with the same Approve and Deny buttons as the DM card.
 */
export function buildHomeView(input: HomeInput): HomeView {
  const blocks: KnownBlock[] = [
    section(`Hi ${escapeMrkdwnLine(input.person.name)}. Ask me for anything IT in a direct message, or start a request here.`),
    ...actionsBlocks([button({ text: 'New request', actionId: SlackActions.openCatalog, style: 'primary', values: {} })]),
    { type: 'divider' },
    header('Your open requests'),
    ...requestBlocks(input.requests, input.page?.requests ?? 1),
    { type: 'divider' },
    header('Waiting for your approval'),
    ...approvalSection(input.approvals, input.page?.approvals ?? 1),
  ];
  return { type: 'home', blocks: fitBlocks(blocks, SlackLimits.blocksPerView) };
}

function requestBlocks(requests: StatusLine[], page: number): KnownBlock[] {
  if (requests.length === 0) return [context('You have no open requests. Use *New request* or tell me what you need.')];
  const shown = paginate(requests, page, homeRequestsPerPage);
  const blocks: KnownBlock[] = shown.items.map(statusLineBlock);
  if (shown.page < shown.pages) blocks.push(...showMoreBlock({ list: HomeLists.requests, page: shown.page + 1 }, `Showing ${shown.from}–${shown.to} of ${shown.total} requests.`));
  return blocks;
}

function approvalSection(approvals: ApprovalReply[], page: number): KnownBlock[] {
  const pending = approvals.filter((a) => !a.outcome);
  if (pending.length === 0) return [context('Nothing is waiting for your approval.')];
  const shown = paginate(pending, page, homeApprovalsPerPage);
  const blocks: KnownBlock[] = shown.items.flatMap((a) => [approvalSummary(a), ...approvalActions(a)]);
  if (shown.page < shown.pages) blocks.push(...showMoreBlock({ list: HomeLists.approvals, page: shown.page + 1 }, `Showing ${shown.from}–${shown.to} of ${shown.total} approvals.`));
  return blocks;
}

/** One approval in a single section: what, for whom, cost and risk, and why this person is asked. */
function approvalSummary(a: ApprovalReply): KnownBlock {
  const facts = [`Requester: ${escapeMrkdwnLine(a.requester)}`, ...(a.cost ? [`Cost: ${escapeMrkdwnLine(a.cost)}`] : []), `Risk: ${escapeMrkdwnLine(a.risk)}`];
  const details = a.summary.slice(0, 6).map((s) => `${escapeMrkdwnLine(s.label)}: ${userMrkdwn(s.value.replace(/\s+/g, ' '), 200)}`);
  return section([
    `*${escapeMrkdwnLine(a.requestNumber)}* · ${userMrkdwn(a.title.replace(/\s+/g, ' '), 300)}`,
    facts.join(' · '),
    ...(details.length ? [details.join(' · ')] : []),
    `_${userMrkdwn(a.reason.replace(/\s+/g, ' '), 800)}_`,
  ].join('\n'));
}
