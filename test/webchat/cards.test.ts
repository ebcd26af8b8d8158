import { describe, expect, it } from 'vitest';
import { adaptiveCardFor, renderAdaptive } from '../../cards/render-adaptive.js';
import type { CardJson } from '../../cards/card-template.js';
import { Actions } from '../../src/messages/actions.js';
import type { Reply } from '../../src/messages/reply.js';
import { adaptiveCardProblems } from '../support/adaptive-card-check.js';

type Node = Record<string, unknown>;
const actionIds = new Set<string>(Object.values(Actions));

/** Parses and validates with Microsoft's Adaptive Cards library as version 1.5; returns every complaint. */
const problemsOf = (card: CardJson): string[] => adaptiveCardProblems(card);

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Node);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}
const elements = (card: CardJson, type: string): Node[] => {
  const found: Node[] = [];
  walk(card, (n) => { if (n.type === type) found.push(n); });
  return found;
};
const submits = (card: CardJson) => elements(card, 'Action.Submit');
const titles = (card: CardJson) => [...submits(card), ...elements(card, 'Action.ShowCard')].map((a) => a.title);

/** A valid Adaptive Card 1.5 whose every submit names a shared action id. */
function card(reply: Exclude<Reply, { kind: 'text' }>): CardJson {
  const json = adaptiveCardFor(reply);
  expect(json).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  expect(problemsOf(json)).toEqual([]);
  for (const s of submits(json)) expect(actionIds).toContain((s.data as Node).action);
  return json;
}

const question = (input: Extract<Reply, { kind: 'question' }>['input'], extra: Partial<Extract<Reply, { kind: 'question' }>> = {}) =>
  card({ kind: 'question', fieldId: 'model', prompt: 'Which model?', input, canGoBack: true, ...extra });

describe('Card validation', () => {
  it('When a card has an unknown element or duplicate input ids, then the validator reports it', () => {
    const broken = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Bogus' }, { type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] };
    expect(problemsOf(broken).length).toBeGreaterThanOrEqual(2);
  });
});

