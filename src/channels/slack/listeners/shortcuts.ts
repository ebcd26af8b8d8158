import type { App } from '@slack/bolt';
import { z } from 'zod';
import { helpText } from './request-command.js';
import { globalShortcuts, type SlackListenerContext } from './listener-context.js';
import { SlackActions } from '../blocks/index.js';

const shortcutBody = z.object({ user: z.object({ id: z.string().min(1) }).loose(), trigger_id: z.string().min(1) }).loose();

/** The global shortcut "New request": the request form picker, from anywhere in Slack. */
export function registerShortcuts(app: App, ctx: SlackListenerContext): void {
  app.shortcut(globalShortcuts.newRequest, async ({ ack, body, client }) => {
    await ack();
    const parsed = shortcutBody.safeParse(body);
    if (!parsed.success) return;
    const { user, trigger_id: triggerId } = parsed.data;
    if (ctx.forms) return ctx.forms.open({ id: SlackActions.openCatalog, values: {} }, { userId: user.id, triggerId, client, rawBody: body });
    const opened = await client.conversations.open({ users: user.id });
    if (opened.channel?.id) await ctx.poster.postOne({ channel: opened.channel.id }, { kind: 'text', text: helpText(ctx.command) });
  });
}
