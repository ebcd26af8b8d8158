import { readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeCardText } from '../../cards/adaptive-markdown.js';
import { expandAdaptive, type CardJson } from '../../cards/card-template.js';
import { adaptiveCardFor } from '../../cards/render-adaptive.js';
import { textCardData } from '../../cards/text/index.js';
import { Actions } from '../../src/messages/actions.js';
import type { Reply } from '../../src/messages/reply.js';
import { adaptiveCardProblems } from '../support/adaptive-card-check.js';

type CardReply = Exclude<Reply, { kind: 'text' }>;
type Samples<K extends CardReply['kind']> = Array<[name: string, reply: Extract<CardReply, { kind: K }>]>;

/**
 * Each way the bot turns a reply into an Adaptive Card. A channel that renders cards its own
 * way (Teams with Universal Actions, say) adds its renderer here, and every sample below is
 * checked through it too.
 */
const renderers: Array<[name: string, render: (reply: CardReply) => CardJson]> = [['adaptiveCardFor (web chat)', adaptiveCardFor]];

const long = (words: string) => `${words} `.repeat(12).trim();
const longLabel = long('Extended warranty with accidental damage cover, on-site repair and a loan device');
const options = Array.from({ length: 12 }, (_, i) => ({ value: `o${i}`, label: `Option ${i}`, ...(i % 3 === 0 ? { description: `Detail ${i}` } : {}) }));
const approval: Extract<CardReply, { kind: 'approval' }> = {
  kind: 'approval',
  approvalId: 'ap-7',
  requestNumber: 'REQ-1042',
  title: 'Adobe Photoshop',
  requester: 'Sam Ortiz',
  summary: [
    { label: 'Licence', value: 'Annual' },
    { label: 'Reason', value: '' },
  ],
  cost: '$600',
  risk: 'medium',
  reason: "You are Sam's manager",
};

/**
 * Representative card data for every kind of card reply, typed so that a new kind does not
 * compile until it has samples here: the usual case, the edges (empty lists, optional parts
 * absent), a deny reason, and labels far longer than anyone would type.
 */
