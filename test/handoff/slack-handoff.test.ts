import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { click, elementsOf, posted, say, type PostedMessage } from '../slack/slack-driver.js';
import { postEvent, postInteraction, startSlackApp, type SlackHarness } from '../slack/slack-harness.js';
import { blockAction } from '../slack/slack-driver.js';
import { getActivities, message, postActivity, startConversation } from '../webchat/webchat-harness.js';

const triageChannel = 'CTRIAGE';
const agentEmail = 'fatima.haddad@example.com';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackApp({ SLACK_TRIAGE_CHANNEL: triageChannel });
  // Agents of the service desk, known to the fake Slack workspace by email.
  h.slack.users.UFATIMA = agentEmail;
  h.slack.users.UCARLOS = 'carlos.mendes@example.com';
});
afterAll(async () => { await h.close(); });

let seq = 0;
/** A reply in a channel thread, as the Events API delivers it (message.channels). */
function threadReply(user: string, threadTs: string, text: string): Record<string, unknown> {
  seq += 1;
  return {
    token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvThread${seq}`, event_time: 1,
    event: { type: 'message', channel_type: 'channel', channel: triageChannel, user, text, ts: `1700001000.${String(seq).padStart(6, '0')}`, thread_ts: threadTs, event_ts: '1' },
  };
}

async function triageMessageFor(user: string, text: string): Promise<PostedMessage> {
  const before = posted(h.slack.calls, triageChannel).length;
  await say(h.app, user, text);
  await h.settle();
  const message = posted(h.slack.calls, triageChannel).slice(before).find((m) => elementsOf(m).some((e) => e.element.action_id === 'triage.takeover'));
  expect(message, 'the triage item in the triage channel').toBeDefined();
  return message!;
}

const triageIdOf = (message: PostedMessage) => {
  const button = elementsOf(message).find((e) => e.element.action_id === 'triage.takeover')!;
  return (JSON.parse(button.element.value ?? '{}') as { triageId: string }).triageId;
};

const textsIn = (channel: string, from = 0) => posted(h.slack.calls, channel).slice(from).map((m) => m.text);
const threadTexts = (threadTs: string) => h.slack.of('chat.postMessage').filter((c) => c.args.channel === triageChannel && c.args.thread_ts === threadTs).map((c) => String(c.args.text));

describe('Warm hand-off in Slack', () => {
  it('When an agent takes over from the triage channel, then the thread and the employee\'s DM talk to each other until "hand back <intent>"', async () => {
    const triage = await triageMessageFor('UNINA', 'blorp wibble zark');
    const triageId = triageIdOf(triage);
    const dm = 'DUNINA';
    const dmBefore = posted(h.slack.calls, dm).length;

    // Someone outside the service desk is refused, privately, and nothing changes.
    expect(await click(h.app, 'UGRACE', triage, 'triage.takeover')).toBe(200);
    await h.settle();
    expect(h.slack.of('chat.postEphemeral').at(-1)?.args).toMatchObject({ channel: triageChannel, user: 'UGRACE', text: 'Only service-desk agents can take over a conversation.' });
    expect((await h.deps.triage.get(triageId)).status).toBe('open');

    expect(await click(h.app, 'UFATIMA', triage, 'triage.takeover')).toBe(200);
    await h.settle();
    expect(await h.deps.triage.get(triageId)).toMatchObject({ status: 'taken', takenBy: agentEmail });
    expect(threadTexts(triage.ts).join('\n')).toContain('Fatima Haddad took this over');
    expect(textsIn(dm, dmBefore)).toContain('Fatima Haddad from the service desk has joined; you are now talking to a person.');
    // The triage message keeps what it said, loses its buttons and says who has it.
    const closed = h.slack.of('chat.update').filter((c) => c.args.channel === triageChannel && c.args.ts === triage.ts).at(-1)?.args;
    expect(closed, 'the triage message was updated').toBeDefined();
    expect(JSON.stringify(closed!.blocks)).not.toContain('triage.takeover');
    expect(JSON.stringify(closed!.blocks)).toContain('Taken over by Fatima Haddad');
    expect(JSON.stringify(closed!.blocks)).toContain(JSON.stringify(triage.blocks[0]).slice(1, 40));

    // A second agent's click is refused: already taken.
    await click(h.app, 'UCARLOS', triage, 'triage.takeover');
    await h.settle();
    expect(h.slack.of('chat.postEphemeral').at(-1)?.args).toMatchObject({ user: 'UCARLOS', text: 'This conversation is already taken by Fatima Haddad.' });

    // The agent writes in the thread: it reaches the employee's DM, not a conversation with the bot.
    await postEvent(h.app, threadReply('UFATIMA', triage.ts, 'Hi Nina, what do you need?'));
    await h.settle();
    expect(textsIn(dm).at(-1)).toBe('Fatima Haddad: Hi Nina, what do you need?');
    expect(threadTexts(triage.ts).filter((t) => t.includes('Hi Nina'))).toEqual([]);

    // The employee answers in the DM: it appears in the agent's thread and is not classified.
    const dmBeforeReply = posted(h.slack.calls, dm).length;
    await say(h.app, 'UNINA', 'I need a work phone, my old one broke');
    await h.settle();
    expect(threadTexts(triage.ts).at(-1)).toBe('Nina Petrova: I need a work phone, my old one broke');
    expect(posted(h.slack.calls, dm).slice(dmBeforeReply)).toEqual([]);
    expect(h.slack.of('chat.postMessage').filter((c) => c.args.channel === 'DUFATIMA' && String(c.args.text).includes('old one broke'))).toEqual([]);

    await postEvent(h.app, threadReply('UFATIMA', triage.ts, 'hand back request-mobile-phone'));
    await h.settle();
    expect(threadTexts(triage.ts).at(-1)).toBe('Handed back to the assistant, continuing with Mobile phone.');
    const resumed = posted(h.slack.calls, dm).slice(dmBeforeReply);
    expect(resumed.map((m) => m.text).join('\n')).toContain('Fatima Haddad has handed you back to the assistant.');
    expect(JSON.stringify(resumed.map((m) => m.blocks))).toContain('Which phone would you like?');

    const item = await h.deps.triage.get(triageId);
    expect(item).toMatchObject({ status: 'resolved', handedBack: { intent: 'request-mobile-phone' } });
    expect(item.transcript).toEqual(expect.arrayContaining(['Fatima Haddad: Hi Nina, what do you need?', 'Nina Petrova: I need a work phone, my old one broke']));

    // After the hand-back the thread is just a thread again: nothing is relayed or answered.
    const calls = h.slack.calls.length;
    await postEvent(h.app, threadReply('UFATIMA', triage.ts, 'anything else?'));
    await h.settle();
    expect(h.slack.calls.slice(calls).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('When the agent presses Hand back in the thread, then the employee is back with the assistant', async () => {
    const triage = await triageMessageFor('UMARCUS', 'frimble gorp snaz');
    const triageId = triageIdOf(triage);
    await click(h.app, 'UFATIMA', triage, 'triage.takeover');
    await h.settle();
    const announcement = posted(h.slack.calls, triageChannel).find((m) => h.slack.of('chat.postMessage').some((c) => c.result?.ts === m.ts && c.args.thread_ts === triage.ts));
    expect(announcement).toBeDefined();
    const hit = elementsOf(announcement!).find((e) => e.element.action_id === 'triage.handback')!;
    const payload = blockAction('UFATIMA', announcement!, hit.block, hit.element);
    (payload.message as Record<string, unknown>).thread_ts = triage.ts;
    expect((await postInteraction(h.app, payload)).statusCode).toBe(200);
    await h.settle();
    expect(textsIn('DUMARCUS').at(-1)).toBe('Fatima Haddad has handed you back to the assistant. What else can I help you with?');
    expect((await h.deps.triage.get(triageId)).status).toBe('resolved');
  });

  it('When the agent has since used the web chat, then the employee\'s words still reach the Slack thread the agent took over', async () => {
    const triage = await triageMessageFor('UGRACE', 'snorkel blimp quaffle');
    await click(h.app, 'UFATIMA', triage, 'triage.takeover');
    await h.settle();
    // The agent talks to the assistant in the web chat afterwards: it is now their latest channel.
    const web = await startConversation(h.app);
    expect((await postActivity(h.app, web, message(agentEmail, 'hello'))).statusCode).toBe(200);
    const webBefore = (await getActivities(h.app, web)).activities.length;

    await say(h.app, 'UGRACE', 'My badge stopped opening the door');
    await h.settle();
    expect(threadTexts(triage.ts).at(-1)).toBe('Grace Holloway: My badge stopped opening the door');
    expect((await getActivities(h.app, web)).activities.slice(webBefore).map((a) => a.text)).not.toContain('Grace Holloway: My badge stopped opening the door');
  });
});

