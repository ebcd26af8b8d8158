import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockAction, elementsOf, posted, type PostedMessage } from './slack-driver.js';
import { dmEvent, postEvent, postInteraction, startSlackApp, type SlackHarness } from './slack-harness.js';

let seq = 0;
function mentionEvent(user: string, text: string, channel = 'CGENERAL'): Record<string, unknown> {
  seq += 1;
  return {
    type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `EvPrivate${Date.now()}${seq}`, event_time: 1,
    event: { type: 'app_mention', channel, user, text: `<@UBOT> ${text}`, ts: `1700000100.${String(seq).padStart(6, '0')}`, event_ts: '1' },
  };
}

describe('Slack stays private', () => {
  let h: SlackHarness;
  let requestNumber = '';
  beforeAll(async () => {
    h = await startSlackApp();
    const nina = (await h.deps.directory.findByEmail('nina.petrova@example.com'))!;
    requestNumber = (await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: nina, channel: 'api', fields: { model: 'keyboard-mouse', reason: 'additional', 'delivery-location': 'Desk 7' } })).number;
    await h.settle();
  }, 60_000);
  afterAll(async () => { await h.close(); });

  it('When Nina mentions the bot in a channel to ask for her requests, then nothing is posted in the channel: she is told privately and her status arrives in her DM', async () => {
    const before = h.slack.calls.length;
    await postEvent(h.app, mentionEvent('UNINA', 'where are my requests?'));
    await h.settle();
    const calls = h.slack.calls.slice(before);
    expect(calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'CGENERAL')).toEqual([]);
    const ephemeral = calls.filter((c) => c.method === 'chat.postEphemeral');
    expect(ephemeral.map((c) => [c.args.channel, c.args.user])).toEqual([['CGENERAL', 'UNINA']]);
    expect(String(ephemeral[0]?.args.text)).toMatch(/direct message/i);
    expect(JSON.stringify(posted(calls, 'DUNINA').map((m) => m.blocks))).toContain(requestNumber);
  });

  it('When Marcus mentions the bot in a channel to ask for his approvals, then no approval card shows in the channel', async () => {
    const before = h.slack.calls.length;
    await postEvent(h.app, mentionEvent('UMARCUS', 'what is waiting for my approval?'));
    await h.settle();
    const calls = h.slack.calls.slice(before);
    expect(calls.filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.args.channel === 'CGENERAL')).toEqual([]);
  });

  it('When someone the directory does not know mentions the bot in a channel, then only they see the answer', async () => {
    const before = h.slack.calls.length;
    await postEvent(h.app, mentionEvent('UOUTSIDER', 'hello'));
    await h.settle();
    const calls = h.slack.calls.slice(before);
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    expect(calls.filter((c) => c.method === 'chat.postEphemeral').map((c) => c.args.user)).toEqual(['UOUTSIDER']);
  });

  it('When Grace clicks "Show more" under a list in a channel, then that message is left alone and Grace gets her own list in her DM', async () => {
    const shared: PostedMessage = {
      channel: 'CGENERAL', ts: '1700000200.000001', text: 'Your requests',
      blocks: [{ type: 'actions', block_id: 'more', elements: [{ type: 'button', action_id: 'slack.more', text: { text: 'Show more' }, value: JSON.stringify({ list: 'status', page: 2 }) }] }],
    };
    const more = elementsOf(shared)[0]!;
    const before = h.slack.calls.length;
    await postInteraction(h.app, blockAction('UGRACE', shared, more.block, more.element));
    await h.settle();
    const calls = h.slack.calls.slice(before);
    expect(calls.filter((c) => c.method === 'chat.update')).toEqual([]);
    expect(calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args.channel)).toEqual(['DUGRACE']);
    expect(JSON.stringify(calls)).not.toContain(requestNumber);
  });
});

describe('Slack users from other workspaces and organisations', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackApp({ SLACK_ALLOWED_TEAM_IDS: 'T1, T2', SLACK_ALLOWED_ENTERPRISE_IDS: 'EACME' });
    // Guests whose Slack profiles show an employee's email address.
    h.slack.users.UCONNECT = 'nina.petrova@example.com';
    h.slack.userDetails.UCONNECT = { team_id: 'TOTHER', is_stranger: true };
    h.slack.users.UOTHERTEAM = 'nina.petrova@example.com';
    h.slack.userDetails.UOTHERTEAM = { team_id: 'TOTHER' };
    h.slack.users.USISTER = 'marcus.chen@example.com';
    h.slack.userDetails.USISTER = { team_id: 'T2' };
    h.slack.users.UGRID = 'grace.holloway@example.com';
    h.slack.userDetails.UGRID = { team_id: 'TGRIDTEAM', enterprise_user: { enterprise_id: 'EACME' } };
  }, 60_000);
  afterAll(async () => { await h.close(); });

  const answerTo = async (user: string) => {
    const before = h.slack.calls.length;
    await postEvent(h.app, dmEvent(user, 'my requests'));
    await h.settle();
    return JSON.stringify(posted(h.slack.calls.slice(before), `D${user}`).map((m) => m.text));
  };

  it('When a Slack Connect guest (is_stranger) writes with an employee\'s email, then they are not that employee', async () => {
    expect(await answerTo('UCONNECT')).toMatch(/can't find you in the company directory/);
  });

  it('When a member of a workspace that is not allowed writes, then they are not mapped to an employee', async () => {
    expect(await answerTo('UOTHERTEAM')).toMatch(/can't find you in the company directory/);
  });

  it('When members of an allowed workspace or organisation write, then they are the employees their emails name', async () => {
    expect(await answerTo('USISTER')).not.toMatch(/can't find you/);
    expect(await answerTo('UGRID')).not.toMatch(/can't find you/);
  });
});

describe('Slack workspaces by default', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackApp();
    h.slack.users.UOTHERTEAM = 'nina.petrova@example.com';
    h.slack.userDetails.UOTHERTEAM = { team_id: 'TOTHER' };
  }, 60_000);
  afterAll(async () => { await h.close(); });

  it('When no workspace is configured, then only members of the bot\'s own workspace are employees', async () => {
    await postEvent(h.app, dmEvent('UOTHERTEAM', 'my requests'));
    await postEvent(h.app, dmEvent('UNINA', 'my requests'));
    await h.settle();
    expect(posted(h.slack.calls, 'DUOTHERTEAM').map((m) => m.text).join(' ')).toMatch(/can't find you in the company directory/);
    expect(posted(h.slack.calls, 'DUNINA').map((m) => m.text).join(' ')).not.toMatch(/can't find you/);
  });
});

describe('Notifications and Slack guests', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackApp();
    // The only Slack account with Grace's email belongs to another organisation.
    delete h.slack.users.UGRACE;
    h.slack.users.UGUEST = 'grace.holloway@example.com';
    h.slack.userDetails.UGUEST = { team_id: 'TOTHER', is_stranger: true };
  }, 60_000);
  afterAll(async () => { await h.close(); });

  it('When Grace is notified and only a guest account carries her email, then nothing is sent to that account', async () => {
    const slack = h.deps.slack!;
    await slack.deliver('grace.holloway@example.com', [{ kind: 'text', text: 'Your request REQ-1 was approved.' }]);
    await h.settle();
    expect(h.slack.calls.filter((c) => c.method === 'conversations.open' || c.method === 'chat.postMessage').map((c) => c.args.users ?? c.args.channel)).not.toContain('UGUEST');
    expect(posted(h.slack.calls, 'DUGUEST')).toEqual([]);
  });
});