describe('Question card', () => {
  it('When the answer is free text, then the card has a prefilled text input and Submit, Back and Cancel', () => {
    const json = question({ type: 'text', multiline: true, placeholder: 'Say more' }, { value: 'a 14-inch one', help: 'Any detail helps' });
    expect(elements(json, 'Input.Text')).toEqual([expect.objectContaining({ id: 'answer', value: 'a 14-inch one', isMultiline: true, placeholder: 'Say more', label: 'Your answer' })]);
    expect(titles(json)).toEqual(['Submit', 'Back', 'Cancel']);
    expect(submits(json).map((s) => s.data)).toEqual([
      { action: Actions.answer, fieldId: 'model' }, { action: Actions.back, fieldId: 'model' }, { action: Actions.cancel, fieldId: 'model' },
    ]);
    expect(JSON.stringify(json)).toContain('Any detail helps');
  });

  it('When a text answer has a pattern, then the card checks it before sending, with the catalog\'s message', () => {
    const json = question({ type: 'text', required: true, pattern: '^(LT-\\d{5}|unknown)$', patternMessage: 'An asset tag looks like LT-10234' });
    expect(elements(json, 'Input.Text')).toEqual([
      expect.objectContaining({ isRequired: true, regex: '^(LT-\\d{5}|unknown)$', errorMessage: 'An asset tag looks like LT-10234' }),
    ]);
    const optional = question({ type: 'text' });
    expect(elements(optional, 'Input.Text')[0]).toMatchObject({ isRequired: false });
    expect(elements(optional, 'Input.Text')[0]).not.toHaveProperty('regex');
  });

  it('When there is no earlier question, then there is no Back button', () => {
    expect(titles(question({ type: 'text' }, { canGoBack: false }))).toEqual(['Submit', 'Cancel']);
  });

  it('When the answer is a number or a date, then the bounds and the current value carry over', () => {
    expect(elements(question({ type: 'number', min: 1, max: 5 }, { value: '3' }), 'Input.Number')).toEqual([expect.objectContaining({ id: 'answer', min: 1, max: 5, value: 3 })]);
    const date = elements(question({ type: 'date', min: '2030-01-01' }, { value: '2030-02-03' }), 'Input.Date');
    expect(date).toEqual([expect.objectContaining({ id: 'answer', min: '2030-01-01', value: '2030-02-03' })]);
    expect(date[0]).not.toHaveProperty('max');
  });

  it('When there are few options, then they are expanded; when many, a compact drop-down', () => {
    const few = elements(question({ type: 'choice', options: [{ value: 'air', label: 'Air' }, { value: 'pro', label: 'Pro', description: '32 GB' }] }), 'Input.ChoiceSet')[0]!;
    expect(few).toMatchObject({ id: 'answer', style: 'expanded', isMultiSelect: false, choices: [{ title: 'Air', value: 'air' }, { title: 'Pro (32 GB)', value: 'pro' }] });
    const options = Array.from({ length: 12 }, (_, i) => ({ value: `o${i}`, label: `Option ${i}` }));
    expect(elements(question({ type: 'choice', options }), 'Input.ChoiceSet')[0]).toMatchObject({ style: 'compact' });
  });

  it('When several options may be picked, then the set is multi-select and keeps the current picks', () => {
    const set = elements(question({ type: 'choice', multi: true, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }] }, { value: ['a', 'c'] }), 'Input.ChoiceSet')[0]!;
    expect(set).toMatchObject({ isMultiSelect: true, value: 'a,c' });
  });

  it('When the question is yes or no, then Yes and No submit the answer themselves', () => {
    const json = question({ type: 'yes-no' });
    expect(titles(json)).toEqual(['Yes', 'No', 'Back', 'Cancel']);
    expect(submits(json).slice(0, 2).map((s) => s.data)).toEqual([
      { action: Actions.answer, fieldId: 'model', answer: 'yes' }, { action: Actions.answer, fieldId: 'model', answer: 'no' },
    ]);
  });

  it('When the last answer was invalid, then the error shows in the attention colour', () => {
    const json = question({ type: 'number' }, { error: 'Enter a number from 1 to 5' });
    expect(elements(json, 'TextBlock')).toContainEqual(expect.objectContaining({ text: 'Enter a number from 1 to 5', color: 'Attention' }));
    expect(elements(question({ type: 'number' }), 'TextBlock').some((t) => t.color === 'Attention')).toBe(false);
  });

  it('When user text holds quotes, braces and template markers, then it comes through verbatim and the card stays valid', () => {
    const nasty = 'He said "hi" \\ } ${requester.name} ${actions.approve} </script>';
    const json = question({ type: 'text' }, { value: nasty, prompt: `Confirm ${nasty}?` });
    expect(elements(json, 'Input.Text')[0]!.value).toBe(nasty);
    // As the person reads it: markdown escapes render as the characters themselves.
    expect(String(elements(json, 'TextBlock')[0]!.text).replace(/\\([\\`*_[\]<>&~|])/g, '$1')).toBe(`Confirm ${nasty}?`);
  });
});

describe('Choices, summary, approval, status and triage cards', () => {
  it('When the engine offers choices, then each is a button carrying the action id and the value', () => {
    const json = card({ kind: 'choices', text: 'Which did you mean?', actionId: Actions.pickIntent, options: [{ value: 'laptop', label: 'New laptop' }, { value: 'monitor', label: 'Monitor', description: 'A second screen' }] });
    expect(submits(json).map((s) => [s.title, s.data])).toEqual([
      ['New laptop', { action: Actions.pickIntent, value: 'laptop' }], ['Monitor', { action: Actions.pickIntent, value: 'monitor' }],
    ]);
  });

  it('When there are more choices than buttons fit, then they are a required drop-down with one Choose button that submits the same action and value', () => {
    const options = Array.from({ length: 9 }, (_, i) => ({ value: `field${i}`, label: `Field ${i}` }));
    const json = card({ kind: 'choices', text: 'Which answer would you like to change?', actionId: Actions.change, options });
    expect(elements(json, 'Input.ChoiceSet')).toEqual([expect.objectContaining({ id: 'value', style: 'compact', isRequired: true, choices: options.map((o) => ({ title: o.label, value: o.value })) })]);
    // The input's value joins the button's data on submit: { action, value }, as a button per option sends.
    expect(submits(json).map((s) => [s.title, s.data])).toEqual([['Choose', { action: Actions.change }]]);
    expect(elements(card({ kind: 'choices', text: 'Which?', actionId: Actions.change, options: options.slice(0, 5) }), 'Input.ChoiceSet')).toEqual([]);
  });

  it('When a summary is shown, then it lists the answers and offers Confirm, Change a field and Cancel', () => {
    const json = card({ kind: 'summary', title: 'New laptop', requestTypeId: 'laptop', cost: '$1,800', notes: ['Needs your manager\'s approval'], fields: [{ fieldId: 'model', label: 'Model', value: 'Pro 14' }, { fieldId: 'reason', label: 'Reason', value: '' }] });
    expect(elements(json, 'FactSet')[0]!.facts).toEqual([{ title: 'Model', value: 'Pro 14' }, { title: 'Reason', value: '-' }]);
    expect(titles(json)).toEqual(['Confirm', 'Change', 'Cancel', 'Change a field']);
    expect(elements(json, 'Input.ChoiceSet')[0]).toMatchObject({ id: 'fieldId', choices: [{ title: 'Model', value: 'model' }, { title: 'Reason', value: 'reason' }] });
    expect(submits(json).map((s) => (s.data as Node).action)).toEqual([Actions.confirm, Actions.change, Actions.cancel]);
    expect(JSON.stringify(json)).toContain('$1,800');
  });

  const approval: Extract<Reply, { kind: 'approval' }> = { kind: 'approval', approvalId: 'ap-7', requestNumber: 'REQ-1042', title: 'Adobe Photoshop', requester: 'Sam Ortiz', summary: [{ label: 'Licence', value: 'Annual' }], cost: '$600', risk: 'medium', reason: 'You are Sam\'s manager' };

  it('When an approval is pending, then Approve submits and Deny asks for a required reason first', () => {
    const json = card(approval);
    expect(titles(json)).toEqual(['Approve', 'Deny', 'Deny']);
    const [approve, deny] = submits(json);
    expect(approve!.data).toEqual({ action: Actions.approve, approvalId: 'ap-7' });
    expect(deny!.data).toEqual({ action: Actions.deny, approvalId: 'ap-7' });
    expect(elements(json, 'Input.Text')).toEqual([expect.objectContaining({ id: 'comment', isRequired: true })]);
    const text = JSON.stringify(json);
    for (const shown of ['REQ-1042', 'Sam Ortiz', '$600', 'medium', 'You are Sam']) expect(text).toContain(shown);
  });

  it('When an approval has an outcome, then the card shows it and has no buttons', () => {
    const json = card({ ...approval, outcome: { decision: 'denied', by: 'Dana Lee', comment: 'Use the team licence' } });
    expect(titles(json)).toEqual([]);
    const text = JSON.stringify(json);
    expect(text).toContain('Denied by Dana Lee');
    expect(text).toContain('Use the team licence');
  });

  it('When requests are listed, then each has its own block and an overdue one is marked in the attention colour', () => {
    const json = card({ kind: 'status', requests: [
      { number: 'REQ-1001', title: 'New laptop', status: 'awaiting_approval', step: 'Manager approval', waitingOn: 'Dana Lee', due: '2030-01-05', overdue: true },
      { number: 'REQ-1002', title: 'Monitor', status: 'in_fulfilment', step: 'Ship', waitingOn: 'IT hardware', overdue: false },
    ] });
    const blocks = elements(json, 'Container');
    expect(blocks).toHaveLength(2);
    expect(JSON.stringify(blocks[0])).toContain('Dana Lee');
    expect(elements(blocks[0]! as CardJson, 'TextBlock')).toContainEqual(expect.objectContaining({ text: 'Overdue', color: 'Attention' }));
    expect(JSON.stringify(blocks[1])).not.toContain('Overdue');
    expect(JSON.stringify(blocks[1])).not.toContain('Due');
  });

  it('When there are no requests, then the card says so', () => {
    expect(JSON.stringify(card({ kind: 'status', requests: [], emptyText: 'Nothing open.' }))).toContain('Nothing open.');
  });

  it('When an agent triages, then they see the message, the transcript and a button per candidate', () => {
    const json = card({ kind: 'triage', triageId: 'tr-1', requester: 'Sam Ortiz', text: 'the thing is slow', transcript: ['Sam: the thing is slow'], candidates: [{ value: 'laptop', label: 'New laptop' }] });
    expect(submits(json).map((s) => s.data)).toEqual([{ action: Actions.triageResolve, triageId: 'tr-1', value: 'laptop' }]);
    expect(JSON.stringify(json)).toContain('Sam: the thing is slow');
  });

  it('When the reply is plain text, then it renders as text with no card', () => {
    expect(renderAdaptive({ kind: 'text', text: 'Hello "there" ${x}' })).toEqual({ text: 'Hello "there" ${x}' });
  });
});
