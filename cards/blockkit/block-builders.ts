import type {
  ActionsBlock, ActionsBlockElement, Button, ConfirmationDialog, ContextBlock, HeaderBlock, KnownBlock, PlainTextOption, SectionBlock,
} from '@slack/types';
import type { ChoiceOption } from '../../src/messages/reply.js';
import { actionValue, chunk, mrkdwn, plainText, SlackLimits, truncate, userMrkdwn } from './limits.js';
import { escapeMrkdwnLine } from './mrkdwn.js';
import { withUniqueActionIds } from './action-ids.js';
import { SlackActions } from './slack-actions.js';

/** A section of composed mrkdwn (user parts already escaped by the caller). */
export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text, SlackLimits.sectionText) };
}

/** A section of user text, escaped and cut to the section limit. */
export function userSection(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(userMrkdwn(text, SlackLimits.sectionText)) };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text, SlackLimits.headerText) };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, SlackLimits.contextElements).map((t) => mrkdwn(t, SlackLimits.contextText)) };
}

/** "*Label:* value" section fields, ten per section, each within the field limit. */
export function fieldSections(facts: Array<{ label: string; value: string }>): SectionBlock[] {
  const fields = facts.map((f) => mrkdwn(`*${escapeMrkdwnLine(f.label)}*\n${userMrkdwn(f.value || '-', SlackLimits.sectionFieldText - 200)}`, SlackLimits.sectionFieldText));
  return chunk(fields, SlackLimits.fieldsPerSection).map((group) => ({ type: 'section', fields: group }));
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  values: Record<string, unknown>;
  style?: 'primary' | 'danger';
  confirm?: ConfirmationDialog;
}

export function button(spec: ButtonSpec): Button {
  return {
    type: 'button',
    text: plainText(spec.text, SlackLimits.buttonText),
    action_id: spec.actionId,
    value: actionValue(spec.values),
    ...(spec.style ? { style: spec.style } : {}),
    ...(spec.confirm ? { confirm: spec.confirm } : {}),
  };
}

/** Elements in as many actions blocks as the per-block limit needs, ids unique per block. */
export function actionsBlocks(elements: ActionsBlockElement[], blockId?: string): ActionsBlock[] {
  return chunk(elements, SlackLimits.elementsPerActions).map((group, i) => ({
    type: 'actions',
    ...(blockId ? { block_id: i === 0 ? blockId : `${blockId}#${i + 1}` } : {}),
    elements: withUniqueActionIds(group),
  }));
}

/** Options Slack can carry: values longer than its limit could not come back intact. */
export function representable<T extends { value: string }>(options: readonly T[]): T[] {
  return options.filter((o) => o.value.length > 0 && o.value.length <= SlackLimits.optionValue);
}

export function selectOption(option: ChoiceOption): PlainTextOption {
  return {
    text: plainText(option.label, SlackLimits.optionText),
    value: option.value,
    ...(option.description ? { description: plainText(option.description, SlackLimits.optionDescription) } : {}),
  };
}

export function confirmDialog(input: { title: string; text: string; confirm: string; deny?: string; danger?: boolean }): ConfirmationDialog {
  return {
    title: plainText(input.title, SlackLimits.confirmTitle),
    text: plainText(truncate(input.text, SlackLimits.confirmText), SlackLimits.confirmText),
    confirm: plainText(input.confirm, SlackLimits.confirmButton),
    deny: plainText(input.deny ?? 'Not yet', SlackLimits.confirmButton),
    ...(input.danger ? { style: 'danger' as const } : {}),
  };
}

/** A "Show more" button; the value names the list and the page to show next. */
export function showMoreBlock(values: { list: string; page: number }, note: string): KnownBlock[] {
  return [
    context(note),
    { type: 'actions', elements: [button({ text: 'Show more', actionId: SlackActions.showMore, values })] },
  ];
}
