import type { ActionsBlockElement, Button, InputBlock, KnownBlock, PlainTextOption } from '@slack/types';
import { Actions } from '../../src/messages/actions.js';
import type { ChoiceOption, Reply } from '../../src/messages/reply.js';
import { blockIdFor } from '../blockkit/action-values.js';
import { actionsBlocks, button, context, representable, section, selectOption } from '../blockkit/block-builders.js';
import { SlackActions } from '../blockkit/slack-actions.js';
import { plainText, SlackLimits, truncate, userMrkdwn } from '../blockkit/limits.js';
import { escapeMrkdwn } from '../blockkit/mrkdwn.js';
import { questionCardData } from './index.js';

type QuestionReply = Extract<Reply, { kind: 'question' }>;

/** Few options read best as buttons; up to Slack's limit a drop-down; beyond it type-ahead. */
export const buttonsUpTo = 5;
export const checkboxesUpTo = SlackLimits.checkboxOptions;

/** Where the answer input sits; also the block a Submit button reads (`readInput`). */
export function answerBlockId(fieldId: string): string {
  return blockIdFor({ fieldId });
}

/** A guided question as Block Kit: the prompt, one input, an error line, then Back / Cancel / Open as form. */
export function questionBlocks(reply: QuestionReply): KnownBlock[] {
  const data = questionCardData(reply);
  const blocks: KnownBlock[] = [section(`*${userMrkdwn(reply.prompt, SlackLimits.sectionText - 2)}*`)];
  if (reply.help) blocks.push(context(userMrkdwn(reply.help)));
  const input = inputBlocks(reply, data.value);
  blocks.push(...input.blocks);
  if (reply.error) blocks.push(context(`:warning: *${userMrkdwn(reply.error, SlackLimits.contextText - 20)}*`));
  const nav: Button[] = [];
  if (input.submitButton) nav.push(button({ text: 'Submit', actionId: Actions.answer, style: 'primary', values: { fieldId: reply.fieldId, readInput: answerBlockId(reply.fieldId) } }));
  if (reply.canGoBack) nav.push(button({ text: 'Back', actionId: Actions.back, values: { fieldId: reply.fieldId } }));
  nav.push(button({ text: 'Open as form', actionId: SlackActions.openForm, values: { fieldId: reply.fieldId } }));
  nav.push(button({ text: 'Cancel', actionId: Actions.cancel, style: 'danger', values: { fieldId: reply.fieldId } }));
  blocks.push(...actionsBlocks(nav));
  return blocks;
}

/** The question once answered: the answer in place of the inputs, so no stale button stays live. */
export function answeredQuestionBlocks(reply: QuestionReply, answerLabel: string): KnownBlock[] {
  return [
    section(`*${userMrkdwn(reply.prompt, SlackLimits.sectionText - 2)}*`),
    context(`:white_check_mark: ${userMrkdwn(answerLabel || '(skipped)', SlackLimits.contextText - 20)}`),
  ];
}

interface RenderedInput { blocks: KnownBlock[]; submitButton: boolean }

function inputBlocks(reply: QuestionReply, shown: unknown): RenderedInput {
  const { input, fieldId } = reply;
  const blockId = answerBlockId(fieldId);
  switch (input.type) {
    case 'yes-no':
      return { submitButton: false, blocks: actionsBlocks([
        button({ text: 'Yes', actionId: Actions.answer, style: reply.value === false ? undefined : 'primary', values: { fieldId, answer: 'yes' } }),
        button({ text: 'No', actionId: Actions.answer, ...(reply.value === false ? { style: 'primary' as const } : {}), values: { fieldId, answer: 'no' } }),
      ]) };
    case 'date': {
      const initial = typeof shown === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(shown) ? shown : undefined;
      const hint = [input.min ? `from ${input.min}` : '', input.max ? `until ${input.max}` : ''].filter(Boolean).join(' ');
      return { submitButton: false, blocks: [
        { type: 'actions', block_id: blockId, elements: [{ type: 'datepicker', action_id: Actions.answer, placeholder: plainText('Pick a date', SlackLimits.placeholder), ...(initial ? { initial_date: initial } : {}) }] },
        ...(hint ? [context(`Pick a date ${hint}.`)] : []),
      ] };
    }
    case 'text':
    case 'number':
      return { submitButton: true, blocks: [textInput(reply, blockId, shown)] };
    case 'choice':
      return input.multi ? multiChoice(reply, input.options, blockId) : singleChoice(reply, input.options, blockId);
  }
}

