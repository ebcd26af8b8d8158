import type { KnownBlock, MrkdwnElement, PlainTextElement } from '@slack/types';
import { escapeMrkdwn } from './mrkdwn.js';

/**
 * Block Kit limits Slack enforces (chat.postMessage, views.open and views.publish answer
 * `invalid_blocks` past them). Option text is 75 characters; 150 is the option value.
 */
export const SlackLimits = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFieldText: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  actionValue: 2000,
  elementsPerActions: 25,
  optionsPerSelect: 100,
  optionGroups: 100,
  optionText: 75,
  optionDescription: 75,
  optionValue: 150,
  checkboxOptions: 10,
  radioOptions: 10,
  inputLabel: 2000,
  hint: 2000,
  placeholder: 150,
  textInput: 3000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  blockId: 255,
  actionId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Slack cuts the notification text at 40,000; long fallbacks are unreadable well before. */
  fallbackText: 3000,
} as const;

const ellipsis = '…';

/** Cuts text to `max` characters with an ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ellipsis.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ellipsis;
}

/** Cuts already-escaped mrkdwn without leaving half an entity (`&am…`). */
export function truncateMrkdwn(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const cut = truncate(escaped, max);
  return cut.slice(0, -ellipsis.length).replace(/&[a-z]{0,4}$/, '') + ellipsis;
}

/** User text as mrkdwn, escaped and within a limit. */
export function userMrkdwn(text: string, max: number = SlackLimits.sectionText): string {
  return truncateMrkdwn(escapeMrkdwn(text), max);
}

/** A mrkdwn text object from mrkdwn the caller has composed (user parts already escaped). */
export function mrkdwn(text: string, max: number = SlackLimits.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text.trim() === '' ? '-' : text, max) };
}

/** A plain_text object; Slack refuses empty text, and plain text never parses mentions. */
export function plainText(text: string, max: number): PlainTextElement {
  const trimmed = text.trim();
  return { type: 'plain_text', text: truncate(trimmed === '' ? '-' : trimmed, max), emoji: true };
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
  /** The first item's position (1-based), for "showing 11–20 of 60". */
  from: number;
  to: number;
}

/** One page of items; a page past the end shows the last one. */
export function paginate<T>(items: readonly T[], page: number, perPage: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (current - 1) * perPage;
  const slice = items.slice(start, start + perPage);
  return { items: slice, page: current, pages, total: items.length, from: slice.length ? start + 1 : 0, to: start + slice.length };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Keeps a block list within `max`. Past it, the tail is replaced by `overflow` (a "Show
 * more" button or a note) so the person knows something was left out.
 */
export function fitBlocks(blocks: KnownBlock[], max: number, overflow?: (hidden: number) => KnownBlock): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  const hidden = blocks.length - kept.length;
  const note: KnownBlock = overflow
    ? overflow(hidden)
    : { type: 'context', elements: [mrkdwn(`_${hidden} more not shown._`)] };
  return [...kept, note];
}

/** A button or option value: compact JSON Slack hands back verbatim on click. */
export function actionValue(values: Record<string, unknown>): string {
  const json = JSON.stringify(values);
  if (json.length > SlackLimits.actionValue) {
    throw new RangeError(`a Slack action value is limited to ${SlackLimits.actionValue} characters`);
  }
  return json;
}
