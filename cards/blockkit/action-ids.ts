import type { ActionsBlockElement } from '@slack/types';

/**
 * Slack refuses two elements with the same action_id in one block, while our buttons share
 * ids by meaning (every choice button is `dialog.answer`). Repeats get a `#n` suffix; the
 * Slack channel strips it with sharedActionId before building a Turn.
 */
const suffix = /#\d+$/;

export function sharedActionId(slackActionId: string): string {
  return slackActionId.replace(suffix, '');
}

/** Matches a shared id with or without the suffix, for registering Bolt listeners. */
export function slackActionPattern(sharedId: string): RegExp {
  return new RegExp(`^${sharedId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(#\\d+)?$`);
}

export function withUniqueActionIds<T extends ActionsBlockElement>(elements: T[]): T[] {
  const seen = new Map<string, number>();
  return elements.map((element) => {
    const id = element.action_id;
    if (id === undefined) return element;
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? element : { ...element, action_id: `${id}#${count}` };
  });
}
