import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  cardOf,
  execute,
  personalActivity,
  personalChatOf,
  postActivity,
  shown,
  startTeamsApp,
  textOf,
  users,
  type TeamsHarness,
  type TeamsUser,
} from './teams-harness.js';
import { approvalCardInTeams, dataOf, hasSubmit, hasVerb, requestInTeams } from './teams-driver.js';

describe('Requests made in a Teams personal chat, approved with Universal Actions', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsApp();
    // Approvers installed the app: their chats are known before anyone asks them anything.
    for (const user of [users.marcus, users.dana]) {
      const installed = await postActivity(h.app, personalActivity(h.connector, user, { type: 'installationUpdate', action: 'add' }));
      expect(installed.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await h.close();
  });

  const request = (user: TeamsUser, first: string, answers: Record<string, string>) => requestInTeams(h, user, first, answers);
  const approvalCardIn = (user: TeamsUser, number: string) => approvalCardInTeams(h, user, number);

  it('When Nina asks for a laptop and Marcus approves with Action.Execute, then the invoke returns the decided card, every copy shows it and Nina is told', async () => {
    expect(textOf(h.connector.posted(personalChatOf(users.marcus)))).toMatch(/I’m Frontdoor/);
    const number = await request(users.nina, 'I need a new laptop', {
      model: 'macbook-air-13',
      reason: 'additional',
      'delivery-location': 'London office, 3rd floor',
      'asset-tag': 'unknown',
      justification: 'My current laptop cannot run the finance models any more.',
    });

    // Questions were Adaptive Cards 1.5, full width; answered ones lost their buttons (updateActivity).
    const questions = h.connector.posted(personalChatOf(users.nina)).filter((m) => hasSubmit(m, 'dialog.answer') || hasSubmit(m, 'dialog.confirm'));
    expect(questions.length).toBeGreaterThan(1);
    for (const q of questions) {
      expect(cardOf(q.body!)).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
      const dropDowns = ((cardOf(q.body!)!.body as Array<Record<string, unknown>>) ?? []).filter((e) => e.type === 'Input.ChoiceSet' && e.style !== 'expanded');
      for (const d of dropDowns) expect(d.style).toBe('filtered');
      expect(actionsOf(cardOf(h.connector.current(q))), `question ${shown(q.body!)} still has buttons`).toEqual([]);
    }
    // A required text answer is checked in the card before it is sent (Input.Text isRequired, errorMessage).
    const textInputs = questions.flatMap((q) => ((cardOf(q.body!)!.body as Array<Record<string, unknown>>) ?? []).filter((e) => e.type === 'Input.Text'));
    expect(textInputs).toContainEqual(expect.objectContaining({ id: 'answer', isRequired: true, errorMessage: 'An answer is needed' }));

    const card = approvalCardIn(users.marcus, number);
    const sent = cardOf(card.body!)!;
    expect(sent.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'approval.refresh', data: expect.objectContaining({ approvalId: expect.any(String) }) },
      userIds: [users.marcus.aadObjectId],
    });
    const approvalId = dataOf(actionsOf(sent).find((a) => a.verb === 'approval.approve')!).approvalId;

    // Someone else refreshing sees the card without buttons; Marcus sees it live.
    const danaView = await execute(
      h,
      users.dana,
      card,
      'approval.refresh',
      { approvalId },
      { trigger: 'automatic', conversationId: personalChatOf(users.marcus) },
    );
    expect(actionsOf(danaView.json().value)).toEqual([]);
    const marcusView = await execute(h, users.marcus, card, 'approval.refresh', { approvalId }, { trigger: 'automatic' });
    expect(hasVerb(marcusView.json().value, 'approval.approve')).toBe(true);

    const decided = await execute(h, users.marcus, card, 'approval.approve', { approvalId });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(decided.json().value)).toMatch(/Approved by Marcus Chen/);
    expect(actionsOf(decided.json().value)).toEqual([]);
    await h.settle();

    const now = h.connector.current(card);
    expect(actionsOf(cardOf(now))).toEqual([]);
    expect(JSON.stringify(cardOf(now))).toContain('Marcus Chen');
    expect(textOf(h.connector.posted(personalChatOf(users.nina)))).toMatch(new RegExp(`${number}[^\\n]*approved by Marcus Chen`));
  });

  it("When Dana clicks Marcus's approval, or Marcus clicks a card already decided, then only Marcus decides, once", async () => {
    const number = await request(users.nina, 'I need write access to GitHub', {
      system: 'github',
      level: 'write',
      'end-date': 'skip',
      justification: 'I review the finance integration code every week.',
    });
    const card = approvalCardIn(users.marcus, number);
    const approvalId = dataOf(actionsOf(cardOf(card.body!)).find((a) => a.verb === 'approval.approve')!).approvalId;
    const marcus = (await h.deps.directory.findByEmail('marcus.chen@example.com'))!;

    const forged = await execute(h, users.dana, card, 'approval.approve', { approvalId });
    expect(forged.json()).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(forged.json().value).toMatch(/assigned to Marcus Chen/);
    expect((await h.deps.lifecycle.pendingApprovals(marcus)).map((a) => a.requestNumber)).toContain(number);

    // Deny without a reason is refused by the card (isRequired); with one, the reason shows on the card.
    const denied = await execute(h, users.marcus, card, 'approval.deny', { approvalId, comment: 'Read access is enough for reviews.' });
    expect(JSON.stringify(denied.json().value)).toMatch(/Denied by Marcus Chen/);
    expect(JSON.stringify(denied.json().value)).toContain('Read access is enough for reviews.');
    await h.settle();

    // A stale card: clicking again changes nothing and shows the decision.
    const stale = await execute(h, users.marcus, card, 'approval.approve', { approvalId });
    expect(JSON.stringify(stale.json().value)).toMatch(/Denied by Marcus Chen/);
    expect(actionsOf(stale.json().value)).toEqual([]);
    const puts = h.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === card.id);
    expect(puts).toHaveLength(1);
    expect(textOf(h.connector.posted(personalChatOf(users.nina)))).toMatch(new RegExp(`${number}[^\\n]*denied`, 'i'));
  });

  it('When an approval is decided through the API, then the Teams copy of the card is updated', async () => {
    const number = await request(users.nina, 'I need a new laptop', {
      model: 'macbook-air-13',
      reason: 'additional',
      'delivery-location': 'London office, 3rd floor',
      'asset-tag': 'unknown',
      justification: 'The second one is for the training room.',
    });
    const card = approvalCardIn(users.marcus, number);
    const approvalId = String(dataOf(actionsOf(cardOf(card.body!)).find((a) => a.verb === 'approval.approve')!).approvalId);
    const marcus = (await h.deps.directory.findByEmail('marcus.chen@example.com'))!;
    await h.deps.lifecycle.decide({ approvalId, actor: marcus, decision: 'approve', channel: 'api' });
    await h.settle();
    const now = h.connector.current(card);
    expect(actionsOf(cardOf(now))).toEqual([]);
    expect(JSON.stringify(cardOf(now))).toMatch(/Approved by Marcus Chen/);
  });
});
