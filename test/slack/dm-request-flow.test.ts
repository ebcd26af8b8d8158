import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, buttonValues, click, current, elementsOf, posted, say, type PostedMessage } from './slack-driver.js';
import { startSlackApp, type SlackHarness } from './slack-harness.js';
import { postInteraction } from './slack-harness.js';
import { blockAction } from './slack-driver.js';

/** The field a question message asks, from its buttons' values or its input's block_id. */
function fieldOf(message: PostedMessage): string | undefined {
  for (const { block, element } of elementsOf(message)) {
    const fromValue = buttonValues(element).fieldId;
    if (typeof fromValue === 'string') return fromValue;
    try {
      const fromBlock = (JSON.parse(block.block_id ?? '{}') as { fieldId?: unknown }).fieldId;
      if (typeof fromBlock === 'string') return fromBlock;
    } catch { /* not one of ours */ }
  }
  return undefined;
}

const hasAction = (message: PostedMessage, id: string) => elementsOf(message).some((e) => e.element.action_id?.replace(/#\d+$/, '') === id);
const textOf = (messages: PostedMessage[]) => messages.map((m) => `${m.text} ${JSON.stringify(m.blocks)}`).join('\n');

describe('Requests made in a Slack DM, approved in the approvers\' DMs', () => {
  let h: SlackHarness;
  beforeAll(async () => { h = await startSlackApp(); });
  afterAll(async () => { await h.close(); });

  /** Plays the requester through questions and the summary until a request number comes back. */
  async function request(user: string, first: string, answers: Record<string, string>): Promise<string> {
    const dm = `D${user}`;
    const before = posted(h.slack.calls, dm).length;
    await say(h.app, user, first);
    await h.settle();
    for (let step = 0; step < 12; step += 1) {
      const messages = posted(h.slack.calls, dm).slice(before);
      const number = textOf(messages).match(/REQ-\d+/)?.[0];
      if (number) return number;
      const latest = messages.at(-1)!;
      if (hasAction(latest, 'dialog.confirm')) await click(h.app, user, latest, 'dialog.confirm');
      else {
        const fieldId = fieldOf(latest);
        expect(fieldId, `a question in ${JSON.stringify(latest)}`).toBeDefined();
        expect(Object.keys(answers), `an answer for ${fieldId}`).toContain(fieldId);
        await answer(h.app, user, latest, answers[fieldId!]!);
      }
      await h.settle();
    }
    throw new Error(`no request number: ${textOf(posted(h.slack.calls, dm))}`);
  }

  function approvalCardIn(dm: string, number: string): PostedMessage {
    const card = posted(h.slack.calls, dm).find((m) => hasAction(m, 'approval.approve') && m.text.includes(number));
    expect(card, `an approval card for ${number} in ${dm}`).toBeDefined();
    return card!;
  }

  it('When Nina asks for a laptop in her DM and Marcus approves in his, then every copy of the card shows the outcome and Nina is told', async () => {
    const number = await request('UNINA', 'I need a new laptop', {
      model: 'macbook-air-13', reason: 'additional', 'delivery-location': 'London office, 3rd floor', 'asset-tag': 'unknown',
      justification: 'My current laptop cannot run the finance models any more.',
    });

    // Answered questions lost their buttons: each was updated to show the answer.
    const questions = posted(h.slack.calls, 'DUNINA').filter((m) => hasAction(m, 'dialog.answer') || hasAction(m, 'dialog.confirm'));
    expect(questions.length).toBeGreaterThan(1);
    for (const q of questions) expect(elementsOf(current(h.slack.calls, q)), `question ${q.text} still has buttons`).toEqual([]);

    const card = approvalCardIn('DUMARCUS', number);
    expect(await click(h.app, 'UMARCUS', card, 'approval.approve')).toBe(200);
    await h.settle();

    const shown = current(h.slack.calls, card);
    expect(elementsOf(shown)).toEqual([]);
    expect(shown.text).toMatch(/approved/i);
    expect(JSON.stringify(shown.blocks)).toContain('Marcus Chen');
    expect(textOf(posted(h.slack.calls, 'DUMARCUS'))).toMatch(new RegExp(`Approved ${number}`));
    expect(textOf(posted(h.slack.calls, 'DUNINA'))).toMatch(new RegExp(`${number}[^\\n]*approved by Marcus Chen`));

    const nina = (await h.deps.directory.findByEmail('nina.petrova@example.com'))!;
    const [line] = await h.deps.lifecycle.status(nina, { number });
    expect(line?.status).not.toMatch(/awaiting approval/i);
    expect(h.slack.of('views.publish').some((c) => c.args.user_id === 'UNINA')).toBe(true);
  });

  it('When someone else clicks the approval, or Marcus clicks twice, then only Marcus decides, once', async () => {
    const number = await request('UNINA', 'I need write access to GitHub', {
      system: 'github', level: 'write', 'end-date': 'skip', justification: 'I review the finance integration code every week.',
    });
    const card = approvalCardIn('DUMARCUS', number);
    const marcus = (await h.deps.directory.findByEmail('marcus.chen@example.com'))!;

    // Dana is not the approver of this stage: refused, nothing changes.
    const block = elementsOf(card).find((e) => e.element.action_id === 'approval.approve')!;
    const forged = blockAction('UDANA', { ...card, channel: 'DUDANA' }, block.block, block.element);
    expect((await postInteraction(h.app, forged)).statusCode).toBe(200);
    await h.settle();
    expect(textOf(posted(h.slack.calls, 'DUDANA'))).toMatch(/assigned to Marcus Chen/);
    expect((await h.deps.lifecycle.pendingApprovals(marcus)).map((a) => a.requestNumber)).toContain(number);
    expect(h.slack.calls.filter((c) => c.method === 'chat.update' && c.args.ts === card.ts)).toEqual([]);

    // A double click: two deliveries of the same click, one decision.
    const told = () => posted(h.slack.calls, 'DUNINA').filter((m) => m.text.includes(number) && /approved by Marcus/i.test(m.text)).length;
    const codes = await Promise.all([click(h.app, 'UMARCUS', card, 'approval.approve'), click(h.app, 'UMARCUS', card, 'approval.approve')]);
    expect(codes).toEqual([200, 200]);
    await h.settle();
    expect(told()).toBe(1);
    expect(h.slack.calls.filter((c) => c.method === 'chat.update' && c.args.ts === card.ts)).toHaveLength(1);
    expect(textOf(posted(h.slack.calls, 'DUMARCUS'))).toMatch(/Already approved by Marcus Chen/);

    // The system owner's stage follows; Dana approves it in her DM.
    const ownerCard = approvalCardIn('DUDANA', number);
    await click(h.app, 'UDANA', ownerCard, 'approval.approve');
    await h.settle();
    expect(elementsOf(current(h.slack.calls, ownerCard))).toEqual([]);
    expect(textOf(posted(h.slack.calls, 'DUNINA'))).toMatch(new RegExp(`${number}[^\\n]*approved by Dana Lee`));
    const nina = (await h.deps.directory.findByEmail('nina.petrova@example.com'))!;
    const [line] = await h.deps.lifecycle.status(nina, { number });
    expect(line?.status).not.toMatch(/awaiting approval/i);
  });
});
