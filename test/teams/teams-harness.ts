import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Deps } from '../../src/deps.js';
import { FakeBotConnector, type ConnectorCall, type RosterMember } from '../support/fake-bot-connector.js';
import { buildTestApp } from '../support/test-app.js';

export const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const otherTenantId = '11111111-2222-3333-4444-555555555555';
export const botId = '28:frontdoor-bot';

/** Teams users of the tests (their user ids and AAD object ids) and the directory people they are. */
function member(key: string, upn: string, extra: Partial<RosterMember> = {}): RosterMember {
  return { id: `29:${key}`, aadObjectId: `aad-${key}`, name: key, userPrincipalName: upn, tenantId, ...extra };
}

export const users = {
  nina: member('nina', 'nina.petrova@example.com'),
  marcus: member('marcus', 'marcus.chen@example.com'),
  dana: member('dana', 'dana.lee@example.com'),
  grace: member('grace', 'grace.holloway@example.com'),
  sam: member('sam', 'sam.patel@example.com'),
  fatima: member('fatima', 'fatima.haddad@example.com'),
  carlos: member('carlos', 'carlos.mendes@example.com'),
  outsider: member('outsider', 'someone@another-company.example'),
  guest: member('guest', 'nina.petrova_example.com#EXT#@contoso.onmicrosoft.com', { userRole: 'guest' }),
} satisfies Record<string, RosterMember>;

export type TeamsUser = RosterMember;

export interface TeamsHarness {
  app: FastifyInstance;
  deps: Deps;
  connector: FakeBotConnector;
  /** Waits until the outbox is empty (a decision notifies the requester, and so on). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamsApp(env: Record<string, string> = {}): Promise<TeamsHarness> {
  const connector = new FakeBotConnector(Object.values(users));
  await connector.start();
  const { app, deps, close } = await buildTestApp({
    name: 'teams',
    env: { TEAMS_ENABLED: 'true', TEAMS_ALLOWED_TENANT_IDS: tenantId, TEAMS_SERVICE_URL: connector.url, ...env },
  }).catch(async (error: unknown) => {
    await connector.stop();
    throw error;
  });
  const settle = async () => {
    for (let i = 0; i < 3; i += 1) await deps.notifier.flush();
  };
  return {
    app,
    deps,
    connector,
    settle,
    async close() {
      await close();
      await connector.stop();
    },
  };
}

let seq = 0;

export function personalChatOf(user: TeamsUser): string {
  return `a:personal-${user.id}`;
}

/** An activity from `user` in their personal chat with the bot. */
export function personalActivity(connector: FakeBotConnector, user: TeamsUser, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    ...activityFrom(connector, user, { id: personalChatOf(user), conversationType: 'personal', tenantId: user.tenantId }, { tenant: { id: user.tenantId } }),
    locale: 'en-GB',
    ...fields,
  };
}

/** What every incoming message has: an id, the sender, the bot, the conversation and its channel data. */
function activityFrom(connector: FakeBotConnector, user: TeamsUser, conversation: Record<string, unknown>, channelData: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: `in-${Date.now()}-${++seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: botId, name: 'Frontdoor' },
    conversation,
    channelData,
  };
}

export function postActivity(app: FastifyInstance, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/messages', payload: activity, headers: { 'content-type': 'application/json', ...headers } });
}

export async function say(h: TeamsHarness, user: TeamsUser, text: string): Promise<LightMyRequestResponse> {
  return postActivity(h.app, personalActivity(h.connector, user, { text }));
}

/** An Action.Submit on a card the bot posted: a message activity carrying the data and inputs as `value`. */
export async function submit(h: TeamsHarness, user: TeamsUser, card: ConnectorCall, value: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return postActivity(h.app, personalActivity(h.connector, user, { replyToId: card.id, value }));
}

/** An Action.Execute (Universal Actions): an adaptiveCard/action invoke, answered in the response. */
export async function execute(
  h: TeamsHarness,
  user: TeamsUser,
  card: ConnectorCall,
  verb: string,
  data: Record<string, unknown>,
  options: { conversationId?: string; trigger?: 'manual' | 'automatic' } = {},
): Promise<LightMyRequestResponse> {
  const activity = personalActivity(h.connector, user, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: card.id,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
  });
  if (options.conversationId) (activity.conversation as Record<string, unknown>).id = options.conversationId;
  return postActivity(h.app, activity);
}

/** The Adaptive Card of a posted (or updated) activity, if it has one. */
export function cardOf(activity: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachments = activity.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Every action of a card, nested ones (inside Action.ShowCard) included. */
export function actionsOf(card: Record<string, unknown> | undefined): Array<Record<string, unknown>> {
  if (!card) return [];
  const found: Array<Record<string, unknown>> = [];
  for (const action of (card.actions as Array<Record<string, unknown>> | undefined) ?? []) {
    found.push(action);
    if (action.type === 'Action.ShowCard') found.push(...actionsOf(action.card as Record<string, unknown>));
  }
  return found;
}

/** What a message shows: its text and its card's JSON, for matching. */
export function shown(activity: Record<string, unknown>): string {
  return `${typeof activity.text === 'string' ? activity.text : ''} ${JSON.stringify(cardOf(activity) ?? {})}`;
}

export function textOf(calls: ConnectorCall[]): string {
  return calls.map((c) => shown(c.body ?? {})).join('\n');
}

export const teamId = '19:team-it@thread.tacv2';

/** An activity from `user` in a team channel (`conversationId` with `;messageid=` for a thread). */
export function channelActivity(
  connector: FakeBotConnector,
  user: TeamsUser,
  conversationId: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const channel = conversationId.split(';')[0]!;
  return {
    ...activityFrom(
      connector,
      user,
      { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: user.tenantId },
      { tenant: { id: user.tenantId }, team: { id: teamId, name: 'IT' }, channel: { id: channel, name: 'General' } },
    ),
    ...fields,
  };
}
