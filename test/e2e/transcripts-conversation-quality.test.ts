import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from './e2e-harness.js';
import { describeTranscripts, expectSays, type Transcript } from './play-transcript.js';

/** The last day of next month, as the server's calendar (UTC in these tests) reads "the end of next month". */
function endOfNextMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0)).toISOString().slice(0, 10);
}

/**
 * Conversations that used to go wrong, each on a fresh app over Direct Line: a correction at
 * the summary that asked unchanged fields again, details in the first message asked again,
 * "me" not taken as a person, nothing allowed refused without a reason.
 */
const transcripts: Transcript[] = [
  {
    name: 'changing the device at the summary asks only the device; the asset tag and delivery stay as answered',
    requester: 'ethan.brooks@example.com',
    steps: [
      ['I need a new laptop', 'Which device do you need?'],
      ['dell', 'Is this a replacement, an upgrade, or an additional device?'],
      ['replacement', 'What is the asset tag'],
      ['LT-12345', 'Where should we deliver it?'],
      ['Leeds warehouse, bay 4', ['Device: Dell Latitude 7440', 'Current asset tag: LT-12345']],
      ['change the device', 'Which device do you need?'],
      [
        'macbook air',
        [
          'Device: MacBook Air 13"',
          'Reason: Replacement',
          'Current asset tag: LT-12345',
          'Delivery location: Leeds warehouse, bay 4',
          { not: 'What is the asset tag' },
          { not: 'Where should we deliver it?' },
        ],
      ],
      [{ click: 'Confirm' }, /REQ-\d+\. Waiting for Nina Petrova/],
    ],
    approvals: [],
    fulfil: {},
    expected: {
      status: 'awaiting_approval',
      fields: { model: 'macbook-air-13', reason: 'replacement', 'asset-tag': 'LT-12345', 'delivery-location': 'Leeds warehouse, bay 4' },
    },
  },
  {
    name: 'a product named with other words and a relative date in the first message are both taken',
    requester: 'maya.fischer@example.com',
    steps: [
      ['I need Figma for a design project by the end of next month', ['What will you use it for?', { not: 'Which software do you need?' }]],
      ['Prototyping the new onboarding flow', ['Product: Figma', { not: 'By when do you need it?' }]],
      [{ click: 'Confirm' }, /REQ-\d+/],
    ],
    approvals: [],
    fulfil: {},
    expected: {
      status: 'awaiting_approval',
      fields: { product: 'figma', justification: 'Prototyping the new onboarding flow', 'needed-by': endOfNextMonth() },
    },
  },
  {
    name: 'temporary access "until the end of next month" is not asked again',
    requester: 'zoe.turner@example.com',
    steps: [
      ['I need read access to the HR shared drive until the end of next month', ['Why do you need this access?', { not: 'Until when' }]],
      ['Preparing the annual policy review with Hannah', 'Application or folder: HR shared drive'],
      [{ click: 'Confirm' }, /REQ-\d+/],
    ],
    approvals: [],
    fulfil: {},
    expected: { status: 'awaiting_approval', fields: { system: 'hr-share', level: 'read', 'end-date': endOfNextMonth() } },
  },
  {
    name: '"me" as the member of a list is the requester',
    requester: 'oliver.grant@example.com',
    steps: [
      ['please add me to the design crit list', 'Who should be added or removed?'],
      ['me', ['The owner sees your answer', { not: 'could not find' }]],
      ['I present at the weekly critique now', ['Member: oliver.grant@example.com', 'Join or leave: Add']],
      [{ click: 'Confirm' }, /REQ-\d+/],
    ],
    approvals: [],
    fulfil: {},
    expected: { status: 'awaiting_approval', fields: { list: 'design-crit', action: 'add', member: 'oliver.grant@example.com' } },
  },
  {
    name: 'something not allowed in the first message is refused with the reason and an alternative, before any question',
    requester: 'alex.kim@example.com',
    steps: [
      [
        'please install BitTorrent on my work laptop',
        ['BitTorrent is not allowed here', 'OneDrive', { not: 'Which software do you need?' }, { not: 'I could not match' }],
      ],
    ],
    approvals: [],
    fulfil: {},
    expected: { status: 'none' },
  },
  {
    name: 'something not allowed typed as the answer is refused with the reason, and another product can still be chosen',
    requester: 'ethan.brooks@example.com',
    steps: [
      ['I need a software licence', 'Which software do you need?'],
      ['wetransfer', ['WeTransfer is not allowed here', 'company files must stay in our own storage', { not: 'I could not match' }]],
      ['acrobat pro', 'What will you use it for?'],
      ['Signing supplier contracts every week', 'By when do you need it?'],
      ['skip', 'Product: Adobe Acrobat Pro'],
      [{ click: 'Confirm' }, /REQ-\d+/],
    ],
    approvals: [],
    fulfil: {},
    expected: { status: 'awaiting_approval', fields: { product: 'adobe-acrobat-pro' } },
  },
  {
    name: 'a device the role cannot order is named as such, not taken as a cheaper one',
    requester: 'ethan.brooks@example.com',
    steps: [
      [
        'can I have the MacBook Pro 16',
        [
          'MacBook Pro 16" (M3 Max, 64 GB) is not offered to you',
          'Engineers and designers can order',
          'Which device do you need?',
          { not: 'Is this a replacement' },
        ],
      ],
      ['never mind then', 'cancelled'],
    ],
    approvals: [],
    fulfil: {},
    expected: { status: 'none' },
  },
];

