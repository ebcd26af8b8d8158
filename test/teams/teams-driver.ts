import { expect } from 'vitest';
import type { ConnectorCall } from '../support/fake-bot-connector.js';
import { actionsOf, cardOf, personalChatOf, say, shown, submit, textOf, type TeamsHarness, type TeamsUser } from './teams-harness.js';

export const dataOf = (action: Record<string, unknown>) => (action.data ?? {}) as Record<string, unknown>;

/** The field a question card asks, from its buttons' data. */
function fieldOf(call: ConnectorCall): string | undefined {
  for (const action of actionsOf(cardOf(call.body ?? {}))) {
    const fieldId = dataOf(action).fieldId;
    if (typeof fieldId === 'string') return fieldId;
  }
  return undefined;
}

export const hasSubmit = (call: ConnectorCall, id: string) => actionsOf(cardOf(call.body ?? {})).some((a) => dataOf(a).action === id);
export const hasVerb = (card: Record<string, unknown> | undefined, verb: string) => actionsOf(card).some((a) => a.type === 'Action.Execute' && a.verb === verb);

/** Plays the requester through the question cards and the summary until a request number comes back. */
export async function requestInTeams(h: TeamsHarness, user: TeamsUser, first: string, answers: Record<string, string>): Promise<string> {
  const chat = personalChatOf(user);
  const before = h.connector.posted(chat).length;
  expect((await say(h, user, first)).statusCode).toBe(200);
  await h.settle();
  for (let step = 0; step < 12; step += 1) {
    const messages = h.connector.posted(chat).slice(before);
    const number = textOf(messages).match(/REQ-\d+/)?.[0];
    if (number) return number;
    const latest = messages.at(-1)!;
    if (hasSubmit(latest, 'dialog.confirm')) {
      const requestTypeId = dataOf(actionsOf(cardOf(latest.body!)).find((a) => dataOf(a).action === 'dialog.confirm')!).requestTypeId;
      await submit(h, user, latest, { action: 'dialog.confirm', requestTypeId });
    } else {
      const fieldId = fieldOf(latest);
      expect(fieldId, `a question in ${shown(latest.body ?? {})}`).toBeDefined();
      expect(Object.keys(answers), `an answer for ${fieldId}`).toContain(fieldId);
      await submit(h, user, latest, { action: 'dialog.answer', fieldId, answer: answers[fieldId!] });
    }
    await h.settle();
  }
  throw new Error(`no request number: ${textOf(h.connector.posted(chat))}`);
}

export function approvalCardInTeams(h: TeamsHarness, user: TeamsUser, number: string): ConnectorCall {
  const card = h.connector.posted(personalChatOf(user)).find((m) => hasVerb(cardOf(m.body!), 'approval.approve') && shown(m.body!).includes(number));
  expect(card, `an approval card for ${number} in ${user.name}'s chat`).toBeDefined();
  return card!;
}
