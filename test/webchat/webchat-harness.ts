import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Deps } from '../../src/deps.js';
import { buildTestApp } from '../support/test-app.js';
import type { TestClock } from '../support/test-clock.js';

export const secret = 'test-directline-secret-0123456789';

export interface WebChatHarness {
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/**
 * The real app over a fresh database (test/support/test-app.ts). `failEngine` injects a
 * failure into the composed engine, to test what a person sees when a turn blows up.
 */
export async function startApp(env: Record<string, string> = {}, options: { failEngine?: Error; clock?: TestClock } = {}): Promise<WebChatHarness> {
  const failure = options.failEngine;
  const { app, deps, close } = await buildTestApp({
    name: 'webchat', env, ...(options.clock ? { clock: options.clock } : {}),
    // The channels hold the engine they were built with: the failure goes into that very engine.
    ...(failure ? { adjust: (built: Deps) => { Object.assign(built.engine, { handle: async () => { throw failure; } }); } } : {}),
  });
  return { app, deps, close };
}

export interface Conversation {
  conversationId: string;
  token: string;
}

export async function startConversation(app: FastifyInstance): Promise<Conversation> {
  const res = await app.inject({ method: 'POST', url: '/v3/directline/conversations', payload: { user: {} } });
  if (res.statusCode !== 201) throw new Error(`start conversation: ${res.statusCode} ${res.body}`);
  return res.json() as Conversation;
}

export function postActivity(app: FastifyInstance, c: Conversation, activity: Record<string, unknown>, token = c.token): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/v3/directline/conversations/${c.conversationId}/activities`,
    headers: { authorization: `Bearer ${token}` },
    payload: activity,
  });
}

export interface ActivitySet {
  activities: Array<Record<string, unknown> & { id: string; from: { id: string; role?: string } }>;
  watermark: string;
}

export async function getActivities(app: FastifyInstance, c: Conversation, watermark?: string): Promise<ActivitySet> {
  const query = watermark === undefined ? '' : `?watermark=${watermark}`;
  const res = await app.inject({
    method: 'GET',
    url: `/v3/directline/conversations/${c.conversationId}/activities${query}`,
    headers: { authorization: `Bearer ${c.token}` },
  });
  if (res.statusCode !== 200) throw new Error(`get activities: ${res.statusCode} ${res.body}`);
  return res.json() as ActivitySet;
}

export function message(from: string, text: string, clientActivityID = `c-${Math.random().toString(36).slice(2)}`): Record<string, unknown> {
  return { type: 'message', from: { id: from, role: 'user' }, text, channelData: { clientActivityID } };
}

/** The data of every Action.Submit on an activity's cards: what a person can click. */
export function submits(activity: ActivitySet['activities'][number]): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Submit' && n.data) found.push(n.data as Record<string, unknown>);
      Object.values(n).forEach(walk);
    }
  };
  walk(activity.attachments);
  return found;
}
