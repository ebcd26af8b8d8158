import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { SlackListenerContext } from './listener-context.js';

const suggestion = z.object({
  user: z.object({ id: z.string().min(1) }).loose(),
  block_id: z.string().optional(),
  value: z.string().max(500).default(''),
  view: z.unknown().optional(),
  channel: z.object({ id: z.string().optional() }).loose().optional(),
}).loose();

/** Type-ahead for long lists (external selects in questions and forms): the dialog's own options, filtered. */
export function registerOptionsLoad(app: App, ctx: SlackListenerContext): void {
  app.options(/.*/, async ({ ack, body }) => {
    const parsed = suggestion.safeParse(body);
    if (!parsed.success || !ctx.forms) return void (await ack({ options: [] }));
    const { user, ...payload } = parsed.data;
    await ack(await ctx.forms.optionsFor(user.id, payload));
  });
}
