import { escapeMarkdown } from '../../../cards/adaptive-markdown.js';
import { Actions } from '../../messages/actions.js';
import type { StoredActivity } from '../../store/repositories/directline-repository.js';

/**
 * Cards that ask the person something in the conversation (a question, a choice, a summary):
 * once answered, or passed over by a typed message, only the question stays, as plain text.
 * Approval and triage cards are not among them: they change when decided, wherever that is.
 */
const conversationalActions = new Set<string>([Actions.answer, Actions.confirm, Actions.change, Actions.cancel, Actions.back, Actions.pickIntent]);

/** How far back a live card is looked for: the current question is always among the latest. */
export const liveCardLookback = 30;

type Json = Record<string, unknown>;

function cardOf(activity: StoredActivity): Json | undefined {
  const attachments = activity.attachments;
  if (!Array.isArray(attachments) || attachments.length !== 1) return undefined;
  const content = (attachments[0] as Json | undefined)?.content;
  return content && typeof content === 'object' ? (content as Json) : undefined;
}

/** Every node of a card with the given `type`, in document order (shown cards included). */
function nodesOf(card: unknown, type: string, found: Json[] = []): Json[] {
  if (Array.isArray(card)) card.forEach((c) => nodesOf(c, type, found));
  else if (card && typeof card === 'object') {
    const node = card as Json;
    if (node.type === type) found.push(node);
    Object.values(node).forEach((v) => nodesOf(v, type, found));
  }
  return found;
}

/** A bot activity whose card still asks the person something. */
export function isLiveQuestion(activity: StoredActivity): boolean {
  if ((activity.from as Json | undefined)?.role !== 'bot') return false;
  const card = cardOf(activity);
  if (!card) return false;
  return nodesOf(card, 'Action.Submit').some(
    (a) => typeof (a.data as Json | undefined)?.action === 'string' && conversationalActions.has((a.data as Json).action as string),
  );
}

/** The submit of this card that the person's values came from, if it is one of its own. */
function submitFor(card: Json, values: Json): Json | undefined {
  return nodesOf(card, 'Action.Submit').find((a) => {
    const data = a.data as Json | undefined;
    return !!data && Object.entries(data).every(([k, v]) => values[k] === v);
  });
}

/** Whether the values were posted from this card (its action and ids match). */
export function answers(activity: StoredActivity, values: Json): boolean {
  const card = cardOf(activity);
  return !!card && (activity.from as Json | undefined)?.role === 'bot' && submitFor(card, values) !== undefined;
}

/**
 * What the person said by clicking, in words, for their own chat bubble: the picked option's
 * title, a typed answer as typed, else the button's title.
 */
export function answerText(activity: StoredActivity, values: Json): string | undefined {
  const card = cardOf(activity);
  const submit = card ? submitFor(card, values) : undefined;
  if (!card || !submit) return undefined;
  const data = submit.data as Json;
  const action = data.action;
  if (action === Actions.change) {
    const fields = nodesOf(card, 'Input.ChoiceSet').find((i) => i.id === 'fieldId');
    const title = choiceTitles(fields, values.fieldId);
    return title ? `Change ${title.toLowerCase()}` : String(submit.title ?? 'Change');
  }
  if (action === Actions.answer && data.answer === undefined && values.answer !== undefined && values.answer !== null && values.answer !== '') {
    const input = nodesOf(card, 'Input.ChoiceSet').find((i) => i.id === 'answer');
    return choiceTitles(input, values.answer) ?? String(values.answer);
  }
  return typeof submit.title === 'string' ? submit.title : undefined;
}

function choiceTitles(input: Json | undefined, value: unknown): string | undefined {
  if (!input || typeof value !== 'string' || !Array.isArray(input.choices)) return undefined;
  const choices = input.choices as Json[];
  const titles = value
    .split(',')
    .map((v) => choices.find((c) => c.value === v)?.title)
    .filter((t): t is string => typeof t === 'string');
  return titles.length ? titles.join(', ') : undefined;
}

/** The card as answered: its question as plain text, nothing left to click. */
export function collapsed(activity: StoredActivity): StoredActivity {
  const card = cardOf(activity);
  const question = typeof card?.fallbackText === 'string' ? card.fallbackText : '';
  const { attachments: _attachments, ...rest } = activity;
  return { ...rest, text: escapeMarkdown(question), channelData: { answered: true } };
}
