import type { App } from '@slack/bolt';
import { z } from 'zod';
import { Actions } from '../../../messages/actions.js';
import { actionValuesFrom, SlackActions } from '../blocks/index.js';
import { buildDenyReasonModal } from '../modals/deny-reason-modal.js';
import type { SlackPlace } from '../slack-poster.js';
import { showMore } from '../show-more.js';
import type { SlackWebClient } from '../slack-web-client.js';
import type { SlackListenerContext } from './listener-context.js';

const sharedIds = new Set<string>(Object.values(Actions));

const option = z.object({ text: z.object({ text: z.string() }).loose().optional(), value: z.string().optional() }).loose();
const actionShape = z.object({
  type: z.string(),
  text: z.object({ text: z.string() }).loose().optional(),
  selected_option: option.nullish(),
  selected_options: z.array(option).nullish(),
  selected_date: z.string().nullish(),
}).loose();

const blockActions = z.object({
  user: z.object({ id: z.string().min(1) }).loose(),
  trigger_id: z.string().optional(),
  channel: z.object({ id: z.string().min(1) }).loose().optional(),
  container: z.object({ type: z.string() }).loose().optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).loose().optional(),
  state: z.unknown().optional(),
  view: z.object({ id: z.string(), hash: z.string().optional(), callback_id: z.string().optional() }).loose().optional(),
  actions: z.array(z.unknown()).min(1),
}).loose();

/** What the message showed for the pick: the answered question displays it. */
function pickedLabel(action: unknown): string | undefined {
  const a = actionShape.safeParse(action);
  if (!a.success) return undefined;
  const d = a.data;
  if (d.selected_options) return d.selected_options.map((o) => o.text?.text ?? o.value ?? '').join(', ');
  if (d.selected_option) return d.selected_option.text?.text ?? d.selected_option.value;
  if (d.selected_date) return d.selected_date;
  return d.type === 'button' ? d.text?.text : undefined;
}

/** Where the answer goes: the clicked message's DM or thread; a click on App Home answers in the DM. */
async function placeOf(body: z.infer<typeof blockActions>, client: SlackWebClient): Promise<SlackPlace | undefined> {
  if (body.channel && body.message) {
    const inDm = body.channel.id.startsWith('D');
    const threadTs = inDm ? undefined : body.message.thread_ts ?? body.message.ts;
    return { channel: body.channel.id, ...(threadTs ? { threadTs } : {}) };
  }
  const opened = await client.conversations.open({ users: body.user.id });
  return opened.channel?.id ? { channel: opened.channel.id } : undefined;
}

/**
 * Buttons and selects on our messages. Shared action ids become a Turn action (the engine
 * checks who may do what); Deny without a reason opens the reason modal first, within the
 * trigger_id's 3 seconds.
 */
export function registerBlockActions(app: App, ctx: SlackListenerContext): void {
  app.action(/.*/, async ({ ack, body: rawBody, client }) => {
    await ack();
    const parsed = blockActions.safeParse(rawBody);
    if (!parsed.success) return;
    const body = parsed.data;
    const raw = body.actions[0];
    const action = actionValuesFrom(raw, body.state);
    if (!action) return;

    if (body.view && (action.id === SlackActions.formField || action.id === SlackActions.pickRequestType)) {
      // An answer other fields depend on, or the picked request type: rebuild the modal in place.
      const picked = action.id === SlackActions.pickRequestType && typeof action.values.value === 'string' ? action.values.value : undefined;
      const view = await ctx.forms?.rebuilt(body.user.id, body.view, picked);
      if (view) await client.views.update({ view_id: body.view.id, ...(body.view.hash ? { hash: body.view.hash } : {}), view });
      return;
    }
    if (action.id === Actions.deny && typeof action.values.comment !== 'string' && typeof action.values.approvalId === 'string' && body.trigger_id) {
      await client.views.open({ trigger_id: body.trigger_id, view: buildDenyReasonModal(action.values.approvalId) });
      return;
    }
    if (action.id === SlackActions.openForm || action.id === SlackActions.openCatalog) {
      await ctx.forms?.open(action, { userId: body.user.id, triggerId: body.trigger_id, client, rawBody });
      return;
    }
    if (action.id === SlackActions.showMore) {
      const person = await ctx.identity.personOf(body.user.id);
      if (!person) return;
      const message = body.channel && body.message ? { channelId: body.channel.id, ts: body.message.ts } : undefined;
      await showMore({ values: action.values, person, slackUserId: body.user.id, client, home: ctx.home, lifecycle: ctx.lifecycle, ...(message ? { message } : {}) });
      return;
    }
    if (ctx.takeOver?.handles(action.id)) {
      const shown = body.message ? { text: String(body.message.text ?? ''), blocks: Array.isArray(body.message.blocks) ? (body.message.blocks as unknown[]) : [] } : undefined;
      await ctx.takeOver.clicked(action, { userId: body.user.id, channelId: body.channel?.id, messageTs: body.message?.ts, threadTs: body.message?.thread_ts, ...(shown ? { message: shown } : {}) });
      return;
    }
    if (!sharedIds.has(action.id)) return;
    const place = await placeOf(body, client);
    if (!place) return;
    const picked = body.channel && body.message ? { channelId: body.channel.id, ts: body.message.ts, label: pickedLabel(raw) } : undefined;
    await ctx.conversations.handle({ slackUserId: body.user.id, place, action, ...(picked ? { picked } : {}) });
  });
}
