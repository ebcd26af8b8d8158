import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { Actions } from '../../src/messages/actions.js';
import type { ChoiceOption, Reply, StatusLine } from '../../src/messages/reply.js';
import { questionReply } from '../../src/dialog/dialog-replies.js';
import { loadFileDirectory, type FileDirectory } from '../../src/directory/file-directory.js';
import {
  actionValuesFrom, optionsForExternalSelect, renderAnsweredQuestion, renderSlackMessage,
  sharedActionId, slackActionPattern, SlackActions,
} from '../../src/channels/slack/blocks/index.js';
import { buildDenyReasonModal, denyReasonFrom } from '../../src/channels/slack/modals/deny-reason-modal.js';
import { blockProblems, hasSlackControlSequence, interactiveElements, mrkdwnTexts } from './blocks-shape.js';

type Json = Record<string, unknown>;
type Question = Extract<Reply, { kind: 'question' }>;

const options = (n: number): ChoiceOption[] => Array.from({ length: n }, (_, i) => ({ value: `opt-${i + 1}`, label: `Option ${i + 1}`, description: `About option ${i + 1}` }));
const question = (over: Partial<Question>): Question => ({ kind: 'question', fieldId: 'model', prompt: 'Which one?', input: { type: 'text' }, canGoBack: false, ...over });

function render(reply: Reply, page?: number) {
  const message = renderSlackMessage(reply, page ? { page } : {});
  expect(blockProblems(message.blocks, 'message')).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
  return { ...message, blocks: message.blocks as unknown as Json[] };
}

/** What Slack sends back when the element is used: its shared id and the values the engine gets. */
function click(blocks: Json[], actionId: string, index = 0, picked: Json = {}) {
  const found = interactiveElements(blocks).filter(({ element }) => sharedActionId(String(element.action_id)) === actionId)[index];
  expect(found, `an element with action ${actionId}`).toBeDefined();
  const { block, element } = found!;
  return actionValuesFrom({ type: element.type, action_id: element.action_id, block_id: block.block_id, value: element.value, ...picked });
}

