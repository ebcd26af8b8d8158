import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { actionValuesFrom, type SlackTurnAction } from '../../blocks/index.js';
import type { SlackPlace } from '../../slack-poster.js';
import type { SlackWebClient } from '../../slack-web-client.js';

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
  message: z.object({ ts: z.string(), thread_ts: z.string().optional(), text: z.string().optional(), blocks: z.array(z.unknown()).optional() }).loose().optional(),
  state: z.unknown().optional(),
  view: z.object({ id: z.string(), hash: z.string().optional(), callback_id: z.string().optional() }).loose().optional(),
  actions: z.array(z.unknown()).min(1),
}).loose();

export type BlockActionsBody = z.infer<typeof blockActions>;

/** What one action listener gets: the checked body, the action as a Turn would carry it, Bolt's client. */
export interface ActionClick {
  body: BlockActionsBody;
  /** The element as Slack sent it (for what the message showed for the pick). */
  raw: unknown;
  action: SlackTurnAction;
  client: SlackWebClient;
  /** The payload as Slack sent it, for helpers that read it themselves. */
  rawBody: unknown;
}

/**
 * Wraps an action listener: acks at once (Slack waits 3 seconds), checks the payload and
 * reads the action's values; a payload of the wrong shape is dropped.
 */
export function onClick(handle: (click: ActionClick) => Promise<void>) {
  return async ({ ack, body: rawBody, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const parsed = blockActions.safeParse(rawBody);
    if (!parsed.success) return;
    const body = parsed.data;
    const raw = body.actions[0];
    const action = actionValuesFrom(raw, body.state);
    if (!action) return;
    await handle({ body, raw, action, client, rawBody });
  };
}

/** What the message showed for the pick: the answered question displays it. */
export function pickedLabel(action: unknown): string | undefined {
  const a = actionShape.safeParse(action);
  if (!a.success) return undefined;
  const d = a.data;
  if (d.selected_options) return d.selected_options.map((o) => o.text?.text ?? o.value ?? '').join(', ');
  if (d.selected_option) return d.selected_option.text?.text ?? d.selected_option.value;
  if (d.selected_date) return d.selected_date;
  return d.type === 'button' ? d.text?.text : undefined;
}

/**
 * Where the answer to a click goes: the clicked message's DM, or its thread in the triage
 * channel (the service desk's own). A click anywhere else (App Home, a message in another
 * channel) is answered in the clicker's own DM, so nothing personal shows where others read.
 */
export async function placeOf(body: BlockActionsBody, client: SlackWebClient, triageChannel?: string): Promise<SlackPlace | undefined> {
  if (body.channel && body.message && isDm(body.channel.id)) return { channel: body.channel.id };
  if (body.channel && body.message && body.channel.id === triageChannel) return { channel: body.channel.id, threadTs: body.message.thread_ts ?? body.message.ts };
  const opened = await client.conversations.open({ users: body.user.id });
  return opened.channel?.id ? { channel: opened.channel.id } : undefined;
}

/** Direct message channel ids start with D; channels (C) and private channels (G) do not. */
export function isDm(channelId: string): boolean {
  return channelId.startsWith('D');
}
