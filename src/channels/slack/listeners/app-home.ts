import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { SlackListenerContext } from './listener-context.js';

const homeOpened = z.object({ user: z.string().min(1), tab: z.string().optional() }).loose();

/** App Home: published each time the person opens it (and by SlackDelivery when something changes). */
export function registerAppHome(app: App, ctx: SlackListenerContext): void {
  app.event('app_home_opened', async ({ event }) => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== 'home')) return;
    const person = await ctx.identity.personOf(parsed.data.user);
    // Unknown people see the manifest's default Home; there is nothing of theirs to show.
    if (person) await ctx.home.publish(person, parsed.data.user);
  });
}
