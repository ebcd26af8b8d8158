import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { current, elementsOf, posted } from '../slack/slack-driver.js';
import { startSlackApp, type SlackHarness } from '../slack/slack-harness.js';
import { getActivities, message, postActivity, startConversation, type ActivitySet, type Conversation } from '../webchat/webchat-harness.js';

const marcusEmail = 'marcus.chen@example.com';

/** The web chat activities that show an approval card for `number`. */
function approvalCardsOf(set: ActivitySet, number: string): ActivitySet['activities'] {
  return set.activities.filter((a) => a.from.role === 'bot' && JSON.stringify(a.attachments ?? []).includes(number) && JSON.stringify(a.attachments ?? []).includes('Approval'));
}

describe('a card changed while copies of it sit in Slack and in the web chat', () => {
  let h: SlackHarness;
  let number: string;
  let approvalId: string;
  let webchat: Conversation;
  beforeAll(async () => {
    h = await startSlackApp();
    const nina = (await h.deps.directory.findByEmail('nina.petrova@example.com'))!;
    number = (await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: nina, channel: 'api', fields: { model: 'macbook-air-13', reason: 'additional', 'delivery-location': 'London office' } })).number;
    await h.settle();
    // Marcus also asks for his approvals in the web chat: a second copy of the card.
    webchat = await startConversation(h.app);
    expect((await postActivity(h.app, webchat, message(marcusEmail, 'show my pending approvals'))).statusCode).toBe(200);
    const marcus = (await h.deps.directory.findByEmail(marcusEmail))!;
    approvalId = (await h.deps.lifecycle.pendingApprovals(marcus)).find((a) => a.requestNumber === number)!.approvalId;
  });
  afterAll(async () => { await h.close(); });

  it('When the card reached both channels, then each holds an open copy of it', async () => {
    expect(posted(h.slack.calls, 'DUMARCUS').filter((m) => m.text.includes(number))).toHaveLength(1);
    expect(approvalCardsOf(await getActivities(h.app, webchat), number)).toHaveLength(1);
    expect((await h.deps.store.read.channelMessages.about('slack', 'approval', approvalId)).map((c) => c.open)).toEqual([true]);
    expect(await h.deps.store.read.channelMessages.about('webchat', 'approval', approvalId)).toEqual([
      expect.objectContaining({ channel: 'webchat', place: webchat.conversationId, personId: marcusEmail, requestNumber: number, open: true }),
    ]);
  });

  it('When Marcus approves through the API, then the Slack copy and the web chat copy both show the decision without buttons', async () => {
    const slackCard = posted(h.slack.calls, 'DUMARCUS').find((m) => m.text.includes(number))!;
    const before = await getActivities(h.app, webchat);
    const marcus = (await h.deps.directory.findByEmail(marcusEmail))!;
    await h.deps.lifecycle.decide({ approvalId, actor: marcus, decision: 'approve', channel: 'api' });
    await h.settle();

    const shown = current(h.slack.calls, slackCard);
    expect(elementsOf(shown)).toEqual([]);
    expect(shown.text).toMatch(/approved/i);

    const after = await getActivities(h.app, webchat);
    // Updated in place: the transcript has as many activities as before, the card keeps its id.
    expect(after.activities.map((a) => a.id)).toEqual(before.activities.map((a) => a.id));
    const [webCard] = approvalCardsOf(after, number);
    const webCardBefore = approvalCardsOf(before, number)[0]!;
    expect(webCard!.id).toBe(webCardBefore.id);
    expect(webCard!.timestamp).toBe(webCardBefore.timestamp);
    expect(webCard!.replyToId).toBe(webCardBefore.replyToId);
    expect(JSON.stringify(webCard!.attachments)).toMatch(/Approved by Marcus Chen/);
    expect(JSON.stringify(webCard!.attachments)).not.toContain('Action.Submit');

    for (const channel of ['slack', 'webchat']) {
      expect((await h.deps.store.read.channelMessages.about(channel, 'approval', approvalId)).map((c) => ({ open: c.open, outcome: (c.reply as { outcome?: unknown }).outcome }))).toEqual([
        { open: false, outcome: { decision: 'approved', by: 'Marcus Chen' } },
      ]);
    }
  });

  it('When the card change is delivered again, then no copy is updated twice', async () => {
    const updates = h.slack.of('chat.update').length;
    const marcus = (await h.deps.directory.findByEmail(marcusEmail))!;
    await expect(h.deps.lifecycle.decide({ approvalId, actor: marcus, decision: 'approve', channel: 'api' })).rejects.toThrow(/Already approved/);
    await h.settle();
    expect(h.slack.of('chat.update')).toHaveLength(updates);
  });
});
