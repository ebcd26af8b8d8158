import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalShortcuts, handledEvents } from '../../src/channels/slack/listeners/index.js';
import { loadConfig } from '../../src/config/config.js';
import { dmEvent, postCommand, postEvent, postInteraction, startSlackApp, type SlackHarness } from './slack-harness.js';

const schemaPath = new URL('../../../shared/specs/slack-app-manifest.schema.json', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as {
  features: { slash_commands: Array<{ command: string; url: string }>; shortcuts: Array<{ callback_id: string; type: string }>; app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
  oauth_config: { scopes: { bot: string[] } };
};

const schemaPresent = existsSync(schemaPath);
if (!schemaPresent) console.warn(`The Slack app manifest schema is not at ${schemaPath.pathname} (../shared/specs is absent): manifest.json is not validated against it.`);

describe('manifest.json, the Slack app manifest', () => {
  it.skipIf(!schemaPresent)(`When checked against the Slack app manifest schema, then it is valid${schemaPresent ? '' : ' (skipped: ../shared/specs is absent)'}`, () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    // The schema is strict enough to catch a slip.
    expect(validate({ ...manifest, features: { ...manifest.features, bot_user: { display_name: 'Front Door!' } } })).toBe(false);
  });

  it('When Slack calls the app, then every URL is the one Request URL and the scopes cover what the app calls', () => {
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, ...manifest.features.slash_commands.map((c) => c.url)];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'commands', 'im:history', 'im:write', 'app_mentions:read', 'users:read', 'users:read.email']));
  });

  it('When the app declares what it handles, then the manifest declares exactly that', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...handledEvents].sort());
    expect(manifest.features.shortcuts.map((s) => s.callback_id).sort()).toEqual(Object.values(globalShortcuts).sort());
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([loadConfig({}).SLACK_COMMAND]);
  });
});

describe('Everything manifest.json declares is handled', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp(); });
  afterAll(async () => { await h.close(); });

  const envelope = (event: Record<string, unknown>) => ({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `Ev-${Math.random()}`, event_time: 1, event });
  /** An agent's reply in the thread of a conversation they took over goes to the employee's DM. */
  const agentThreadReply = (channelType: 'channel' | 'group', employee: string) => async () => {
    // Gibberish, so the message goes to triage ("group" alone would read as an access request).
    await postEvent(h.app, dmEvent(employee, `zorp flimble ${channelType === 'channel' ? 'wibble' : 'wobble'}`));
    await h.settle();
    const item = (await h.deps.triage.list('open')).at(-1)!;
    const channel = channelType === 'channel' ? 'CTRIAGE' : 'GTRIAGE';
    const ts = `1700000300.00000${channelType.length}`;
    h.slack.users.UFATIMA = 'fatima.haddad@example.com';
    const agent = (await h.deps.directory.findByEmail('fatima.haddad@example.com'))!;
    await h.deps.engine.handoff.takeOver({ triageId: item.id, agent, thread: { channel: 'slack', conversationId: `${channel}:${ts}`, channelId: channel, ts } });
    await h.settle();
    await postEvent(h.app, envelope({ type: 'message', channel_type: channelType, channel, user: 'UFATIMA', text: 'Hello there', ts: `${ts}1`, thread_ts: ts }));
    await h.settle();
    expect(h.slack.of('chat.postMessage').at(-1)?.args).toMatchObject({ channel: `D${employee}`, text: 'Fatima Haddad: Hello there' });
  };
  const answeredBy: Record<string, () => Promise<void>> = {
    'message.channels': agentThreadReply('channel', 'UMARCUS'),
    'message.groups': agentThreadReply('group', 'UNINA'),
    'message.im': async () => { await postEvent(h.app, dmEvent('UGRACE', 'hello')); },
    app_mention: async () => { await postEvent(h.app, envelope({ type: 'app_mention', channel: 'CGENERAL', user: 'UGRACE', text: '<@UBOT> hello', ts: '1700000200.000100' })); },
    app_home_opened: async () => { await postEvent(h.app, envelope({ type: 'app_home_opened', user: 'UGRACE', channel: 'DUGRACE', tab: 'home' })); },
  };

  it.each(manifest.settings.event_subscriptions.bot_events)('When Slack sends %s, then the app answers it', async (event) => {
    const send = answeredBy[event];
    expect(send, `a way to send ${event}`).toBeDefined();
    const before = h.slack.calls.length;
    await send!();
    await h.settle();
    const made = h.slack.calls.slice(before).map((c) => c.method);
    expect(made.some((m) => ['chat.postMessage', 'views.publish'].includes(m)), `${event} made ${made.join(', ')}`).toBe(true);
  });

  it.each(manifest.features.shortcuts.map((s) => s.callback_id))('When the %s shortcut is used, then the app answers it', async (callbackId) => {
    const before = h.slack.calls.length;
    const res = await postInteraction(h.app, { type: 'shortcut', callback_id: callbackId, trigger_id: 'trigger-1', user: { id: 'UGRACE', team_id: 'T1' }, team: { id: 'T1' }, token: 'legacy', action_ts: '1' });
    expect(res.statusCode).toBe(200);
    await h.settle();
    expect(h.slack.calls.slice(before).some((c) => c.method === 'views.open' || c.method === 'chat.postMessage')).toBe(true);
  });

  it.each(manifest.features.slash_commands.map((c) => c.command))('When %s is run, then the app answers it', async (command) => {
    const before = h.slack.calls.length;
    const res = await postCommand(h.app, { command, text: 'help', user_id: 'UGRACE', team_id: 'T1', channel_id: 'CGENERAL', response_url: h.slack.responseUrl('m1'), trigger_id: 'trigger-2', token: 'legacy' });
    expect(res.statusCode).toBe(200);
    await h.settle();
    expect(h.slack.calls.slice(before).some((c) => c.method === 'response_url')).toBe(true);
  });
});
