import type { KnownBlock } from '@slack/types';
import { Actions } from '../../src/messages/actions.js';
import type { Reply } from '../../src/messages/reply.js';
import { actionsBlocks, button, context, header, userSection } from '../blockkit/block-builders.js';
import { escapeMrkdwn } from '../blockkit/mrkdwn.js';
import { accessEndingCardData } from './index.js';

type AccessEndingReply = Extract<Reply, { kind: 'access-ending' }>;

/** The warning with an "Extend" button carrying the grant and the end it was about. */
export function accessEndingBlocks(reply: AccessEndingReply): KnownBlock[] {
  const data = accessEndingCardData(reply) as { grantId: string; endsAt: string; extendNote: string };
  return [
    header('Your access ends soon'),
    userSection(reply.text),
    context(escapeMrkdwn(data.extendNote)),
    ...actionsBlocks([button({ text: 'Extend', actionId: Actions.extendAccess, style: 'primary', values: { grantId: data.grantId, endsAt: data.endsAt } })]),
  ];
}

export function accessEndingFallback(reply: AccessEndingReply): string {
  return String(accessEndingCardData(reply).fallback);
}
