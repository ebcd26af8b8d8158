import { z } from 'zod';

/**
 * What arrives at the Request URL is checked here, after the signature and before Bolt or the
 * inbox sees it. A signed payload of the wrong shape gets a 4xx (a 5xx would make Slack
 * retry it); one of a kind nothing here handles is answered at once and dropped.
 */
export type PayloadVerdict = { kind: 'handle' } | { kind: 'ignore' } | { kind: 'reject'; reason: string };

/** Slack's deepest payloads (rich text inside a message inside a click) stay far below this. */
const maxDepth = 48;

const id = z.string().min(1).max(255);
const text = z.string().max(40_000);
const user = z.object({ id, team_id: id.optional() }).loose();
const place = z.object({ id }).loose();
const viewState = z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ type: z.string().optional() }).loose())) }).loose();
const view = z.object({
  id, callback_id: z.string().max(255).optional(), hash: z.string().max(255).optional(), private_metadata: z.string().max(3000).optional(), state: viewState.optional(),
}).loose();
const option = z.object({ value: z.string().max(2000).optional() }).loose();

const interactions = {
  block_actions: z.object({
    user, trigger_id: z.string().max(255).optional(), channel: place.optional(), view: view.optional(), state: viewState.optional(),
    message: z.object({ ts: id, thread_ts: id.optional(), text: text.optional(), blocks: z.array(z.object({ type: z.string() }).loose()).max(100).optional() }).loose().optional(),
    actions: z.array(z.object({
      type: id, action_id: id, block_id: z.string().max(255).optional(), value: z.string().max(2000).optional(),
      selected_option: option.nullish(), selected_options: z.array(option).max(100).nullish(), selected_date: z.string().max(32).nullish(),
    }).loose()).min(1).max(25),
  }).loose(),
  block_suggestion: z.object({ user, action_id: id, block_id: z.string().max(255).optional(), value: z.string().max(2000).optional(), view: view.optional(), channel: place.optional() }).loose(),
  view_submission: z.object({ user, view: view.extend({ callback_id: id, state: viewState }) }).loose(),
  shortcut: z.object({ user, callback_id: id, trigger_id: id }).loose(),
} as const;

const command = z.object({ command: id, user_id: id, text: z.string().max(4000).optional(), trigger_id: id.optional(), response_url: z.string().max(2000).optional() }).loose();

/** The events the listeners take (handledEvents); any other event is acked and dropped. */
const eventFields = z.object({
  type: id, user: id.optional(), channel: id.optional(), channel_type: id.optional(), text: text.optional(), ts: id.optional(),
  thread_ts: id.optional(), subtype: id.optional(), bot_id: id.optional(), tab: id.optional(),
}).loose();
const handledEventTypes = new Set(['message', 'app_mention', 'app_home_opened']);
const eventCallback = z.object({ event_id: id, team_id: id.optional(), event: z.object({ type: id }).loose() }).loose();

export function checkSlackPayload(body: unknown): PayloadVerdict {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return reject('not an object');
  if (!depthWithin(body, maxDepth)) return reject('nested too deeply');
  const { type } = body as { type?: unknown };
  if (type === undefined) return command.safeParse(body).success ? { kind: 'handle' } : reject('not a slash command');
  if (typeof type !== 'string') return reject('type is not a string');
  if (type === 'event_callback') {
    const envelope = eventCallback.safeParse(body);
    if (!envelope.success) return reject('not an event envelope');
    if (!handledEventTypes.has(envelope.data.event.type)) return { kind: 'ignore' };
    return eventFields.safeParse(envelope.data.event).success ? { kind: 'handle' } : reject(`a ${envelope.data.event.type} event of the wrong shape`);
  }
  const schema = (interactions as Record<string, z.ZodType | undefined>)[type];
  if (!schema) return { kind: 'ignore' };
  return schema.safeParse(body).success ? { kind: 'handle' } : reject(`a ${type} payload of the wrong shape`);
}

function reject(reason: string): PayloadVerdict {
  return { kind: 'reject', reason };
}

/** Whether no array or object in `value` lies deeper than `max`, found without recursion. */
function depthWithin(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth > max) return false;
    for (const child of Object.values(node)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return true;
}
