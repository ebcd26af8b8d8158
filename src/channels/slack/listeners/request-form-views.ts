import type { App } from '@slack/bolt';
import { SlackCallbacks } from '../blocks/index.js';
import type { SlackListenerContext } from './listener-context.js';

/** Submits of the catalog picker (swap in the form) and of a request form (errors inline, or submit). */
export function registerRequestFormViews(app: App, ctx: SlackListenerContext): void {
  app.view(SlackCallbacks.catalogPicker, async ({ ack, body, view }) => {
    if (!ctx.forms) return void (await ack());
    await ack(await ctx.forms.pickerSubmitted(body.user.id, view));
  });

  app.view(SlackCallbacks.requestForm, async ({ ack, body, view }) => {
    if (!ctx.forms) return void (await ack());
    const { answer, submit } = await ctx.forms.formSubmitted(body.user.id, view);
    await ack(answer);
    await submit?.();
  });
}
