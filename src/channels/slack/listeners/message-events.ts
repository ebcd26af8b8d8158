import type { App } from '@slack/bolt';
import { z } from 'zod';
import { renderSlackMessage } from '../blocks/index.js';
import { unknownSlackUserText } from '../slack-conversations.js';
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

/** A reply in a channel's thread: an agent talking in a taken-over triage thread, or nothing of ours. */
const threadMessage = z.object({
  channel: z.string().min(1),
  channel_type: z.enum(['channel', 'group']),
  user: z.string().min(1),
  text: z.string().max(40_000).default(''),
  thread_ts: z.string().min(1),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
}).loose();

/** `<@U123>` mentions of the bot are how the message is addressed, not what it says. */
function withoutMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();
}

export const movedToDmText = 'I’ve sent you a direct message; let’s continue there, where only you can see your requests.';

/**
 * DMs (message.im) and mentions in channels (app_mention). A mention is never answered in
 * the channel, where others read along: the person is told so where only they see it
 * (ephemeral) and the conversation goes on in their DM.
 */
export function registerMessageEvents(app: App, ctx: SlackListenerContext): void {
  app.event('message', async ({ event, context, body }) => {
    const inThread = threadMessage.safeParse(event);
    if (inThread.success) {
      const m = inThread.data;
      // A mention of the bot also arrives as app_mention, which handles it.
      const mentionsBot = context.botUserId !== undefined && m.text.includes(`<@${context.botUserId}>`);
      if (m.subtype || m.bot_id || mentionsBot) return;
      await ctx.takeOver?.threadMessage({ userId: m.user, place: { channel: m.channel, threadTs: m.thread_ts }, text: m.text });
      return;
    }
    const parsed = directMessage.safeParse(event);
    // Edits, deletions, joins and bots' own messages are not someone talking to us.
    if (!parsed.success || parsed.data.subtype || parsed.data.bot_id) return;
    const m = parsed.data;
    await ctx.conversations.handle({ slackUserId: m.user, place: { channel: m.channel }, text: m.text, eventId: body.event_id });
  });

  app.event('app_mention', async ({ event, body, client }) => {
    const parsed = mention.safeParse(event);
    if (!parsed.success || parsed.data.bot_id) return;
    const m = parsed.data;
    const text = withoutMentions(m.text);
    // In a taken-over triage thread the agent is talking to the employee, not to us.
    if (m.thread_ts && await ctx.takeOver?.threadMessage({ userId: m.user, place: { channel: m.channel, threadTs: m.thread_ts }, text })) return;
    const tellInChannel = (said: string) => client.chat.postEphemeral({ channel: m.channel, user: m.user, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), ...renderSlackMessage({ kind: 'text', text: said }) });
    const person = await ctx.identity.personOf(m.user);
    if (!person) return void (await tellInChannel(unknownSlackUserText));
    const dm = await ctx.poster.dmOf(m.user);
    if (!dm) return;
    await tellInChannel(movedToDmText);
    await ctx.conversations.converse(person, { slackUserId: m.user, place: { channel: dm }, text, eventId: body.event_id });
  });
}
