import { z } from 'zod';
import { SlackLimits } from './limits.js';
import { sharedActionId } from './action-ids.js';

/**
 * How our blocks carry what the engine needs: a button's `value` is a JSON object (the
 * action's values); a select, date picker or text input sits in a block whose `block_id`
 * is a JSON object of the fixed values, and the picked value is added as `value`. A
 * "Submit" button that reads an input names that input's block in `readInput`.
 */
export function blockIdFor(values: Record<string, string>): string {
  const id = JSON.stringify(values);
  if (id.length > SlackLimits.blockId) throw new RangeError(`a Slack block_id is limited to ${SlackLimits.blockId} characters`);
  return id;
}

const jsonObject = z.string().transform((text, ctx) => {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through: not ours, or tampered with
  }
  ctx.addIssue({ code: 'custom', message: 'not a JSON object' });
  return z.NEVER;
});

function objectFrom(text: string | undefined | null): Record<string, unknown> {
  const parsed = jsonObject.safeParse(text ?? '');
  return parsed.success ? parsed.data : {};
}

export function valuesFromBlockId(blockId: string | undefined): Record<string, unknown> {
  return objectFrom(blockId);
}

const selectedOption = z.object({ value: z.string() }).loose();

/** The part of an element's state or action payload that carries what was picked or typed. */
const elementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: selectedOption.nullish(),
  selected_options: z.array(selectedOption).nullish(),
  selected_date: z.string().nullish(),
}).loose();
type ElementState = z.infer<typeof elementState>;

const blockAction = elementState.extend({ action_id: z.string().min(1), block_id: z.string().optional() });

export const viewStateValues = z.record(z.string(), z.record(z.string(), elementState));

/** What an element holds: a string, a list (multi-selects, checkboxes), or null when empty. */
export function pickedValue(element: ElementState): string | string[] | null {
  if (element.type === 'button') return null;
  if (element.selected_options) return element.selected_options.map((o) => o.value);
  if (element.selected_option) return element.selected_option.value;
  if (element.selected_date) return element.selected_date;
  if (typeof element.value === 'string') return element.value;
  return null;
}

export interface SlackTurnAction {
  /** The shared action id (src/conversation/actions.ts) or a SlackActions id. */
  id: string;
  values: Record<string, unknown>;
}

/**
 * A block_actions action (and the message's or view's `state.values`) as a Turn action.
 * Undefined when the payload is not one of ours; tampered values only ever reach the
 * engine as data it validates again.
 */
export function actionValuesFrom(action: unknown, state?: unknown): SlackTurnAction | undefined {
  const parsed = blockAction.safeParse(action);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  const fixed = valuesFromBlockId(a.block_id);
  const id = sharedActionId(a.action_id);
  if (a.type !== 'button') return { id, values: { ...fixed, value: pickedValue(a) } };
  const { readInput, ...values } = objectFrom(a.value);
  if (typeof readInput !== 'string') return { id, values: { ...fixed, ...values } };
  return { id, values: { ...fixed, ...values, answer: inputValue(state, readInput) } };
}

/** The value of the single element in one input block of `state.values`. */
export function inputValue(state: unknown, blockId: string): string | string[] | null {
  const values = viewStateValues.safeParse(state && typeof state === 'object' && 'values' in state ? state.values : state);
  if (!values.success) return null;
  const elements = Object.values(values.data[blockId] ?? {});
  return elements[0] ? pickedValue(elements[0]) : null;
}