const samples: { [K in CardReply['kind']]: Samples<K> } = {
  question: [
    [
      'free text with help, placeholder and a value',
      {
        kind: 'question',
        fieldId: 'reason',
        prompt: 'Why do you need it?',
        help: 'Any detail helps',
        input: { type: 'text', multiline: true, placeholder: 'Say more' },
        value: 'For the design team',
        canGoBack: true,
      },
    ],
    [
      'a number with bounds and an error',
      {
        kind: 'question',
        fieldId: 'count',
        prompt: 'How many?',
        input: { type: 'number', min: 1, max: 5 },
        value: 3,
        error: 'Enter a number from 1 to 5',
        canGoBack: true,
      },
    ],
    [
      'a date with bounds',
      {
        kind: 'question',
        fieldId: 'start',
        prompt: 'From when?',
        input: { type: 'date', min: '2030-01-01', max: '2030-12-31' },
        value: '2030-02-03',
        canGoBack: false,
      },
    ],
    ['a few choices', { kind: 'question', fieldId: 'model', prompt: 'Which model?', input: { type: 'choice', options: options.slice(0, 3) }, canGoBack: true }],
    [
      'many choices, several picked',
      { kind: 'question', fieldId: 'groups', prompt: 'Which groups?', input: { type: 'choice', options, multi: true }, value: ['o1', 'o4'], canGoBack: true },
    ],
    ['yes or no', { kind: 'question', fieldId: 'urgent', prompt: 'Is it urgent?', input: { type: 'yes-no' }, canGoBack: true }],
    [
      'long labels',
      {
        kind: 'question',
        fieldId: 'plan',
        prompt: long('Which of the support plans offered for this laptop model should we order?'),
        help: longLabel,
        input: {
          type: 'choice',
          options: [
            { value: 'long', label: longLabel, description: longLabel },
            { value: 'none', label: 'None' },
          ],
        },
        canGoBack: true,
      },
    ],
  ],
  choices: [
    [
      'intents to pick from',
      {
        kind: 'choices',
        text: 'Which did you mean?',
        actionId: Actions.pickIntent,
        options: [
          { value: 'laptop', label: 'New laptop' },
          { value: 'monitor', label: 'Monitor', description: 'A second screen' },
          { value: 'none', label: 'None of these' },
        ],
      },
    ],
    [
      'every field of a long form, to change one',
      { kind: 'choices', text: 'Which answer would you like to change?', actionId: Actions.change, options: options.slice(0, 9) },
    ],
    [
      'request types offered by help',
      {
        kind: 'choices',
        text: 'Some things you can request:',
        actionId: Actions.pickIntent,
        options: options.slice(0, 6).map((o) => ({ ...o, description: `What ${o.label} is for` })),
      },
    ],
    [
      'long labels',
      {
        kind: 'choices',
        text: longLabel,
        actionId: Actions.pickIntent,
        options: [
          { value: 'long', label: longLabel, description: longLabel },
          { value: 'short', label: 'Short' },
        ],
      },
    ],
  ],
  summary: [
    [
      'answers with a cost and notes',
      {
        kind: 'summary',
        title: 'New laptop',
        requestTypeId: 'laptop',
        cost: '$1,800',
        notes: ["Needs your manager's approval", 'Ships in a week'],
        fields: [
          { fieldId: 'model', label: 'Model', value: 'Pro 14' },
          { fieldId: 'reason', label: 'Reason', value: '' },
        ],
      },
    ],
    [
      'no cost, no notes',
      {
        kind: 'summary',
        title: 'Password reset',
        requestTypeId: 'password-reset',
        notes: [],
        fields: [{ fieldId: 'system', label: 'System', value: 'Email' }],
      },
    ],
    [
      'long labels',
      { kind: 'summary', title: longLabel, requestTypeId: 'laptop', notes: [longLabel], fields: [{ fieldId: 'warranty', label: longLabel, value: longLabel }] },
    ],
  ],
  approval: [
    ['pending', approval],
    ['approved', { ...approval, outcome: { decision: 'approved', by: 'Dana Lee' } }],
    [
      'denied with a reason',
      { ...approval, outcome: { decision: 'denied', by: 'Dana Lee', comment: 'Use the team licence; ask again in March if it is not enough' } },
    ],
    ['cancelled', { ...approval, cost: undefined, outcome: { decision: 'cancelled' } }],
    ['withdrawn', { ...approval, outcome: { decision: 'withdrawn', by: 'Sam Ortiz' } }],
    ['long labels', { ...approval, title: longLabel, reason: longLabel, summary: [{ label: longLabel, value: longLabel }] }],
  ],
  status: [
    ['no requests', { kind: 'status', requests: [], emptyText: 'Nothing open.' }],
    [
      'requests, one overdue',
      {
        kind: 'status',
        requests: [
          {
            number: 'REQ-1001',
            title: 'New laptop',
            status: 'awaiting_approval',
            step: 'Manager approval',
            waitingOn: 'Dana Lee',
            due: '2030-01-05',
            overdue: true,
          },
          { number: 'REQ-1002', title: 'Monitor', status: 'in_fulfilment', step: 'Ship', waitingOn: 'IT hardware', overdue: false },
        ],
      },
    ],
    [
      'long labels',
      { kind: 'status', requests: [{ number: 'REQ-1003', title: longLabel, status: 'open', step: longLabel, waitingOn: longLabel, overdue: false }] },
    ],
  ],
  triage: [
    [
      'a transcript and candidates',
      {
        kind: 'triage',
        triageId: 'tr-1',
        requester: 'Sam Ortiz',
        text: 'the thing is slow',
        transcript: ['Sam: the thing is slow', 'Frontdoor: Which did you mean?'],
        candidates: [
          { value: 'laptop', label: 'New laptop' },
          { value: 'vpn', label: 'VPN access' },
        ],
      },
    ],
    ['nothing to go on', { kind: 'triage', triageId: 'tr-2', requester: 'Sam Ortiz', text: 'zorp', transcript: [], candidates: [] }],
    [
      'long labels',
      { kind: 'triage', triageId: 'tr-3', requester: longLabel, text: longLabel, transcript: [longLabel], candidates: [{ value: 'long', label: longLabel }] },
    ],
  ],
  'access-ending': [
    [
      'a VPN grant ending in three days',
      {
        kind: 'access-ending',
        grantId: '3f1c2a4e-0000-4000-8000-000000000001',
        text: 'Your access to vpn-users from REQ-1042 (VPN and remote access) ends on Thu 5 Mar 09:00.',
        endsAt: '2026-03-05T09:00:00.000Z',
        extendNote: 'Extend asks for the same access for 30 days more; it is approved again before the end moves.',
      },
    ],
    ['long text', { kind: 'access-ending', grantId: 'g-2', text: longLabel, endsAt: '2026-03-05T09:00:00.000Z', extendNote: longLabel }],
  ],
};

