import type { App } from '@slack/bolt';
import { Actions } from '../../../messages/actions.js';
import { SlackCallbacks } from '../blocks/index.js';
import { denyReasonFrom } from '../modals/deny-reason-modal.js';
import type { SlackListenerContext } from './listener-context.js';

/** The Deny modal's submit: a missing reason is shown inline; otherwise the deny is a Turn in the approver's DM. */
export function registerDenyReasonView(app: App, ctx: SlackListenerContext): void {
  app.view(SlackCallbacks.denyReason, async ({ ack, view, body, client }) => {
    const reason = denyReasonFrom(view);
    if (!reason.ok) {
      await ack({ response_action: 'errors', errors: reason.errors });
      return;
    }
    await ack();
    const opened = await client.conversations.open({ users: body.user.id });
    const channel = opened.channel?.id;
    if (!channel) return;
    await ctx.conversations.handle({
      slackUserId: body.user.id, place: { channel },
      action: { id: Actions.deny, values: { approvalId: reason.approvalId, comment: reason.comment } },
    });
  });
}