describe('Question cards', () => {
  it('When there are at most five options, then each is a button whose value answers the field, and the prefilled one is primary', () => {
    const { blocks } = render(question({ input: { type: 'choice', options: options(3) }, value: 'opt-2' }));
    const buttons = interactiveElements(blocks).filter(({ element }) => sharedActionId(String(element.action_id)) === Actions.answer).map((e) => e.element);
    expect(buttons.map((b) => (b.text as Json).text)).toEqual(['Option 1', 'Option 2', 'Option 3']);
    expect(buttons.map((b) => b.style)).toEqual([undefined, 'primary', undefined]);
    expect(click(blocks, Actions.answer, 2)).toEqual({ id: Actions.answer, values: { fieldId: 'model', answer: 'opt-3' } });
    expect(JSON.stringify(blocks)).toContain('About option 2');
  });

  it('When there are 6 to 100 options, then a static select shows them with the prefilled one selected', () => {
    const { blocks } = render(question({ input: { type: 'choice', options: options(100) }, value: 'opt-7' }));
    const select = interactiveElements(blocks).find(({ element }) => element.type === 'static_select')!.element;
    expect((select.options as unknown[]).length).toBe(100);
    expect((select.initial_option as Json).value).toBe('opt-7');
    expect(click(blocks, Actions.answer, 0, { selected_option: { value: 'opt-42' } })).toEqual({ id: Actions.answer, values: { fieldId: 'model', value: 'opt-42' } });
  });

  it('When there are 150 options, then an external select with type-ahead is used and the prefilled one is its initial option', () => {
    const { blocks } = render(question({ input: { type: 'choice', options: options(150) }, value: 'opt-120' }));
    const select = interactiveElements(blocks).find(({ element }) => element.type === 'external_select')!.element;
    expect(select.options).toBeUndefined();
    expect((select.initial_option as Json).value).toBe('opt-120');
    expect(click(blocks, Actions.answer, 0, { selected_option: { value: 'opt-150' } })?.values).toEqual({ fieldId: 'model', value: 'opt-150' });
  });

  it('When several answers may be picked, then a Submit button reads the chosen options from the message state', () => {
    const { blocks } = render(question({ input: { type: 'choice', options: options(4), multi: true }, value: ['opt-1'] }));
    const input = blocks.find((b) => b.type === 'input')!;
    const checkboxes = input.element as Json;
    expect(checkboxes.type).toBe('checkboxes');
    expect((checkboxes.initial_options as Json[]).map((o) => o.value)).toEqual(['opt-1']);
    const submit = interactiveElements(blocks).find(({ element }) => element.type === 'button' && (element.text as Json).text === 'Submit')!;
    const state = { values: { [String(input.block_id)]: { [String(checkboxes.action_id)]: { type: 'checkboxes', selected_options: [{ value: 'opt-1' }, { value: 'opt-4' }] } } } };
    const action = actionValuesFrom({ type: 'button', action_id: submit.element.action_id, block_id: submit.block.block_id, value: submit.element.value }, state);
    expect(action).toEqual({ id: Actions.answer, values: { fieldId: 'model', answer: ['opt-1', 'opt-4'] } });
    const many = render(question({ input: { type: 'choice', options: options(30), multi: true } })).blocks;
    expect((many.find((b) => b.type === 'input')!.element as Json).type).toBe('multi_static_select');
  });

  it('When the answer is a date, then a date picker shows the prefilled date and a pick sends it', () => {
    const { blocks } = render(question({ fieldId: 'end-date', input: { type: 'date', min: '2026-01-02', max: '2027-01-01' }, value: '2026-03-02' }));
    const picker = interactiveElements(blocks).find(({ element }) => element.type === 'datepicker')!.element;
    expect(picker.initial_date).toBe('2026-03-02');
    expect(click(blocks, Actions.answer, 0, { selected_date: '2026-04-01' })?.values).toEqual({ fieldId: 'end-date', value: '2026-04-01' });
    expect(JSON.stringify(blocks)).toContain('2027-01-01');
  });

  it.each([
    ['text', { type: 'text' } as const, 'Berlin', true],
    ['multi-line text', { type: 'text', multiline: true } as const, 'Long reason', false],
    ['number', { type: 'number', min: 1, max: 5 } as const, 2, true],
  ])('When the answer is %s, then a text input shows the current value and Enter or Submit sends it', (_name, input, value, enterSends) => {
    const { blocks } = render(question({ fieldId: 'delivery-location', input, value }));
    const block = blocks.find((b) => b.type === 'input')!;
    const element = block.element as Json;
    expect(element.type).toBe('plain_text_input');
    expect(element.action_id).toBe(Actions.answer);
    expect(element.initial_value).toBe(String(value));
    expect(block.dispatch_action).toBe(enterSends);
    const typed = actionValuesFrom({ type: 'plain_text_input', action_id: element.action_id, block_id: block.block_id, value: 'Home office' });
    expect(typed).toEqual({ id: Actions.answer, values: { fieldId: 'delivery-location', value: 'Home office' } });
    const submit = interactiveElements(blocks).find(({ element: e }) => e.type === 'button' && (e.text as Json).text === 'Submit')!;
    const state = { values: { [String(block.block_id)]: { [Actions.answer]: { type: 'plain_text_input', value: 'Lisbon' } } } };
    expect(actionValuesFrom({ type: 'button', action_id: submit.element.action_id, block_id: submit.block.block_id, value: submit.element.value }, state)?.values)
      .toEqual({ fieldId: 'delivery-location', answer: 'Lisbon' });
  });

  it('When the question is yes or no, then Yes and No buttons answer it; their action ids are unique in the block but share the answer id', () => {
    const { blocks } = render(question({ fieldId: 'vpn', input: { type: 'yes-no' } }));
    const actions = blocks.find((b) => b.type === 'actions')!;
    const ids = (actions.elements as Json[]).map((e) => String(e.action_id));
    expect(ids).toEqual([Actions.answer, `${Actions.answer}#2`]);
    expect(ids.every((id) => slackActionPattern(Actions.answer).test(id))).toBe(true);
    expect(click(blocks, Actions.answer, 1)).toEqual({ id: Actions.answer, values: { fieldId: 'vpn', answer: 'no' } });
  });

  it('When the answer was wrong, then the error shows, and Back, Open as form and Cancel carry the field', () => {
    const { blocks } = render(question({ error: 'I could not match "<!channel>"', canGoBack: true }));
    expect(JSON.stringify(blocks)).toContain('I could not match \\"&lt;!channel&gt;\\"');
    expect(click(blocks, Actions.back)).toEqual({ id: Actions.back, values: { fieldId: 'model' } });
    expect(click(blocks, Actions.cancel)).toEqual({ id: Actions.cancel, values: { fieldId: 'model' } });
    expect(click(blocks, SlackActions.openForm)).toEqual({ id: SlackActions.openForm, values: { fieldId: 'model' } });
    const first = render(question({})).blocks;
    expect(interactiveElements(first).some(({ element }) => element.action_id === Actions.back)).toBe(false);
  });

  it('When a question was answered, then the updated message shows the answer and nothing to click', () => {
    const answered = renderAnsweredQuestion(question({ input: { type: 'choice', options: options(3) } }), 'Option <@U123> 2');
    expect(blockProblems(answered.blocks, 'message')).toEqual([]);
    expect(interactiveElements(answered.blocks)).toEqual([]);
    expect(JSON.stringify(answered.blocks)).toContain('Option &lt;@U123&gt; 2');
  });

  describe('from the real catalog', () => {
    let catalog: Catalog;
    let directory: FileDirectory;
    beforeAll(async () => {
      catalog = await loadCatalog('.');
      directory = await loadFileDirectory('integrations/sample-directory/people.yaml');
    });

    it('When the dialog asks an engineer for a device, then the select offers the engineer\'s models', async () => {
      const laptop = catalog.requestType('laptop')!;
      const sam = (await directory.findByEmail('sam.patel@example.com'))!;
      const reply = questionReply({
        catalog, requestType: laptop, field: laptop.fields[0], requester: sam, today: '2026-01-05',
        state: { requestTypeId: 'laptop', outcomeId: 'o1', answers: {}, asked: [], drafts: {}, step: { kind: 'field', fieldId: 'model' } },
      });
      const { blocks } = render(reply);
      const select = interactiveElements(blocks).find(({ element }) => element.type === 'static_select')!.element;
      const values = (select.options as Json[]).map((o) => o.value);
      expect(values).toContain('macbook-pro-16');
      expect(values).not.toContain('thinkpad-x1-carbon');
    });

    it('When someone types in an external select, then matching options come back grouped, filtered for them', async () => {
      const ethan = (await directory.findByEmail('ethan.brooks@example.com'))!;
      const result = optionsForExternalSelect({ requestTypeId: 'access', fieldId: 'system' }, 'share', { catalog, requester: ethan });
      expect('option_groups' in result).toBe(true);
      const groups = (result as { option_groups: Array<{ label: { text: string }; options: Array<{ value: string }> }> }).option_groups;
      const values = groups.flatMap((g) => g.options.map((o) => o.value));
      expect(values.length).toBeGreaterThan(0);
      expect(values.every((v) => /share/.test(v) || /share/i.test(JSON.stringify(catalog.lookup('systems')!.items.find((i) => i.value === v))))).toBe(true);
      expect(groups.every((g) => g.label.text.length > 0 && g.options.length > 0)).toBe(true);
      const everything = optionsForExternalSelect({ requestTypeId: 'access', fieldId: 'system' }, '', { catalog, requester: ethan }) as { option_groups: Array<{ options: unknown[] }> };
      expect(everything.option_groups.flatMap((g) => g.options)).toHaveLength(catalog.lookup('systems')!.items.length);
      expect(optionsForExternalSelect({ requestTypeId: 'access', fieldId: 'nope' }, 'x', { catalog, requester: ethan })).toEqual({ options: [] });
    });
  });
});

