import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getActivities, message, postActivity, startApp, startConversation, submits, type ActivitySet, type Conversation, type WebChatHarness } from './webchat-harness.js';

const requester = 'nina.petrova@example.com';
const manager = 'marcus.chen@example.com';

/** What the requester picks when a question card asks for a field. */
const answers: Record<string, string> = {
  model: 'macbook-air-13',
  reason: 'additional',
  'delivery-location': 'London office, 3rd floor',
  'asset-tag': 'unknown',
  justification: 'My current laptop cannot run the finance models any more.',
};

describe('A request made in the web chat reaches the approver in theirs', () => {
  let h: WebChatHarness;
  beforeAll(async () => { h = await startApp(); });
  afterAll(async () => { await h.close(); });

  async function botSays(c: Conversation, watermark: string, text: string | Record<string, unknown>): Promise<ActivitySet> {
    const activity = typeof text === 'string' ? message(requester, text) : { type: 'message', from: { id: requester }, value: text };
    const res = await postActivity(h.app, c, activity);
    expect(res.statusCode).toBe(200);
    return getActivities(h.app, c, watermark);
  }

  it('When the requester answers the cards and confirms, then the manager gets an approval card and approving it is acknowledged', async () => {
    const managerChat = await startConversation(h.app);
    await postActivity(h.app, managerChat, { ...message(manager, 'hello'), from: { id: manager } });
    const managerBefore = await getActivities(h.app, managerChat);

    const chat = await startConversation(h.app);
    let set = await botSays(chat, '', 'I need a new laptop');
    let number: string | undefined;
    for (let step = 0; step < 10 && !number; step += 1) {
      const bot = set.activities.filter((a) => a.from.role === 'bot');
      const data = bot.flatMap(submits);
      const confirm = data.find((d) => d.action === 'dialog.confirm');
      const question = data.find((d) => d.action === 'dialog.answer' && typeof d.fieldId === 'string');
      if (confirm) set = await botSays(chat, set.watermark, confirm);
      else if (question) {
        const fieldId = question.fieldId as string;
        expect(Object.keys(answers), `an answer for ${fieldId}`).toContain(fieldId);
        set = await botSays(chat, set.watermark, { ...question, answer: answers[fieldId] });
      } else throw new Error(`The bot asked nothing answerable: ${JSON.stringify(bot)}`);
      number = set.activities.map((a) => String(a.text ?? '')).join(' ').match(/REQ-\d+/)?.[0];
    }
    expect(number).toMatch(/^REQ-\d+$/);

    await expect.poll(async () => JSON.stringify((await getActivities(h.app, managerChat, managerBefore.watermark)).activities)).toContain(number!);
    const delivered = (await getActivities(h.app, managerChat, managerBefore.watermark)).activities;
    const approve = delivered.flatMap(submits).find((d) => d.action === 'approval.approve');
    expect(approve).toMatchObject({ approvalId: expect.any(String) });
    expect(delivered.every((a) => a.from.role === 'bot')).toBe(true);

    const afterCard = await getActivities(h.app, managerChat, managerBefore.watermark);
    const res = await postActivity(h.app, managerChat, { type: 'message', from: { id: manager }, value: approve });
    expect(res.statusCode).toBe(200);
    const ack = await getActivities(h.app, managerChat, afterCard.watermark);
    const ackText = ack.activities.filter((a) => a.from.role === 'bot').map((a) => String(a.text ?? '')).join(' ');
    expect(ackText).toMatch(new RegExp(`approved ${number}`, 'i'));
    // The approval card changes in place: the same id again, decided, no second card.
    const original = delivered.find((a) => submits(a).some((d) => d.action === 'approval.approve'))!;
    const cards = ack.activities.filter((a) => JSON.stringify(a.attachments ?? []).includes(number!));
    expect(cards.map((a) => a.id)).toEqual([original.id]);
    expect(JSON.stringify(cards[0])).toMatch(/Approved by Marcus Chen/);
    expect(submits(cards[0]!)).toEqual([]);

    const request = await h.app.inject({ method: 'GET', url: `/api/v1/requests/${number}`, headers: { 'x-frontdoor-person': requester } });
    expect(request.statusCode).toBe(200);
    expect(request.json()).toMatchObject({ number, requestTypeId: 'laptop', channel: 'webchat', fields: { model: 'macbook-air-13' } });
    expect((request.json() as { status: string }).status).toMatch(/^(approved|in_fulfilment|fulfilled)$/);
  });
});
