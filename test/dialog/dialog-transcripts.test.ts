import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actions, openHarness, play, question, summary, type Harness, type Transcript } from '../conversation/engine-harness.js';

let h: Harness;
beforeAll(async () => { h = await openHarness(); });
afterAll(async () => { await h.dispose(); });

async function requestNumbered(email: string, text: string): Promise<string> {
  const match = /REQ-\d+/.exec(text);
  expect(match, text).not.toBeNull();
  const [line] = await h.deps.lifecycle.status(await h.person(email), { number: match![0] });
  expect(line?.number).toBe(match![0]);
  return match![0];
}

const transcripts: Transcript[] = [
  {
    name: 'When the first message names the product, then the product question is skipped',
    person: 'sam.patel@example.com',
    steps: [
      ['I need Photoshop', 'What will you use it for?'],
      ['Editing product photos for the spring campaign', 'By when do you need it?'],
      ['skip', 'Product: Adobe Photoshop'],
      [{ click: Actions.confirm }, /REQ-\d+/],
    ],
    expected: async (harness, replies) => {
      const number = await requestNumbered('sam.patel@example.com', replies.map((r) => (r.kind === 'text' ? r.text : '')).join(' '));
      const stored = await harness.deps.store.read.requests.findByNumber(Number(number.slice('REQ-'.length)));
      expect(stored).toMatchObject({ requestTypeId: 'software', requesterId: 'sam.patel@example.com', fields: { product: 'adobe-photoshop', justification: 'Editing product photos for the spring campaign' } });
    },
  },
  {
    name: 'When a lookup answer has a typo, then it still matches; a short justification is asked again',
    person: 'alex.kim@example.com',
    steps: [
      ['I want some software installed', 'Which software do you need?'],
      ['photshop', 'What will you use it for?'],
      ['fun', 'at least 10 characters'],
      ['Retouching screenshots for the docs site', 'By when do you need it?'],
      ['2020-01-01', 'in the past'],
      ['not a date at all', 'Please give a date'],
      [`${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}`, 'Needed by:'],
    ],
  },
  {
    name: 'When the device is a laptop replacement, then the asset tag is asked (showWhen) and checked against its pattern',
    person: 'ethan.brooks@example.com',
    steps: [
      ['I want to order a laptop', 'Which device do you need?'],
      ['dell latitude', 'replacement, an upgrade, or an additional device'],
      ['replacement', 'asset tag'],
      ['12345', 'An asset tag looks like LT-10234'],
      ['LT-10234', 'Where should we deliver it?'],
      ['', 'Current asset tag: LT-10234'],
    ],
    expected: (_h, replies) => { expect(summary(replies).fields.map((f) => f.label)).toEqual(['Device', 'Reason', 'Current asset tag', 'Delivery location']); },
  },
  {
    name: 'When the device is an additional monitor, then no asset tag is asked',
    person: 'sofia.rossi@example.com',
    steps: [
      ['I want to order a laptop', 'Which device do you need?'],
      ['monitor', 'replacement, an upgrade'],
      ['additional', 'Where should we deliver it?'],
      ['keep', 'Summary Laptop or other hardware'],
    ],
    expected: (_h, replies) => { expect(summary(replies).fields.map((f) => f.fieldId)).not.toContain('asset-tag'); },
  },
  {
    name: 'When the prefilled office is kept, then the summary shows it; yes-no answers are understood',
    person: 'sam.patel@example.com',
    steps: [
      ['I need a work phone', 'Which phone would you like?'],
      ['pixel', 'first work phone or a replacement'],
      ['first', 'international roaming'],
      ['maybe', 'Please answer yes or no'],
      ['no', (replies) => { expect(question(replies).value).toBe('Berlin'); }],
      ['keep', 'Delivery location: Berlin'],
    ],
    expected: (_h, replies) => { expect(summary(replies).fields.find((f) => f.fieldId === 'roaming')?.value).toBe('No'); },
  },
  {
    name: 'When the prefilled office is changed, then the new value is used',
    person: 'alex.kim@example.com',
    steps: [
      ['I need a work phone', 'Which phone would you like?'],
      [{ click: Actions.answer, values: { fieldId: 'model', answer: 'galaxy-a55' } }, 'first work phone'],
      ['replacement', 'roaming'],
      [{ click: Actions.answer, values: { fieldId: 'roaming', answer: 'yes' } }, 'Where should we deliver it?'],
      ['Home: 4 Elm Street, Berlin', 'Delivery location: Home: 4 Elm Street, Berlin'],
    ],
  },
  {
    name: 'When the person says back, then the previous question comes again with the earlier answer offered',
    person: 'jordan.rivera@example.com',
    steps: [
      ['I need a work phone', 'Which phone would you like?'],
      ['iphone', 'first work phone'],
      ['back', (replies) => { expect(question(replies).fieldId).toBe('model'); expect(question(replies).value).toBe('iphone-15'); }],
      ['samsung', 'first work phone'],
      ['first', 'roaming'],
      ['yes', 'Where should we deliver'],
      ['keep', 'Phone: Samsung Galaxy A55'],
    ],
  },
  {
    name: 'When an answer is changed from the summary, then only that question is asked and the summary returns',
    person: 'chloe.martin@example.com',
    steps: [
      ['I need a work phone', 'Which phone would you like?'],
      ['pixel', 'first work phone'],
      ['first', 'roaming'],
      ['no', 'Where should we deliver'],
      ['keep', 'Summary Mobile phone'],
      [{ click: Actions.change, values: { fieldId: 'roaming' } }, 'roaming'],
      ['yes', 'International roaming: Yes'],
      ['change phone', 'Which phone would you like?'],
      ['sim only', 'Phone: SIM only'],
      ['change', 'Which answer would you like to change?'],
      ['back', 'Summary Mobile phone'],
    ],
  },
  {
    name: 'When the person asks for help mid-dialog, then the field help comes with the question again',
    person: 'ben.walker@example.com',
    steps: [
      ['I need access to a system', 'Which application or shared folder'],
      ['help', 'Type its name, e.g. "finance share"'],
      ['github', 'What level of access do you need?'],
    ],
  },
  {
    name: 'When the person cancels mid-dialog, then nothing is sent and the dialog ends as cancelled',
    person: 'lena.novak@example.com',
    steps: [
      ['I need a work phone', 'Which phone would you like?'],
      ['cancel', 'cancelled'],
      ['pixel', /.+/],
    ],
    expected: async () => { expect((await h.deps.lifecycle.status(await h.person('lena.novak@example.com'), {})).length).toBe(0); },
  },
  {
    name: 'When the chosen product has no free licence, then the product is asked again with the reason',
    person: 'sam.patel@example.com',
    steps: [
      ['I need software', 'Which software do you need?'],
      ['sketch', 'What will you use it for?'],
      ['Wireframes for the mobile app redesign', 'By when'],
      ['skip', 'no free Sketch licences'],
      ['figma', 'Product: Figma'],
    ],
    expected: (_h, replies) => { expect(summary(replies).fields.find((f) => f.fieldId === 'needed-by')).toBeUndefined(); },
  },
  {
    name: 'When a person who is not a manager asks for onboarding, then they are told at once',
    person: 'sam.patel@example.com',
    steps: [['I need to onboard a new joiner', 'Only people managers can start an onboarding request']],
    expected: (_h, replies) => { expect(replies.some((r) => r.kind === 'question')).toBe(false); },
  },
  {
    name: 'When a person is named for a person field, then the directory resolves them',
    person: 'dana.lee@example.com',
    steps: [
      ['add me to a distribution list', 'Which distribution list'],
      ['sales-emea', 'added or removed'],
      ['add', (replies) => { expect(question(replies).value).toBe('dana.lee@example.com'); }],
      ['nobody-here@example.com', 'could not find'],
      ['Alex Kim', 'The owner sees your answer'],
      ['skip', 'Member: alex.kim@example.com'],
    ],
  },
  {
    name: 'When a date is typed in words, then it is understood as a calendar date in the future',
    person: 'ethan.brooks@example.com',
    steps: [
      ['I need access to GitHub', 'What level of access do you need?'],
      ['read only', 'Until when do you need it?'],
      ['next monday', 'Why do you need this access?'],
      ['To review pull requests for the data team', (replies) => {
        const until = summary(replies).fields.find((f) => f.fieldId === 'end-date')?.value ?? '';
        expect(until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${until}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(until > new Date().toISOString().slice(0, 10)).toBe(true);
      }],
    ],
  },
  {
    name: 'When the person asks for a human in their own words mid-dialog, then the classifier hands it off',
    person: 'jordan.rivera@example.com',
    steps: [
      ['I need a work phone', 'Which phone would you like?'],
      ["I'd like to speak with a human being", 'passed this to the service desk'],
    ],
  },
  {
    name: 'When the person is puzzled mid-dialog, then the classifier\'s help intent explains and asks again',
    person: 'alex.kim@example.com',
    steps: [
      ['I need a work phone', 'Which phone would you like?'],
      ['what do you mean', 'say "back" for the previous question'],
    ],
  },
];

describe('dialog transcripts', () => {
  for (const transcript of transcripts) {
    it(transcript.name, async () => { await play(h, transcript); });
  }

  it('When a dialog is submitted, cancelled or handed off, then dialog_outcomes records each ending', async () => {
    const chat = h.chat('priya.raman@example.com', 'outcomes');
    await chat.say('I need a work phone');
    await chat.say('cancel');
    await chat.say('I need a work phone');
    await chat.say('talk to a person');
    await chat.say('I need a work phone');
    await chat.say('iphone pro');
    await chat.say('first');
    await chat.say('yes');
    await chat.say('keep');
    await chat.click(Actions.confirm);
    await chat.say('I need a work phone');
    const rows = await h.deps.store.read.dialogOutcomes.ofConversation('webchat:outcomes');
    expect(rows.map((r) => r.outcome)).toEqual(['cancelled', 'handed-off', 'submitted', null]);
    expect(rows.every((r) => r.requestTypeId === 'mobile-phone' && r.personId === 'priya.raman@example.com')).toBe(true);
  });
});
