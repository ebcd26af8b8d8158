import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import { createTestDatabase } from '../support/test-database.js';

export const secret = 'test-directline-secret-0123456789';

export interface WebChatHarness {
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/** Shared by the test files so the intent classifier is trained once, not per app. */
export const nluCacheDir = join(tmpdir(), 'frontdoor-test-nlu-cache');

/**
 * The real app over a fresh database (test/support/test-database.ts), as the server builds it. `failEngine` injects a
 * failure into the composed engine, to test what a person sees when a turn blows up.
 */
export async function startApp(env: Record<string, string> = {}, options: { failEngine?: Error } = {}): Promise<WebChatHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdoor-webchat-'));
  const database = await createTestDatabase(dir);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, NLU_CACHE_DIR: nluCacheDir, ...env });
  const deps = await buildDeps(config);
  const failure = options.failEngine;
  // The channels hold the engine they were built with: the failure goes into that very engine.
  if (failure) Object.assign(deps.engine, { handle: async () => { throw failure; } });
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await database.drop();
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
