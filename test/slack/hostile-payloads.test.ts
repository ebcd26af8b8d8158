import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmEvent, postEvent, postInteraction, sign, startSlackApp, type SlackHarness } from './slack-harness.js';

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { v: value };
  return value;
}

const blockActions = (overrides: Record<string, unknown>) => ({
  type: 'block_actions', team: { id: 'T1' }, api_app_id: 'A1', token: 'legacy', trigger_id: 'trigger-1',
  user: { id: 'UNINA', team_id: 'T1' }, container: { type: 'message', message_ts: '1.1', channel_id: 'DUNINA' },
  channel: { id: 'DUNINA' }, message: { type: 'message', ts: '1.1', text: 'x', blocks: [] }, state: { values: {} },
  response_url: 'http://127.0.0.1:1/unused',
  actions: [{ type: 'button', action_id: 'dialog.cancel', block_id: 'b', value: '{}', action_ts: '1' }],
  ...overrides,
});

describe('Signed Slack payloads of the wrong shape', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp(); }, 60_000);
  afterAll(async () => { await h.close(); });

  const wrongTyped: Array<[string, () => Promise<{ statusCode: number }>]> = [
    ['a click whose user id is a number', () => postInteraction(h.app, blockActions({ user: { id: 12345 } }))],
    ['a click whose action id is a number', () => postInteraction(h.app, blockActions({ actions: [{ type: 'button', action_id: 42, block_id: 'b' }] }))],
    ['a click whose actions are a string', () => postInteraction(h.app, blockActions({ actions: 'dialog.cancel' }))],
    ['a click whose channel is a number', () => postInteraction(h.app, blockActions({ channel: 7 }))],
    ['a form submission whose view is a number', () => postInteraction(h.app, { type: 'view_submission', team: { id: 'T1' }, user: { id: 'UNINA' }, view: 3 })],
    ['a form submission whose callback id is a number', () => postInteraction(h.app, { type: 'view_submission', team: { id: 'T1' }, user: { id: 'UNINA' }, view: { id: 'V1', callback_id: 9, state: { values: {} } } })],
    ['a shortcut whose callback id is a number', () => postInteraction(h.app, { type: 'shortcut', team: { id: 'T1' }, user: { id: 'UNINA' }, callback_id: 1, trigger_id: 't' })],
    ['a type that is a number', () => postInteraction(h.app, { type: 5, user: { id: 'UNINA' } })],
    ['an event whose id is a number', () => postEvent(h.app, { ...dmEvent('UNINA', 'hello'), event_id: 991 })],
    ['an event whose user is a number', () => postEvent(h.app, { ...dmEvent('UNINA', 'hello'), event: { type: 'message', channel_type: 'im', channel: 'DUNINA', user: 77, text: 'hi', ts: '1.2' } })],
    ['an event whose text is a number', () => postEvent(h.app, { ...dmEvent('UNINA', 'hello'), event: { type: 'message', channel_type: 'im', channel: 'DUNINA', user: 'UNINA', text: 12, ts: '1.3' } })],
    ['an event whose type is missing', () => postEvent(h.app, { ...dmEvent('UNINA', 'hello'), event: { user: 'UNINA', text: 'hi' } })],
    ['an event that is a list', () => postEvent(h.app, { ...dmEvent('UNINA', 'hello'), event: ['message'] })],
    ['a payload that is not an object', () => postInteraction(h.app, [1, 2, 3] as never)],
  ];

  for (const [name, send] of wrongTyped) {
    it(`When Slack's signature covers ${name}, then the answer is a 4xx at once and nothing is posted`, async () => {
      const before = h.slack.calls.length;
      const started = Date.now();
      const res = await send();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      await h.settle();
      expect(h.slack.calls.slice(before).filter((c) => c.method.startsWith('chat.') || c.method.startsWith('views.'))).toEqual([]);
    });
  }

  it('When a signed event is nested thousands of levels deep, then it gets a 4xx at once', async () => {
    const depth = 5000;
    const envelope = JSON.stringify({ ...dmEvent('UNINA', 'hello'), event: { type: 'message', channel_type: 'im', channel: 'DUNINA', user: 'UNINA', text: 'hi', ts: '1.4', blocks: 'HERE' } });
    const body = envelope.replace('"HERE"', `${'[{"v":'.repeat(depth)}1${'}]'.repeat(depth)}`);
    const timestamp = Math.floor(Date.now() / 1000);
    const started = Date.now();
    const res = await h.app.inject({
      method: 'POST', url: '/slack/events', payload: body,
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp) },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('When a signed click is nested deeper than Slack ever nests, then it gets a 4xx', async () => {
    const res = await postInteraction(h.app, blockActions({ state: { values: nested(200) } }));
    expect(res.statusCode).toBe(400);
  });

  it('When a well-formed DM arrives after all that, then it is still answered', async () => {
    const before = h.slack.calls.length;
    expect((await postEvent(h.app, dmEvent('UNINA', 'hello'))).statusCode).toBe(200);
    await h.settle();
    expect(h.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'DUNINA')).not.toEqual([]);
  });
});

describe('Signed Slack payloads nothing here handles', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp(); }, 60_000);
  afterAll(async () => { await h.close(); });

  const unknown: Array<[string, Record<string, unknown>]> = [
    ['an interaction type Frontdoor does not use', { type: 'interactive_message', user: { id: 'UNINA' }, callback_id: 'legacy', actions: [] }],
    ['a type Slack may add one day', { type: 'something_new', user: { id: 'UNINA' } }],
    ['a shortcut nobody registered', { type: 'shortcut', team: { id: 'T1' }, user: { id: 'UNINA' }, callback_id: 'not_ours', trigger_id: 't' }],
    ['a message shortcut nobody registered', { type: 'message_action', team: { id: 'T1' }, user: { id: 'UNINA' }, callback_id: 'not_ours', trigger_id: 't', channel: { id: 'C1' }, message: { ts: '1.1' } }],
    ['a form submission nobody registered', { type: 'view_submission', team: { id: 'T1' }, user: { id: 'UNINA' }, view: { id: 'V1', callback_id: 'not_ours', state: { values: {} } } }],
    ['a closed form nobody listens for', { type: 'view_closed', team: { id: 'T1' }, user: { id: 'UNINA' }, view: { id: 'V1', callback_id: 'not_ours' } }],
    ['a click on an action id nobody registered', blockActions({ actions: [{ type: 'button', action_id: 'not.ours', block_id: 'b', value: '{}' }] })],
  ];

  for (const [name, payload] of unknown) {
    it(`When ${name} arrives signed, then it is answered 200 at once and nothing is done`, async () => {
      const before = h.slack.calls.length;
      const started = Date.now();
      const res = await postInteraction(h.app, payload);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(res.statusCode).toBe(200);
      await h.settle();
      expect(h.slack.calls.slice(before).filter((c) => c.method !== 'users.info' && c.method !== 'auth.test')).toEqual([]);
    });
  }

  it('When an event type nothing handles arrives signed, then it is answered 200 at once', async () => {
    const started = Date.now();
    const res = await postEvent(h.app, { ...dmEvent('UNINA', 'x'), event: { type: 'reaction_added', user: 'UNINA', reaction: 'tada', item: { type: 'message', channel: 'C1', ts: '1.1' } } });
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
