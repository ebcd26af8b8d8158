import type { App } from '@slack/bolt';
import { Actions } from '../../../../messages/actions.js';
import { slackActionPattern } from '../../blocks/index.js';
import type { SlackListenerContext } from '../listener-context.js';
import { onClick, pickedLabel, placeOf, type ActionClick } from './action-body.js';

/** Card actions every channel shares become a Turn action; the engine checks who may do what. */
export function register(app: App, ctx: SlackListenerContext): void {
  for (const id of Object.values(Actions)) {
    if (id === Actions.deny) continue; // deny.ts: it may need the reason modal first
    app.action(slackActionPattern(id), onClick((click) => turnFromClick(ctx, click)));
  }
}

export async function turnFromClick(ctx: SlackListenerContext, { body, raw, action, client }: ActionClick): Promise<void> {
  const place = await placeOf(body, client, ctx.triageChannel);
  if (!place) return;
  const picked = body.channel && body.message ? { channelId: body.channel.id, ts: body.message.ts, label: pickedLabel(raw) } : undefined;
  await ctx.conversations.handle({ slackUserId: body.user.id, place, action, ...(picked ? { picked } : {}) });
}
