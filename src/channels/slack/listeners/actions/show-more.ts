import type { App } from '@slack/bolt';
import { SlackActions, slackActionPattern } from '../../blocks/index.js';
import { showMore } from '../../show-more.js';
import type { SlackListenerContext } from '../listener-context.js';
import { isDm, onClick } from './action-body.js';

/**
 * "Show more" under a long list. Only a message in the clicker's own DM is replaced; a list
 * anyone else can see stays as it is, and the clicker gets their next page in their DM.
 */
export function register(app: App, ctx: SlackListenerContext): void {
  app.action(slackActionPattern(SlackActions.showMore), onClick(async ({ body, action, client }) => {
    const person = await ctx.identity.personOf(body.user.id);
    if (!person) return;
    const dm = body.channel && body.message && isDm(body.channel.id) ? await ctx.poster.dmOf(body.user.id) : undefined;
    const own = dm !== undefined && body.channel?.id === dm && body.message ? { channelId: dm, ts: body.message.ts } : undefined;
    await showMore({
      values: action.values, person, slackUserId: body.user.id, client, home: ctx.home, lifecycle: ctx.lifecycle,
      ...(own ? { message: own } : {}),
      postToClicker: async (reply) => {
        const channel = await ctx.poster.dmOf(body.user.id);
        if (channel) await ctx.poster.postOne({ channel }, reply);
      },
    });
  }));
}
