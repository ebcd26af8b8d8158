import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Reply, StatusLine } from '../../src/messages/reply.js';
import { section, showMoreBlock, userSection } from '../blockkit/block-builders.js';
import { paginate, userMrkdwn } from '../blockkit/limits.js';
import { escapeMrkdwnLine } from '../blockkit/mrkdwn.js';
import { statusCardData } from './index.js';

type StatusReply = Extract<Reply, { kind: 'status' }>;

/** Requests per message page: one block each, leaving room for the "Show more" pair. */
export const statusPerPage = 40;

/** One request: number and title, status and step, who it waits on, when it is due. */
export function statusLineBlock(line: StatusLine): SectionBlock {
  const title = `*${escapeMrkdwnLine(line.number)}* · ${userMrkdwn(line.title.replace(/\s+/g, ' '), 500)}`;
  const facts = [
    `Status: *${escapeMrkdwnLine(line.status)}*`,
    `Step: ${escapeMrkdwnLine(line.step)}`,
    `Waiting on: ${escapeMrkdwnLine(line.waitingOn)}`,
    ...(line.due ? [`Due: ${escapeMrkdwnLine(line.due)}`] : []),
  ];
  const overdue = line.overdue ? '\n:warning: *Overdue*' : '';
  return section(`${title}\n${facts.join(' · ')}${overdue}`);
}

export function statusBlocks(reply: StatusReply, page = 1, list = 'status'): KnownBlock[] {
  const data = statusCardData(reply) as { emptyText: string };
  if (reply.requests.length === 0) return [userSection(data.emptyText)];
  const shown = paginate(reply.requests, page, statusPerPage);
  const blocks: KnownBlock[] = shown.items.map(statusLineBlock);
  if (shown.page < shown.pages) {
    blocks.push(...showMoreBlock({ list, page: shown.page + 1 }, `Showing ${shown.from}–${shown.to} of ${shown.total} requests.`));
  }
  return blocks;
}

export function statusFallback(reply: StatusReply): string {
  return String(statusCardData(reply).fallback);
}
