import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import type { ConversationEngine } from '../../src/conversation/conversation-engine.js';
import { directLineRoutes } from '../../src/channels/webchat/directline-routes.js';
import { pageRoutes } from '../../src/channels/webchat/page-routes.js';

export const secret = 'test-directline-secret-0123456789';

/** Until the conversation engine is composed in deps, turns are answered by echoing them. */
const echoEngine: ConversationEngine = {
  async handle(turn) {
    if (turn.text === 'explode') throw new Error('engine failure with internal detail /etc/secret');
    return [{ kind: 'text', text: turn.action ? `action ${turn.action.id}` : `You said: ${turn.text}` }];
  },
};

export interface WebChatHarness {
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/** The real app over a temp SQLite file, as the server builds it. */
export async function startApp(env: Record<string, string> = {}): Promise<WebChatHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-webchat-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: join(dir, 'frontdoor.db'), ...env });
  const deps = await buildDeps(config);
  const app = await buildApp(deps, { logger: false });
  await app.register(directLineRoutes({ ...deps, engine: echoEngine }));
  await app.register(pageRoutes());
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