/**
 * Templates under cards/ that are not a card reply of their own, rendered from their data.
 * The text template: replies of kind text go out as plain messages today, but the template
 * is there for a channel that needs every message as a card.
 */
const otherTemplates: Record<string, Array<[name: string, card: () => CardJson]>> = {
  text: [['a message', () => escapeCardText(expandAdaptive('text', textCardData({ kind: 'text', text: 'Your request REQ-1042 is fulfilled.' })))]],
};

const cardsDir = new URL('../../cards/', import.meta.url);
const templateFolders = readdirSync(cardsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/adaptive.json`, cardsDir)))
  .map((entry) => entry.name)
  .sort();

const rendered: Array<[string, () => CardJson]> = [
  ...renderers.flatMap(([renderer, render]) =>
    Object.values(samples).flatMap((list) =>
      list.map(([name, reply]): [string, () => CardJson] => [`${reply.kind}, ${name}, by ${renderer}`, () => render(reply)]),
    ),
  ),
  ...Object.entries(otherTemplates).flatMap(([template, list]) => list.map(([name, card]): [string, () => CardJson] => [`${template}, ${name}`, card])),
];

describe('Every Adaptive Card the bot can send, parsed as version 1.5', () => {
  it('When a card template is added under cards/, then it has sample data here (or this fails until it does)', () => {
    expect(templateFolders.length).toBeGreaterThanOrEqual(6);
    expect([...Object.keys(samples), ...Object.keys(otherTemplates)].sort()).toEqual(templateFolders);
  });

  it('When a card has an unknown element or action, a newer property or version, or a repeated id, then the check reports it', () => {
    expect(
      adaptiveCardProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Hello' }],
        actions: [{ type: 'Action.Execute', title: 'Go', verb: 'go' }],
      }),
    ).toEqual([]);
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Bogus', id: 'x' },
        { type: 'Input.Text', id: 'a', label: 'A' },
        { type: 'Input.Text', id: 'a', label: 'A again', labelPosition: 'inline' },
      ],
      actions: [
        { type: 'Action.Bogus', title: 'No' },
        { type: 'Action.Submit', id: 'go', title: 'Go' },
        { type: 'Action.ShowCard', id: 'go', title: 'More', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'x', label: 'X' }] } },
      ],
    };
    const problems = adaptiveCardProblems(broken).join('\n');
    for (const expected of [
      'UnknownElementType',
      'UnknownActionType',
      'labelPosition',
      'Duplicate Id "a"',
      'id "go" is used more than once',
      'id "x" is used more than once',
    ]) {
      expect(problems).toContain(expected);
    }
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.6', body: [] })).toEqual(['version 1.6 is not 1.5 or earlier']);
  });

  it.each(rendered)('When the bot sends %s, then Adaptive Cards 1.5 accepts it as it is', (_, render) => {
    const card = render();
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  it('When labels are long, then they reach the card whole: nothing is cut', () => {
    for (const [, render] of renderers) {
      for (const [, reply] of Object.values(samples).flatMap((list) => list.filter(([name]) => name === 'long labels'))) {
        const texts = JSON.stringify(render(reply));
        expect(texts).toContain(longLabel.slice(0, 60));
        expect(texts.split(longLabel.slice(-40)).length, `${reply.kind}: every long text ends as it ends`).toBeGreaterThan(1);
      }
    }
  });
});
