import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { SlackListenerContext } from './listener-context.js';

const directMessage = z.object({
  channel: z.string().min(1),
  channel_type: z.literal('im'),
  user: z.string().min(1),
  text: z.string().max(40_000).default(''),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
}).loose();

const mention = z.object({
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().max(40_000).default(''),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
}).loose();

/** `<@U123>` mentions of the bot are how the message is addressed, not what it says. */
function withoutMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** DMs (message.im) and mentions in channels (app_mention, answered in a thread). */
export function registerMessageEvents(app: App, ctx: SlackListenerContext): void {
  app.event('message', async ({ event }) => {
    const parsed = directMessage.safeParse(event);
    // Edits, deletions, joins and bots' own messages are not someone talking to us.
    if (!parsed.success || parsed.data.subtype || parsed.data.bot_id) return;
    const m = parsed.data;
    await ctx.conversations.handle({ slackUserId: m.user, place: { channel: m.channel }, text: m.text });
  });

  app.event('app_mention', async ({ event }) => {
    const parsed = mention.safeParse(event);
    if (!parsed.success || parsed.data.bot_id) return;
    const m = parsed.data;
    await ctx.conversations.handle({ slackUserId: m.user, place: { channel: m.channel, threadTs: m.thread_ts ?? m.ts }, text: withoutMentions(m.text) });
  });
}
