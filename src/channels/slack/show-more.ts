import { z } from 'zod';
import type { Person } from '../../directory/person.js';
import type { Reply } from '../../messages/reply.js';
import type { RequestLifecycle } from '../../requests/request-lifecycle.js';
import { renderSlackMessage } from './blocks/index.js';
import { HomeLists } from './home/index.js';
import type { HomePublisher } from './home-publisher.js';
import type { SlackWebClient } from './slack-web-client.js';

const showMoreValues = z.object({ list: z.string(), page: z.coerce.number().int().min(1).max(1000) });

/**
 * "Show more" under a long list: the next page of App Home's lists is republished; the next
 * page of a status message replaces that message (only ever the clicker's own, in their DM),
 * so no stale page stays behind. Without a message of theirs the clicker gets their own list.
 */
export async function showMore(input: {
  values: Record<string, unknown>;
  person: Person;
  slackUserId: string;
  message?: { channelId: string; ts: string };
  client: SlackWebClient;
  home: HomePublisher;
  lifecycle: Pick<RequestLifecycle, 'status'>;
  /** Where the page goes when the clicked message is not the clicker's own to replace. */
  postToClicker: (reply: Reply) => Promise<void>;
}): Promise<void> {
  const parsed = showMoreValues.safeParse(input.values);
  if (!parsed.success) return;
  const { list, page } = parsed.data;
  if (list === HomeLists.requests || list === HomeLists.approvals) {
    await input.home.publish(input.person, input.slackUserId, list === HomeLists.requests ? { requests: page } : { approvals: page });
    return;
  }
  if (list !== 'status') return;
  const requests = await input.lifecycle.status(input.person, {});
  if (!input.message) {
    await input.postToClicker({ kind: 'status', requests });
    return;
  }
  const shown = renderSlackMessage({ kind: 'status', requests }, { page });
  await input.client.chat.update({ channel: input.message.channelId, ts: input.message.ts, text: shown.text, blocks: shown.blocks });
}
