import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  cardOf,
  personalActivity,
  personalChatOf,
  postActivity,
  say,
  startTeamsApp,
  textOf,
  users,
  type TeamsHarness,
  type TeamsUser,
} from './teams-harness.js';

type Card = Record<string, unknown>;

/** The card of a task module's `continue` answer. */
function dialogCard(body: Record<string, unknown>): Card {
  const task = body.task as { type: string; value: { card: { content: Card } } };
  expect(task.type).toBe('continue');
  return task.value.card.content;
}

const inputsOf = (card: Card) => (card.body as Array<Record<string, unknown>>).filter((e) => String(e.type).startsWith('Input.'));
const errorsOf = (card: Card) => (card.body as Array<Record<string, unknown>>).filter((e) => e.color === 'Attention').map((e) => String(e.text));

describe('Commands as text and the whole form as one card in a Teams dialog', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsApp();
  });
  afterAll(async () => {
    await h.close();
  });

  const task = (user: TeamsUser, name: 'task/fetch' | 'task/submit', data: Record<string, unknown>) =>
    postActivity(h.app, personalActivity(h.connector, user, { type: 'invoke', name, value: { data, context: { theme: 'default' } } }));

  it('When Sam says "new request" and fills the form, then missing and wrong answers come back in the card and a complete one is submitted', async () => {
    await say(h, users.sam, 'new request');
    const offered = h.connector.posted(personalChatOf(users.sam)).at(-1)!;
    const button = actionsOf(cardOf(offered.body!)).find((a) => a.title === 'New request');
    expect(button?.data).toMatchObject({ msteams: { type: 'task/fetch' } });

    const picker = dialogCard((await task(users.sam, 'task/fetch', button!.data as Record<string, unknown>)).json());
    const types = inputsOf(picker)[0]!;
    expect(types).toMatchObject({ type: 'Input.ChoiceSet', id: 'requestTypeId', style: 'filtered', isRequired: true });
    expect((types.choices as Array<{ value: string }>).map((c) => c.value)).toContain('laptop');

    const form = dialogCard((await task(users.sam, 'task/submit', { step: 'pick', requestTypeId: 'laptop' })).json());
    expect(form).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const ids = inputsOf(form).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['model', 'reason', 'delivery-location']));
    expect(inputsOf(form).find((i) => i.id === 'model')).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });

    // The server checks again: a model that is not offered and a missing reason are shown under their fields.
    const wrong = dialogCard(
      (await task(users.sam, 'task/submit', { step: 'form', requestTypeId: 'laptop', model: 'no-such-model', 'delivery-location': 'Desk 4' })).json(),
    );
    expect(errorsOf(wrong).length).toBeGreaterThanOrEqual(2);
    expect(inputsOf(wrong).find((i) => i.id === 'delivery-location')?.value).toBe('Desk 4');
    expect(await h.deps.store.read.channelConversations.find('teams', 'sam.patel@example.com')).toBeDefined();

    const done = await task(users.sam, 'task/submit', {
      step: 'form',
      requestTypeId: 'laptop',
      model: 'macbook-air-13',
      reason: 'additional',
      'delivery-location': 'Desk 4',
      justification: 'For the new training room.',
    });
    const answer = done.json() as { task: { type: string; value: string } };
    expect(answer.task.type).toBe('message');
    const number = answer.task.value.match(/REQ-\d+/)?.[0];
    expect(number, answer.task.value).toBeDefined();
    expect(textOf(h.connector.posted(personalChatOf(users.sam)))).toContain(`Submitted ${number}`);

    // "status REQ-n" as text.
    await say(h, users.sam, `status ${number}`);
    expect(textOf(h.connector.posted(personalChatOf(users.sam)).slice(-2))).toContain(number);
  });

  it('When Dana says "my approvals", "help" or "my requests" as text, then each is answered in her chat', async () => {
    await say(h, users.dana, 'my approvals');
    const posted = h.connector.posted(personalChatOf(users.dana));
    expect(posted.length).toBeGreaterThan(0);
    for (const command of ['help', 'my requests']) {
      const before = h.connector.posted(personalChatOf(users.dana)).length;
      await say(h, users.dana, command);
      expect(h.connector.posted(personalChatOf(users.dana)).length).toBeGreaterThan(before);
    }
  });
});