describeTranscripts('Transcripts: conversation quality', transcripts);

describe('Transcripts: misunderstandings and incidents by meaning', () => {
  let e: E2E;
  beforeEach(async () => {
    e = await startE2E();
  });
  afterEach(async () => {
    await e.close();
  });

  it('When two answers in a row are not understood, then the second reply offers the choices or a person instead of the same sentence', async () => {
    const me = await e.chat('lucas.silva@example.com');
    expectSays(await me.send('I want a work phone'), 'Which phone would you like?', 'start');
    const first = await me.send('banana bread');
    expectSays(first, ['I could not match "banana bread"'], 'first miss');
    const second = await me.send('purple elephants');
    expectSays(second, ['still not following', 'Pick one of the choices', 'talk to a person', { not: 'I could not match' }], 'second miss');
    expectSays(await me.send('talk to a person'), 'passed this to the service desk', 'hand-off');
  });

  it('When an application shows an error page, then a software incident is recorded, not a request or a hand-off', async () => {
    const said = await (await e.chat('ben.walker@example.com')).send('the timesheet portal shows an error page since lunch');
    expectSays(said, [/Your incident number is INC-\d+\./, { not: 'passed this to the service desk' }, { not: 'REQ-' }], 'error page');
    const number = Number(/INC-(\d+)/.exec(JSON.stringify(said))![1]);
    expect(await e.deps.store.read.incidents.byNumber(number)).toMatchObject({ category: 'software' });
  });

  it('When the printer keeps jamming, then a hardware incident is recorded', async () => {
    const said = await (await e.chat('sofia.rossi@example.com')).send('the printer by reception keeps jamming on every page');
    expectSays(said, [/Your incident number is INC-\d+\./], 'jammed printer');
    const number = Number(/INC-(\d+)/.exec(JSON.stringify(said))![1]);
    expect(await e.deps.store.read.incidents.byNumber(number)).toMatchObject({ category: 'hardware' });
  });

  it('When someone makes small talk, then no form is offered and nothing goes to the service desk', async () => {
    const said = await (await e.chat('alex.kim@example.com')).send('how are you doing this afternoon?');
    expectSays(said, [{ not: 'MacBook' }, { not: 'Which device' }, { not: 'passed this to the service desk' }], 'small talk');
  });
});
