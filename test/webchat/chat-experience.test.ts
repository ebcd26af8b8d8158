import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActivities, message, postActivity, startApp, submits, type ActivitySet, type Conversation, type WebChatHarness } from './webchat-harness.js';

const sam = 'sam.patel@example.com';
const alex = 'alex.kim@example.com';
const marcus = 'marcus.chen@example.com';

type Activity = ActivitySet['activities'][number];

/** What the page does: a token for the picked person, which opens their conversation. */
async function openChat(app: FastifyInstance, email: string): Promise<Conversation> {
  const res = await app.inject({ method: 'POST', url: '/v3/directline/tokens/generate', payload: { user: { id: email } } });
  expect(res.statusCode).toBe(200);
  return res.json() as Conversation;
}

function cardOf(activity: Activity): Record<string, unknown> | undefined {
  const attachments = activity.attachments as Array<{ content: Record<string, unknown> }> | undefined;
  return attachments?.[0]?.content;
}

/** The conversation as a client that read it all along sees it: one version per id, the latest. */
function shown(all: Activity[]): Activity[] {
  const byId = new Map<string, Activity>();
  for (const a of all) byId.set(a.id, a);
  return [...byId.values()];
}

describe('The web chat as a person sees it', () => {
  let h: WebChatHarness;
  beforeAll(async () => {
    h = await startApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it('When a person opens the chat, then a welcome says what Frontdoor does and offers first messages to click', async () => {
    const chat = await openChat(h.app, sam);
    const [welcome, ...rest] = (await getActivities(h.app, chat)).activities;
    expect(rest).toEqual([]);
    expect(welcome).toMatchObject({ from: { role: 'bot' }, text: expect.stringMatching(/^Hello Sam, I am Frontdoor/) });
    expect(String(welcome!.text)).toMatch(/laptop.*software.*access.*password.*broken.*requests.*person/s);
    const actions = (welcome!.suggestedActions as { actions: Array<{ type: string; title: string; value: string }> }).actions;
    expect(actions.map((a) => a.title)).toContain('I need a new laptop');
    expect(actions.every((a) => a.type === 'imBack' && a.value === a.title)).toBe(true);

    // A suggested action is sent as the person's own message, and understood.
    await postActivity(h.app, chat, message(sam, actions[0]!.value));
    const after = await getActivities(h.app, chat);
    expect(after.activities.some((a) => a.from.role === 'bot' && submits(a).some((d) => d.action === 'dialog.answer'))).toBe(true);
  });

  it('When a person clicks an answer on a card, then their answer is their own bubble and the card folds into its question, so only the next question is live', async () => {
    const chat = await openChat(h.app, alex);
    await postActivity(h.app, chat, message(alex, 'I need a new laptop'));
    const asked = await getActivities(h.app, chat);
    const card = asked.activities.find((a) => submits(a).some((d) => d.action === 'dialog.answer' && d.fieldId === 'model'))!;
    expect(card).toBeDefined();
    // Prices decide between devices: each choice shows one, and which need an extra approval.
    const choices = JSON.stringify(cardOf(card));
    expect(choices).toMatch(/MacBook Air 13\\" \(M3, 16 GB\) \(€1,299\.00/);
    expect(choices).toMatch(/€2,499\.00 · needs an extra approval/);
    // Cancel is there, but quiet: no red button.
    const cancel = (cardOf(card)!.actions as Array<Record<string, unknown>>).find((a) => a.title === 'Cancel');
    expect(cancel).toMatchObject({ mode: 'secondary' });
    expect(cancel).not.toHaveProperty('style');

    const res = await postActivity(h.app, chat, {
      type: 'message',
      from: { id: alex },
      value: { action: 'dialog.answer', fieldId: 'model', answer: 'macbook-air-13' },
      channelData: { clientActivityID: 'click-1', postBack: true },
    });
    expect(res.statusCode).toBe(200);
    const next = await getActivities(h.app, chat, asked.watermark);

    // The open window gets the folded card again, with the same id, before the answer.
    const folded = next.activities.find((a) => a.id === card.id);
    expect(folded).toMatchObject({ from: { role: 'bot' }, text: expect.stringMatching(/^Which device do you need/), channelData: { answered: true } });
    expect(folded).not.toHaveProperty('attachments');
    const echo = next.activities.find((a) => a.from.role === 'user')!;
    expect(echo).toMatchObject({
      text: 'MacBook Air 13" (M3, 16 GB) (€1,299.00 · Light and quiet, for everyday office work)',
      channelData: { clientActivityID: 'click-1' },
    });
    expect(echo.channelData).not.toHaveProperty('postBack');
    expect(next.activities.indexOf(folded!)).toBeLessThan(next.activities.indexOf(echo));

    // Read from the start (a reload): the card is folded where it was, and one card is live.
    const all = await getActivities(h.app, chat);
    expect(all.activities.filter((a) => a.id === card.id)).toHaveLength(1);
    const live = shown(all.activities).filter((a) => submits(a).some((d) => String(d.action).startsWith('dialog.')));
    expect(live).toHaveLength(1);
    expect(live[0]!.id).not.toBe(card.id);

    // Typing instead of clicking passes the live card over too.
    await postActivity(h.app, chat, message(alex, 'additional device'));
    const typed = await getActivities(h.app, chat, next.watermark);
    expect(typed.activities.find((a) => a.id === live[0]!.id)).toMatchObject({ channelData: { answered: true } });
  });

  it('When a notification reaches a person whose chat is closed, then the next chat they open shows it first, then the welcome, and it is not shown twice', async () => {
    // Marcus's chat was open a minute ago and nobody has read it since: he switched person.
    const old = await openChat(h.app, marcus);
    await getActivities(h.app, old);
    await h.deps.store.transaction((repos) => repos.directline.touchConversation(old.conversationId, { now: Date.now() - 60_000 }));
    await h.deps.notifier.notify(marcus, [{ kind: 'text', text: 'REQ-4242 was fulfilled: your laptop is at the service desk' }]);

    const next = await openChat(h.app, marcus);
    const set = await getActivities(h.app, next);
    expect(set.activities.map((a) => a.text)).toEqual(['REQ-4242 was fulfilled: your laptop is at the service desk', expect.stringMatching(/^Hello Marcus/)]);
    const again = await getActivities(h.app, await openChat(h.app, marcus));
    expect(again.activities.map((a) => a.text)).toEqual([expect.stringMatching(/^Hello Marcus/)]);
  });

  it('When a notification lands in an open chat that closes before it is read, then the next chat shows it', async () => {
    const open = await openChat(h.app, sam);
    await getActivities(h.app, open);
    await h.deps.notifier.notify(sam, [{ kind: 'text', text: 'REQ-5151 was approved by Dana Lee' }]);
    // Delivered to the open chat, which nobody reads again: the person switched away.
    await expect.poll(async () => JSON.stringify(await h.deps.store.read.directline.latestActivities(open.conversationId, 5))).toContain('REQ-5151');

    const next = await getActivities(h.app, await openChat(h.app, sam));
    expect(next.activities.map((a) => a.text)).toEqual(['REQ-5151 was approved by Dana Lee', expect.stringMatching(/^Hello Sam/)]);
  });
  it('When many triage items queued for an agent while no chat of theirs was open, then their next chat says how many and shows only the newest three', async () => {
    const agent = 'carlos.mendes@example.com';
    for (let i = 1; i <= 6; i += 1) {
      await h.deps.notifier.notify(agent, [
        { kind: 'triage', triageId: `t-${i}`, requester: 'Sam Patel', text: `Unplaced message ${i}`, candidates: [], transcript: [] },
      ]);
    }
    const set = await getActivities(h.app, await openChat(h.app, agent));
    const texts = set.activities.map((a) => String(a.text ?? cardOf(a)?.fallbackText ?? ''));
    expect(texts).toEqual([
      expect.stringMatching(/^6 messages came into the triage queue/),
      'Needs triage: Unplaced message 4',
      'Needs triage: Unplaced message 5',
      'Needs triage: Unplaced message 6',
      expect.stringMatching(/^Hello Carlos/),
    ]);
  });
});
