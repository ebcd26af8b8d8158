import { dateBounds } from '../calendar/calendar.js';
import type { Catalog, ConditionContext } from '../catalog/catalog.js';
import type { Field, RequestType } from '../catalog/schema.js';
import type { Person } from '../directory/person.js';
import type { QuestionInput, Reply } from '../messages/reply.js';
import type { DialogState } from './dialog-state.js';
import { displayValue } from '../catalog/display-value.js';

export { displayValue } from '../catalog/display-value.js';
import { formatCost } from '../request-records/display-fields.js';
import { maskedValue } from '../messages/masked-value.js';

export type QuestionReply = Extract<Reply, { kind: 'question' }>;
export type SummaryReply = Extract<Reply, { kind: 'summary' }>;

/** Answers as conditions see them: skipped optional fields are absent. */
export function conditionContext(requester: Person, answers: Record<string, unknown>): ConditionContext {
  return { requester, fields: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== undefined)) };
}

export function prefillValue(field: Field, requester: Person): unknown {
  if (!field.prefill) return undefined;
  const value = requester[field.prefill.profile];
  return value === undefined || value === '' ? undefined : value;
}

/**
 * What tells options apart where it decides something: the price when the request's cost
 * comes from this field, and that a price over a cost threshold of the approval asks one
 * more approver; then the option's own note.
 */
function optionNote(requestType: RequestType, field: Field, option: { cost?: number | undefined; description?: string | undefined }): string | undefined {
  const priced = requestType.cost?.fromField === field.id && option.cost !== undefined;
  const thresholds = (requestType.approval?.stages ?? []).flatMap((s) => (s.when?.cost && s.when.over !== undefined ? [s.when.over] : []));
  const parts = [
    priced ? formatCost(option.cost, requestType.cost?.currency ?? 'EUR') : undefined,
    priced && thresholds.some((over) => option.cost! > over) ? 'needs an extra approval' : undefined,
    option.description,
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : undefined;
}

function inputFor(field: Field, catalog: Catalog, ctx: ConditionContext, today: string, requestType: RequestType): QuestionInput {
  switch (field.type) {
    case 'choice':
    case 'lookup':
    case 'multi-choice':
      return {
        type: 'choice',
        options: catalog.optionsFor(field, ctx).map((o) => {
          const description = optionNote(requestType, field, o);
          return { value: o.value, label: o.label, ...(description ? { description } : {}) };
        }),
        ...(field.type === 'multi-choice' ? { multi: true } : {}),
      };
    case 'date':
      // The same bounds the server validates against (validateFields), so the picker offers no day it refuses.
      return { type: 'date', ...dateBounds(field, today) };
    case 'number':
      return { type: 'number', ...(field.min !== undefined ? { min: field.min } : {}), ...(field.max !== undefined ? { max: field.max } : {}) };
    case 'yes-no':
      return { type: 'yes-no' };
    case 'person':
      return { type: 'text', placeholder: 'Name or email' };
    case 'text':
      return {
        type: 'text',
        multiline: field.maxLength === undefined || field.maxLength > 120,
        ...(field.required ? { required: true } : {}),
        ...(field.pattern ? { pattern: field.pattern, ...(field.patternMessage ? { patternMessage: field.patternMessage } : {}) } : {}),
      };
  }
}

export function questionReply(input: {
  catalog: Catalog; requestType: RequestType; field: Field; state: DialogState; requester: Person;
  /** Today as YYYY-MM-DD in the configured zone (calendar's isoToday), for a date field's bounds. */
  today: string;
  error?: string;
}): QuestionReply {
  const { catalog, requestType, field, state, requester, today, error } = input;
  const ctx = conditionContext(requester, state.answers);
  // A sensitive answer is never sent back (the question, like the summary, is stored by channels).
  const value = field.sensitive ? undefined : field.id in state.drafts ? state.drafts[field.id] : prefillValue(field, requester);
  return {
    kind: 'question',
    fieldId: field.id,
    prompt: catalog.interpolate(field.prompt, { ...ctx, requestType }),
    ...(field.help ? { help: field.help } : {}),
    input: inputFor(field, catalog, ctx, today, requestType),
    ...(value !== undefined && value !== null ? { value } : {}),
    ...(error ? { error } : {}),
    canGoBack: state.asked.length > 0,
  };
}

/** How a stored answer reads on the summary; a sensitive one is masked (channels keep what they show). */
export function summaryReply(input: { catalog: Catalog; requestType: RequestType; visible: Field[]; state: DialogState }): SummaryReply {
  const { catalog, requestType, visible, state } = input;
  const cost = catalog.costOf(requestType, state.answers);
  const currency = requestType.cost?.currency ?? 'EUR';
  return {
    kind: 'summary',
    title: requestType.title,
    requestTypeId: requestType.id,
    fields: visible.filter((f) => state.answers[f.id] !== null && state.answers[f.id] !== undefined)
      .map((f) => ({ fieldId: f.id, label: f.label, value: f.sensitive ? maskedValue : displayValue(catalog, f, state.answers[f.id]) })),
    ...(cost !== undefined ? { cost: formatCost(cost, currency) } : {}),
    notes: ['Confirm to send it, change an answer, or cancel.'],
  };
}

export function changeChoices(visible: Field[], actionId: string): Reply {
  return {
    kind: 'choices',
    text: 'Which answer would you like to change?',
    actionId,
    options: visible.map((f) => ({ value: f.id, label: f.label })),
  };
}
