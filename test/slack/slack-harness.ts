import { createHmac } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Deps } from '../../src/deps.js';
import { buildTestApp } from '../support/test-app.js';
import { FakeSlackApi, type SlackUsers } from './fake-slack-api.js';

export const signingSecret = 'test-slack-signing-secret';

/** Slack users of the tests and the directory people they are. */
export const people: SlackUsers = {
  UNINA: 'nina.petrova@example.com',
  UMARCUS: 'marcus.chen@example.com',
  UGRACE: 'grace.holloway@example.com',
  USAM: 'sam.patel@example.com',
  UDANA: 'dana.lee@example.com',
  UOUTSIDER: 'someone@another-company.example',
};

export interface SlackHarness {
  app: FastifyInstance;
  deps: Deps;
  slack: FakeSlackApi;
  /** Waits until every event taken so far has been processed (work carries on after the ack). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startSlackApp(env: Record<string, string> = {}): Promise<SlackHarness> {
  const slack = new FakeSlackApi(people);
  await slack.start();
  const { app, deps, close } = await buildTestApp({
    name: 'slack',
    env: { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: `${slack.url}/api/`, SLACK_API_RETRIES: '0', ...env },
  }).catch(async (error: unknown) => { await slack.stop(); throw error; });
  const settle = async () => {
    // A delivery can lead to another (a decision notifies the requester): wait until quiet.
    for (let i = 0; i < 3; i += 1) {
      await deps.slack?.idle();
      await deps.notifier.flush();
    }
  };
  return {
    app, deps, slack, settle,
    async close() {
      await close();
      await slack.stop();
    },
  };
}

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function sign(body: string, timestamp: number, secret = signingSecret): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  timestamp?: number;
  secret?: string;
  headers?: Record<string, string>;
}

function post(app: FastifyInstance, body: string, contentType: string, options: PostOptions): Promise<LightMyRequestResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return app.inject({
    method: 'POST', url: '/slack/events', payload: body,
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp, options.secret), ...options.headers },
  });
}

/** An Events API delivery (JSON). */
export function postEvent(app: FastifyInstance, envelope: Record<string, unknown>, options: PostOptions = {}): Promise<LightMyRequestResponse> {
  return post(app, JSON.stringify(envelope), 'application/json', options);
}

/** An interactivity payload (form-encoded `payload=<json>`). */
export function postInteraction(app: FastifyInstance, payload: Record<string, unknown>, options: PostOptions = {}): Promise<LightMyRequestResponse> {
  return post(app, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

/** A slash command (form-encoded fields). */
export function postCommand(app: FastifyInstance, fields: Record<string, string>, options: PostOptions = {}): Promise<LightMyRequestResponse> {
  return post(app, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

let eventSeq = 0;

/** A message.im envelope from a Slack user in their DM with the bot. */
export function dmEvent(user: string, text: string, eventId = `Ev${Date.now()}${++eventSeq}`): Record<string, unknown> {
  return {
    token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel_type: 'im', channel: `D${user}`, user, text, ts: `${Math.floor(Date.now() / 1000)}.${String(++eventSeq).padStart(6, '0')}`, event_ts: '1' },
  };
}
