import type { FastifyInstance } from 'fastify';
import type { SlackCall } from './fake-slack-api.js';
import { dmEvent, postEvent, postInteraction } from './slack-harness.js';

type Block = Record<string, unknown> & { type: string; block_id?: string; elements?: Element[]; element?: Element; accessory?: Element };
export type Element = Record<string, unknown> & { type: string; action_id?: string; value?: string; text?: { text: string }; options?: Array<{ text: { text: string }; value: string }> };

/** A posted message as the person sees it. */
export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
}

/** The messages chat.postMessage created, in order (ts comes from the fake's answer order). */
export function posted(calls: SlackCall[], channel?: string): PostedMessage[] {
  return calls
    .filter((call) => call.method === 'chat.postMessage' && (!channel || call.args.channel === channel))
    .map((call) => ({ channel: String(call.args.channel), ts: String(call.result?.ts), text: String(call.args.text ?? ''), blocks: (call.args.blocks ?? []) as Block[] }));
}

/** The message as it shows now: its latest chat.update, if any. */
export function current(calls: SlackCall[], message: PostedMessage): PostedMessage {
  const update = calls.filter((c) => c.method === 'chat.update' && c.args.channel === message.channel && c.args.ts === message.ts).at(-1);
  return update ? { ...message, text: String(update.args.text ?? ''), blocks: (update.args.blocks ?? []) as Block[] } : message;
}

/** Every interactive element of a message, with the block it sits in. */
export function elementsOf(message: PostedMessage): Array<{ block: Block; element: Element }> {
  const found: Array<{ block: Block; element: Element }> = [];
  for (const block of message.blocks) {
    for (const element of [...(block.elements ?? []), ...(block.element ? [block.element] : []), ...(block.accessory ? [block.accessory] : [])]) {
      if (element.action_id) found.push({ block, element });
    }
  }
  return found;
}

export function buttonValues(element: Element): Record<string, unknown> {
  try {
    return JSON.parse(element.value ?? '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The block_actions payload Slack sends when `user` uses `element` on `message`. */
export function blockAction(user: string, message: PostedMessage, block: Block, element: Element, picked: Record<string, unknown> = {}): Record<string, unknown> {
  const action = {
    type: element.type, action_id: element.action_id, block_id: block.block_id ?? 'b', action_ts: '1700000001.000000',
    ...(element.type === 'button' ? { value: element.value, text: element.text } : {}),
    ...picked,
  };
  return {
    type: 'block_actions', team: { id: 'T1' }, api_app_id: 'A1', token: 'legacy', trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    user: { id: user, team_id: 'T1' },
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: 'directmessage' },
    message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks },
    state: { values: {} },
    response_url: 'http://127.0.0.1:1/unused',
    actions: [action],
  };
}

export async function click(app: FastifyInstance, user: string, message: PostedMessage, actionId: string): Promise<number> {
  const hit = elementsOf(message).find((e) => e.element.action_id?.replace(/#\d+$/, '') === actionId);
  if (!hit) throw new Error(`no ${actionId} on ${JSON.stringify(message.blocks)}`);
  return (await postInteraction(app, blockAction(user, message, hit.block, hit.element))).statusCode;
}

export async function say(app: FastifyInstance, user: string, text: string): Promise<number> {
  return (await postEvent(app, dmEvent(user, text))).statusCode;
}

/**
 * Answers the question `message` asks with `answer`: the button, drop-down or search box when
 * the question has one for it, otherwise typed into the DM. Returns how it answered.
 */
export async function answer(app: FastifyInstance, user: string, message: PostedMessage, answerValue: string): Promise<'clicked' | 'picked' | 'typed'> {
  for (const { block, element } of elementsOf(message)) {
    if (element.action_id?.replace(/#\d+$/, '') !== 'dialog.answer') continue;
    if (element.type === 'button' && buttonValues(element).answer === answerValue) {
      await postInteraction(app, blockAction(user, message, block, element));
      return 'clicked';
    }
    if (element.type === 'static_select' || element.type === 'external_select') {
      const option = element.options?.find((o) => o.value === answerValue) ?? { text: { type: 'plain_text', text: answerValue }, value: answerValue };
      if (element.type === 'static_select' && !element.options?.some((o) => o.value === answerValue)) continue;
      await postInteraction(app, blockAction(user, message, block, element, { selected_option: option }));
      return 'picked';
    }
  }
  await say(app, user, answerValue);
  return 'typed';
}
