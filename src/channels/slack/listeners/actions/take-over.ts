import type { App } from '@slack/bolt';
import { SlackActions, slackActionPattern } from '../../blocks/index.js';
import type { SlackListenerContext } from '../listener-context.js';
import { onClick } from './action-body.js';

/** An agent takes a triaged conversation over, or hands it back, in the triage channel. */
export function register(app: App, ctx: SlackListenerContext): void {
  for (const id of [SlackActions.triageTakeOver, SlackActions.triageHandBack]) {
    app.action(slackActionPattern(id), onClick(async ({ body, action }) => {
      if (!ctx.takeOver) return;
      const shown = body.message ? { text: body.message.text ?? '', blocks: body.message.blocks ?? [] } : undefined;
      await ctx.takeOver.clicked(action, { userId: body.user.id, channelId: body.channel?.id, messageTs: body.message?.ts, threadTs: body.message?.thread_ts, ...(shown ? { message: shown } : {}) });
    }));
  }
}
