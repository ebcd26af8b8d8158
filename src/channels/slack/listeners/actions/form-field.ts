import type { App } from '@slack/bolt';
import { SlackActions, slackActionPattern } from '../../blocks/index.js';
import type { SlackListenerContext } from '../listener-context.js';
import { onClick } from './action-body.js';

/**
 * An answer other fields depend on, or the request type picked in the catalog picker: the
 * modal is rebuilt in place.
 */
export function register(app: App, ctx: SlackListenerContext): void {
  for (const id of [SlackActions.formField, SlackActions.pickRequestType]) {
    app.action(slackActionPattern(id), onClick(async ({ body, action, client }) => {
      if (!body.view) return;
      const picked = action.id === SlackActions.pickRequestType && typeof action.values.value === 'string' ? action.values.value : undefined;
      const view = await ctx.forms?.rebuilt(body.user.id, body.view, picked);
      if (view) await client.views.update({ view_id: body.view.id, ...(body.view.hash ? { hash: body.view.hash } : {}), view });
    }));
  }
}