const approval = (over: Partial<Extract<Reply, { kind: 'approval' }>> = {}): Extract<Reply, { kind: 'approval' }> => ({
  kind: 'approval', approvalId: 'apr-1', requestNumber: 'REQ-7', title: 'Laptop or other hardware', requester: 'Sam Patel',
  summary: [{ label: 'Device', value: 'MacBook Pro 16"' }, { label: 'Reason', value: 'Replacement' }], cost: '3899.00 EUR', risk: 'medium',
  reason: 'Sam Patel asks for a MacBook Pro 16".', ...over,
});

describe('Approval cards', () => {
  it('When an approval is pending, then it shows requester, summary, cost, risk and why, with Approve (primary) and Deny (danger)', () => {
    const { blocks, text } = render(approval());
    const all = JSON.stringify(blocks);
    for (const shown of ['Sam Patel', 'Device', 'Replacement', '3899.00 EUR', 'medium', 'Why you are asked']) expect(all).toContain(shown);
    expect(text).toContain('REQ-7');
    const approve = interactiveElements(blocks).find(({ element }) => element.action_id === Actions.approve)!.element;
    const deny = interactiveElements(blocks).find(({ element }) => element.action_id === Actions.deny)!.element;
    expect([approve.style, deny.style]).toEqual(['primary', 'danger']);
    expect(approve.confirm).toBeUndefined();
    expect(click(blocks, Actions.approve)).toEqual({ id: Actions.approve, values: { approvalId: 'apr-1' } });
    expect(click(blocks, Actions.deny)).toEqual({ id: Actions.deny, values: { approvalId: 'apr-1' } });
  });

  it('When the risk is high, then Approve asks to confirm first', () => {
    const { blocks } = render(approval({ risk: 'high' }));
    const approve = interactiveElements(blocks).find(({ element }) => element.action_id === Actions.approve)!.element;
    expect((approve.confirm as Json).confirm).toEqual(expect.objectContaining({ text: 'Approve' }));
  });

  it.each([
    ['approved', 'Approved by Dana Lee'],
    ['denied', 'Denied by Dana Lee'],
    ['cancelled', 'Cancelled'],
  ] as const)('When the approval was %s, then the card says so and who decided, with no buttons', (decision, shown) => {
    const { blocks } = render(approval({ outcome: { decision, by: 'Dana Lee', comment: 'Budget <!here>' } }));
    expect(interactiveElements(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain(shown);
    expect(JSON.stringify(blocks)).toContain('Budget &lt;!here&gt;');
  });

  it('When Deny is clicked, then the reason modal requires a reason and hands back the approval and the reason', () => {
    const view = buildDenyReasonModal('apr-1');
    expect(blockProblems(view.blocks, 'modal')).toEqual([]);
    const input = view.blocks[0] as unknown as Json;
    const state = (value: string) => ({ values: { [String(input.block_id)]: { [String((input.element as Json).action_id)]: { type: 'plain_text_input', value } } } });
    expect(denyReasonFrom({ ...view, state: state('  Over budget  ') })).toEqual({ ok: true, approvalId: 'apr-1', comment: 'Over budget' });
    expect(denyReasonFrom({ ...view, state: state('   ') })).toEqual({ ok: false, errors: { [String(input.block_id)]: expect.any(String) } });
    expect(denyReasonFrom({ ...view, private_metadata: 'not json', state: state('x') }).ok).toBe(false);
    expect(denyReasonFrom(null).ok).toBe(false);
  });
});

const line = (i: number, over: Partial<StatusLine> = {}): StatusLine => ({
  number: `REQ-${i}`, title: `Request ${i}`, status: 'awaiting_approval', step: 'Manager approval', waitingOn: 'Dana Lee', due: '2026-01-09', overdue: false, ...over,
});

describe('Status cards', () => {
  it('When requests are listed, then each has number, title, status, step, whom it waits on and due, overdue marked', () => {
    const { blocks } = render({ kind: 'status', requests: [line(1), line(2, { overdue: true, due: undefined })] });
    expect(blocks).toHaveLength(2);
    const [first, second] = blocks.map((b) => (b.text as Json).text as string);
    for (const part of ['REQ-1', 'Request 1', 'awaiting_approval', 'Manager approval', 'Dana Lee', '2026-01-09']) expect(first).toContain(part);
    expect(first).not.toContain('Overdue');
    expect(second).toContain('Overdue');
    expect(second).not.toContain('Due:');
  });

  it('When there are 60 requests, then a page holds 40 and "Show more" asks for the next page', () => {
    const requests = Array.from({ length: 60 }, (_, i) => line(i + 1));
    const first = render({ kind: 'status', requests });
    expect(first.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(first.blocks)).toContain('REQ-40');
    expect(JSON.stringify(first.blocks)).not.toContain('REQ-41"');
    expect(click(first.blocks, SlackActions.showMore)).toEqual({ id: SlackActions.showMore, values: { list: 'status', page: 2 } });
    const second = render({ kind: 'status', requests }, 2);
    expect(JSON.stringify(second.blocks)).toContain('REQ-60');
    expect(interactiveElements(second.blocks)).toEqual([]);
  });

  it('When there are none, then the empty text shows', () => {
    expect(JSON.stringify(render({ kind: 'status', requests: [] }).blocks)).toContain('You have no open requests.');
  });
});

describe('Choices, summary, triage and text', () => {
  it('When the engine offers a few choices, then each is a button with the reply\'s action id; many become one select', () => {
    const few = render({ kind: 'choices', text: 'Did you mean?', actionId: Actions.pickIntent, options: options(3) });
    expect(click(few.blocks, Actions.pickIntent, 1)).toEqual({ id: Actions.pickIntent, values: { value: 'opt-2' } });
    const many = render({ kind: 'choices', text: 'Pick', actionId: Actions.change, options: options(150) });
    const select = interactiveElements(many.blocks).find(({ element }) => element.type === 'static_select')!.element;
    expect((select.options as unknown[]).length).toBe(100);
    expect(click(many.blocks, Actions.change, 0, { selected_option: { value: 'opt-9' } })?.values).toEqual({ value: 'opt-9' });
  });

  it('When the summary is shown, then Confirm, a field to change and Cancel carry the request type', () => {
    const { blocks } = render({ kind: 'summary', title: 'Laptop', requestTypeId: 'laptop', fields: [{ fieldId: 'model', label: 'Device', value: 'MacBook' }, { fieldId: 'reason', label: 'Reason', value: '' }], cost: '1299.00 EUR', notes: ['Confirm to send it.'] });
    expect(JSON.stringify(blocks)).toContain('1299.00 EUR');
    expect(click(blocks, Actions.confirm)).toEqual({ id: Actions.confirm, values: { requestTypeId: 'laptop' } });
    expect(click(blocks, Actions.cancel)).toEqual({ id: Actions.cancel, values: { requestTypeId: 'laptop' } });
    expect(click(blocks, Actions.change, 0, { selected_option: { value: 'reason' } })).toEqual({ id: Actions.change, values: { requestTypeId: 'laptop', value: 'reason' } });
  });

  it('When a triage item has a long transcript, then the latest lines fit, candidates resolve it and Take over is offered', () => {
    const transcript = Array.from({ length: 40 }, (_, i) => `user: message ${i + 1} ${'x'.repeat(200)}`);
    const { blocks } = render({ kind: 'triage', triageId: 'tri-1', requester: 'Sam Patel', text: 'my thing is broken', candidates: options(3), transcript });
    const all = JSON.stringify(blocks);
    expect(all).toContain('message 40');
    expect(all).not.toContain('message 1 ');
    expect(all).toContain('earlier lines not shown');
    expect(click(blocks, Actions.triageResolve, 2)).toEqual({ id: Actions.triageResolve, values: { triageId: 'tri-1', value: 'opt-3' } });
    expect(click(blocks, SlackActions.triageTakeOver)).toEqual({ id: SlackActions.triageTakeOver, values: { triageId: 'tri-1' } });
  });

  it('When a text is 5000 characters, then it is split into sections within the limit and nothing is lost', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(' ').padEnd(5000, '.');
    const { blocks } = render({ kind: 'text', text: words });
    expect(blocks.length).toBe(2);
    expect(blocks.map((b) => (b.text as Json).text).join(' ').replace(/\s+/g, ' ')).toBe(words.replace(/\s+/g, ' '));
  });
});

describe('Hostile text in every kind of reply', () => {
  const evil = '<!channel> <https://evil.example|click> <@U123> <#C1> & @here';
  const replies: Reply[] = [
    { kind: 'text', text: evil },
    question({ prompt: evil, help: evil, error: evil, input: { type: 'choice', options: [{ value: 'a', label: evil, description: evil }, { value: 'b', label: 'b' }] } }),
    { kind: 'choices', text: evil, actionId: Actions.pickIntent, options: [{ value: 'a', label: evil, description: evil }] },
    { kind: 'summary', title: evil, requestTypeId: 'laptop', fields: [{ fieldId: 'x', label: evil, value: evil }], cost: evil, notes: [evil] },
    approval({ title: evil, requester: evil, summary: [{ label: evil, value: evil }], cost: evil, risk: evil, reason: evil }),
    approval({ outcome: { decision: 'denied', by: evil, comment: evil } }),
    { kind: 'status', requests: [line(1, { title: evil, status: evil, step: evil, waitingOn: evil, due: evil })] },
    { kind: 'triage', triageId: 't', requester: evil, text: evil, candidates: [{ value: 'x', label: evil }], transcript: [evil] },
  ];

  it.each(replies.map((r) => [r.kind, r] as const))('When a %s carries it, then no mrkdwn or fallback text can mention, broadcast or link', (_kind, reply) => {
    const { text, blocks } = render(reply);
    const texts = [text, ...mrkdwnTexts(blocks)];
    expect(texts.filter(hasSlackControlSequence)).toEqual([]);
    expect(texts.join(' ')).toContain('&lt;!channel&gt;');
  });
});