function textInput(reply: QuestionReply, blockId: string, shown: unknown): InputBlock {
  const { input } = reply;
  const multiline = input.type === 'text' && (input.multiline ?? false);
  const placeholder = input.type === 'text' ? input.placeholder : input.type === 'number' ? numberHint(input.min, input.max) : undefined;
  const initial = shown === null || shown === undefined ? undefined : truncate(String(shown), SlackLimits.textInput);
  return {
    type: 'input',
    block_id: blockId,
    // Enter sends a single-line answer; in a multi-line box it is a new line, so Submit sends.
    dispatch_action: !multiline,
    label: plainText('Your answer', SlackLimits.inputLabel),
    optional: true,
    element: {
      type: 'plain_text_input',
      action_id: Actions.answer,
      multiline,
      ...(multiline ? {} : { dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] } }),
      ...(placeholder ? { placeholder: plainText(placeholder, SlackLimits.placeholder) } : {}),
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

function numberHint(min?: number, max?: number): string | undefined {
  if (min !== undefined && max !== undefined) return `A number from ${min} to ${max}`;
  if (min !== undefined) return `A number, at least ${min}`;
  if (max !== undefined) return `A number, at most ${max}`;
  return 'A number';
}

function singleChoice(reply: QuestionReply, all: ChoiceOption[], blockId: string): RenderedInput {
  const options = representable(all);
  const current = typeof reply.value === 'string' ? reply.value : undefined;
  if (options.length <= buttonsUpTo) {
    const described = options.filter((o) => o.description).map((o) => `*${escapeMrkdwn(o.label)}*: ${escapeMrkdwn(o.description ?? '')}`);
    const buttons: ActionsBlockElement[] = options.map((o) => button({
      text: o.label, actionId: Actions.answer, values: { fieldId: reply.fieldId, answer: o.value }, ...(o.value === current ? { style: 'primary' as const } : {}),
    }));
    return { submitButton: false, blocks: [...(described.length ? [context(described.join('\n'))] : []), ...actionsBlocks(buttons)] };
  }
  const initial = options.find((o) => o.value === current);
  const placeholder = plainText(options.length > SlackLimits.optionsPerSelect ? 'Type to search' : 'Choose one', SlackLimits.placeholder);
  const element: ActionsBlockElement = options.length > SlackLimits.optionsPerSelect
    ? { type: 'external_select', action_id: Actions.answer, placeholder, min_query_length: 0, ...(initial ? { initial_option: selectOption(initial) } : {}) }
    : { type: 'static_select', action_id: Actions.answer, placeholder, options: options.map(selectOption), ...(initial ? { initial_option: selectOption(initial) } : {}) };
  return { submitButton: false, blocks: [{ type: 'actions', block_id: blockId, elements: [element] }] };
}

function multiChoice(reply: QuestionReply, all: ChoiceOption[], blockId: string): RenderedInput {
  const options = representable(all);
  const chosen = new Set(Array.isArray(reply.value) ? reply.value.map(String) : typeof reply.value === 'string' ? reply.value.split(',') : []);
  const initial: PlainTextOption[] = options.filter((o) => chosen.has(o.value)).map(selectOption);
  const withInitial = initial.length ? { initial_options: initial } : {};
  const element: InputBlock['element'] = options.length <= checkboxesUpTo
    ? { type: 'checkboxes', action_id: Actions.answer, options: options.map(selectOption), ...withInitial }
    : options.length <= SlackLimits.optionsPerSelect
      ? { type: 'multi_static_select', action_id: Actions.answer, placeholder: plainText('Choose one or more', SlackLimits.placeholder), options: options.map(selectOption), ...withInitial }
      : { type: 'multi_external_select', action_id: Actions.answer, placeholder: plainText('Type to search', SlackLimits.placeholder), min_query_length: 0, ...withInitial };
  return { submitButton: true, blocks: [{ type: 'input', block_id: blockId, optional: true, label: plainText('Your answer', SlackLimits.inputLabel), element }] };
}
