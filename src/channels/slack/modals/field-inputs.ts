import type { InputBlock, PlainTextOption } from '@slack/types';
import type { Field, Option } from '../../../catalog/schema.js';
import { representable, selectOption } from '../../../../cards/blockkit/block-builders.js';
import { SlackActions } from '../../../../cards/blockkit/slack-actions.js';
import { plainText, SlackLimits, truncate } from '../../../../cards/blockkit/limits.js';

/** A handful of options read best as radio buttons in a form. */
const radioUpTo = 5;
/** The dialog asks for long text in a multi-line box past this length. */
const singleLineUpTo = 120;

const yesNo: PlainTextOption[] = [
  { text: plainText('Yes', SlackLimits.optionText), value: 'yes' },
  { text: plainText('No', SlackLimits.optionText), value: 'no' },
];

export interface FieldInputSpec {
  field: Field;
  /** Options offered to this person for these answers (choice, multi-choice, lookup). */
  options: Option[];
  value: unknown;
  /** Later fields depend on this one: dispatch so the modal can be rebuilt. */
  dispatch: boolean;
}

/**
 * One form field as an input block: block_id is the field id (what response_action errors
 * name), and every element shares one action id so a change to a field the form depends
 * on reaches one listener.
 */
export function fieldInput(spec: FieldInputSpec): InputBlock {
  const { field } = spec;
  return {
    type: 'input',
    block_id: field.id,
    label: plainText(field.label, SlackLimits.inputLabel),
    optional: !field.required,
    ...(spec.dispatch ? { dispatch_action: true } : {}),
    ...(hintFor(field) ? { hint: plainText(hintFor(field)!, SlackLimits.hint) } : {}),
    element: elementFor(spec),
  };
}

function hintFor(field: Field): string | undefined {
  const parts = [field.help, field.type === 'person' ? 'Their work email, e.g. name@example.com.' : undefined].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

function elementFor({ field, options: offered, value, dispatch }: FieldInputSpec): InputBlock['element'] {
  const action_id = SlackActions.formField;
  const options = representable(offered).map((o) => ({ value: o.value, label: o.label, ...(o.description ? { description: o.description } : {}) }));
  const current = (v: string): PlainTextOption | undefined => {
    const o = options.find((x) => x.value === v);
    return o ? selectOption(o) : undefined;
  };
  switch (field.type) {
    case 'text':
    case 'person': {
      const multiline = field.type === 'text' && (field.maxLength === undefined || field.maxLength > singleLineUpTo);
      const initial = typeof value === 'string' && value !== '' ? truncate(value, SlackLimits.textInput) : undefined;
      return {
        type: 'plain_text_input', action_id, multiline,
        ...(field.minLength ? { min_length: Math.min(field.minLength, SlackLimits.textInput) } : {}),
        max_length: Math.min(field.maxLength ?? SlackLimits.textInput, SlackLimits.textInput),
        ...(initial ? { initial_value: initial } : {}),
        ...(field.type === 'person' ? { placeholder: plainText('name@example.com', SlackLimits.placeholder) } : {}),
        // A text that others depend on updates the form as the person types, not only on Enter.
        ...(dispatch ? { dispatch_action_config: { trigger_actions_on: ['on_character_entered'] } } : {}),
      };
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return {
        type: 'number_input', action_id, is_decimal_allowed: true,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(Number.isFinite(n) ? { initial_value: String(n) } : {}),
      };
    }
    case 'date': {
      const initial = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
      return { type: 'datepicker', action_id, ...(initial ? { initial_date: initial } : {}) };
    }
    case 'yes-no': {
      const initial = value === true || value === 'yes' ? yesNo[0] : value === false || value === 'no' ? yesNo[1] : undefined;
      return { type: 'radio_buttons', action_id, options: yesNo, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'choice':
    case 'lookup': {
      const initial = typeof value === 'string' ? current(value) : undefined;
      const withInitial = initial ? { initial_option: initial } : {};
      if (options.length > 0 && options.length <= radioUpTo) return { type: 'radio_buttons', action_id, options: options.map(selectOption), ...withInitial };
      if (options.length > 0 && options.length <= SlackLimits.optionsPerSelect) {
        return { type: 'static_select', action_id, placeholder: plainText('Choose one', SlackLimits.placeholder), options: options.map(selectOption), ...withInitial };
      }
      return { type: 'external_select', action_id, placeholder: plainText('Type to search', SlackLimits.placeholder), min_query_length: 0, ...withInitial };
    }
    case 'multi-choice': {
      const chosen = (Array.isArray(value) ? value : []).map(String).map(current).filter((o): o is PlainTextOption => o !== undefined);
      const withInitial = chosen.length ? { initial_options: chosen } : {};
      if (options.length > 0 && options.length <= SlackLimits.checkboxOptions) return { type: 'checkboxes', action_id, options: options.map(selectOption), ...withInitial };
      if (options.length > 0 && options.length <= SlackLimits.optionsPerSelect) {
        return { type: 'multi_static_select', action_id, placeholder: plainText('Choose one or more', SlackLimits.placeholder), options: options.map(selectOption), ...withInitial };
      }
      return { type: 'multi_external_select', action_id, placeholder: plainText('Type to search', SlackLimits.placeholder), min_query_length: 0, ...withInitial };
    }
  }
}
