import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../support/fake-bot-connector.js';
import {
  actionsOf,
  cardOf,
  channelActivity,
  personalChatOf,
  postActivity,
  say,
  shown,
  startTeamsApp,
  textOf,
  users,
  type TeamsHarness,
} from './teams-harness.js';
import { dataOf } from './teams-driver.js';

const triageChannel = '19:servicedesk@thread.tacv2';
const general = '19:general@thread.tacv2';

describe('Teams channels: mentions move to personal chat; the service desk triages and takes over', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsApp({ TEAMS_TRIAGE_CHANNEL: triageChannel });
  });
  afterAll(async () => {
    await h.close();
  });

  it('When Sam mentions Frontdoor in a team channel, then the thread gets a pointer only and the conversation goes on in a personal chat opened for him', async () => {
    const thread = `${general};messageid=root-1`;
    const response = await postActivity(
      h.app,
      channelActivity(h.connector, users.sam, thread, { text: '<at>Frontdoor</at> I need a new laptop', entities: [{ type: 'mention' }] }),
    );
    expect(response.statusCode).toBe(200);
    const inThread = h.connector.posted(thread);
    expect(inThread).toHaveLength(1);
    expect(textOf(inThread)).toMatch(/sent you a personal message/);
    // Nothing of the request in the channel.
    expect(textOf(inThread)).not.toMatch(/laptop|model/i);
    expect(h.connector.calls.some((c) => c.method === 'POST' && c.conversationId === '' && JSON.stringify(c.body).includes(users.sam.id))).toBe(true);
    const personal = h.connector.posted(personalChatOf(users.sam));
    expect(personal.length).toBeGreaterThan(0);
    expect(cardOf(personal.at(-1)!.body!)).toBeDefined();
  });

  it('When an agent takes a triaged message over, then the thread and the employee\'s personal chat talk to each other until "hand back <intent>"', async () => {
    const before = h.connector.posted(triageChannel).length;
    await say(h, users.nina, 'blorp wibble zark');
    await h.settle();
    const triage = h.connector
      .posted(triageChannel)
      .slice(before)
      .find((c) => actionsOf(cardOf(c.body!)).some((a) => dataOf(a).action === 'teams.triage.takeover'));
    expect(triage, 'the triage card in the triage channel').toBeDefined();
    expect(h.connector.posted(triageChannel).slice(before)).toHaveLength(1);
    const triageId = String(dataOf(actionsOf(cardOf(triage!.body!)).find((a) => dataOf(a).action === 'teams.triage.takeover')!).triageId);
    const thread = `${triageChannel};messageid=${triage!.id}`;
    const takeOver = (user: typeof users.fatima) =>
      postActivity(h.app, channelActivity(h.connector, user, thread, { replyToId: triage!.id, value: { action: 'teams.triage.takeover', triageId } }));

    // Someone outside the service desk is refused; nothing changes.
    await takeOver(users.grace);
    expect(textOf(h.connector.posted(thread))).toMatch(/Only service-desk agents/);
    expect((await h.deps.triage.get(triageId)).status).toBe('open');

    const chat = personalChatOf(users.nina);
    const chatBefore = h.connector.posted(chat).length;
    expect((await takeOver(users.fatima)).statusCode).toBe(200);
    await h.settle();
    expect(await h.deps.triage.get(triageId)).toMatchObject({ status: 'taken', takenBy: 'fatima.haddad@example.com' });
    expect(textOf(h.connector.posted(thread))).toContain('Fatima Haddad took this over');
    expect(textOf(h.connector.posted(chat).slice(chatBefore))).toContain('Fatima Haddad from the service desk has joined');
    // The triage card says who has it and offers no Take over any more.
    const card = h.connector.current(triage!);
    expect(shown(card)).toContain('Taken over by Fatima Haddad');
    expect(JSON.stringify(card)).not.toContain('teams.triage.takeover');

    await takeOver(users.carlos);
    expect(textOf(h.connector.posted(thread))).toContain('already taken by Fatima Haddad');

    // The agent writes in the thread (mentioning the bot): it reaches Nina's chat.
    await postActivity(h.app, channelActivity(h.connector, users.fatima, thread, { text: '<at>Frontdoor</at> Hi Nina, what do you need?' }));
    await h.settle();
    expect(textOf(h.connector.posted(chat).slice(-1))).toContain('Fatima Haddad: Hi Nina, what do you need?');

    // Nina answers in her chat: it appears in the thread, unclassified.
    const chatBeforeReply = h.connector.posted(chat).length;
    await say(h, users.nina, 'I need a work phone, my old one broke');
    await h.settle();
    expect(textOf(h.connector.posted(thread).slice(-1))).toContain('Nina Petrova: I need a work phone, my old one broke');
    expect(h.connector.posted(chat).slice(chatBeforeReply)).toEqual([]);

    await postActivity(h.app, channelActivity(h.connector, users.fatima, thread, { text: '<at>Frontdoor</at> hand back request-mobile-phone' }));
    await h.settle();
    expect(textOf(h.connector.posted(thread).slice(-1))).toContain('Handed back to the assistant, continuing with Mobile phone.');
    const resumed = textOf(h.connector.posted(chat).slice(chatBeforeReply));
    expect(resumed).toContain('Fatima Haddad has handed you back to the assistant.');
    expect(resumed).toContain('Which phone would you like?');
    expect(await h.deps.triage.get(triageId)).toMatchObject({ status: 'resolved', handedBack: { intent: 'request-mobile-phone' } });
  });

  it('When hostile text comes in, then every card and message shows it inert', async () => {
    const before = h.connector.posted(triageChannel).length;
    await say(h, users.marcus, '![x](https://evil.example/beacon.png) <script>alert(1)</script> [click](http://evil.example)');
    await h.settle();
    const posted: ConnectorCall[] = [...h.connector.posted(triageChannel).slice(before), ...h.connector.posted(personalChatOf(users.marcus))];
    // Plain-text fields (a card's fallbackText, a message's summary) are never rendered as markdown.
    const all = JSON.stringify(
      posted.map((c) => c.body),
      (key, value: unknown) => (['fallbackText', 'summary', 'serviceUrl', '$schema'].includes(key) ? undefined : value),
    );
    expect(all).not.toMatch(/[^\\]!\[x\]\(/);
    expect(all).not.toContain('<script>');
    expect(all).not.toMatch(/[^\\]\]\(http/);
    expect(all).not.toMatch(/https?:\/\//);
  });
});
