import type { App } from '@slack/bolt';
import { Actions } from '../../../../messages/actions.js';
import { slackActionPattern } from '../../blocks/index.js';
import { buildDenyReasonModal } from '../../modals/deny-reason-modal.js';
import type { SlackListenerContext } from '../listener-context.js';
import { onClick } from './action-body.js';
import { turnFromClick } from './card-action.js';

/** Deny without a reason opens the reason modal first; with one it is a decision like any card action. */
export function register(app: App, ctx: SlackListenerContext): void {
  app.action(slackActionPattern(Actions.deny), onClick(async (click) => {
    const { body, action, client } = click;
    if (typeof action.values.comment !== 'string' && typeof action.values.approvalId === 'string' && body.trigger_id) {
      await client.views.open({ trigger_id: body.trigger_id, view: buildDenyReasonModal(action.values.approvalId) });
      return;
    }
    await turnFromClick(ctx, click);
  }));
}
