import type { App } from '@slack/bolt';
import { SlackActions, slackActionPattern } from '../../blocks/index.js';
import type { SlackListenerContext } from '../listener-context.js';
import { onClick } from './action-body.js';

/** "Open as form" on a question and "New request" on App Home: a modal, within the trigger_id's 3 seconds. */
export function register(app: App, ctx: SlackListenerContext): void {
  for (const id of [SlackActions.openForm, SlackActions.openCatalog]) {
    app.action(slackActionPattern(id), onClick(async ({ body, action, client, rawBody }) => {
      await ctx.forms?.open(action, { userId: body.user.id, triggerId: body.trigger_id, client, rawBody });
    }));
  }
}
