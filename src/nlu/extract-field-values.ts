import { calendarDateIn } from '../calendar/calendar.js';
import { findDates, type DateMention } from './date-expressions.js';
import { isBetter, isWithin, matchMention, type FieldOption, type OptionMatch } from './option-matching.js';
import { tokenize } from './tokenize.js';

export type FieldType = 'choice' | 'lookup' | 'date' | 'number' | 'text' | 'multi-choice' | 'person' | 'yes-no';

export interface ExtractableField {
  id: string;
  type: FieldType;
  options?: FieldOption[];
}

export interface ExtractionContext {
  now: Date;
  /** IANA zone that "today" is computed in; the process's zone when absent. */
  timeZone?: string;
}

const YES = new Set(['yes', 'y', 'yeah', 'yep', 'sure', 'ok', 'okay', 'correct', 'please do']);
const NO = new Set(['no', 'n', 'nope', 'nah', 'no thanks', 'not really']);
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, twenty: 20, fifty: 50, hundred: 100,
};

/**
 * Values for the fields that the text states clearly, keyed by field id. A field is left
 * out when the text does not mention it or could mean more than one value: a wrong
 * pre-filled answer costs the user more than a question. Multi-choice values are joined
 * with commas; yes-no values are "yes" or "no"; person and free-text fields are never
 * filled from the utterance.
 */
export function extractFieldValues(
  text: string,
  fields: readonly ExtractableField[],
  context: ExtractionContext,
): Record<string, string | number> {
  const tokens = tokenize(text);
  const dates = findDates(text, calendarDateIn(context.now, context.timeZone));
  const distinctDates = [...new Set(dates.map((d) => d.iso))];
  const values: Record<string, string | number> = {};
  const fieldsOfType = (type: FieldType): number => fields.filter((f) => f.type === type).length;

  for (const field of fields) {
    const value = extractOne(field);
    if (value !== undefined) values[field.id] = value;
  }
  return values;

  function extractOne(field: ExtractableField): string | number | undefined {
    switch (field.type) {
      case 'choice':
      case 'lookup':
        return field.options ? singleOption(tokens, field.options) : undefined;
      case 'multi-choice':
        return field.options ? allOptions(tokens, field.options) : undefined;
      case 'date':
        return fieldsOfType('date') === 1 && distinctDates.length === 1 ? distinctDates[0] : undefined;
      case 'number':
        return fieldsOfType('number') === 1 ? singleNumber(text, dates) : undefined;
      case 'yes-no':
        return yesOrNo(tokens);
      case 'person':
      case 'text':
        return undefined;
    }
  }
}

function optionMatches(tokens: readonly string[], options: readonly FieldOption[]): OptionMatch[] {
  return options.map((option) => matchMention(tokens, option)).filter((m): m is OptionMatch => m !== undefined);
}

/**
 * The one option mentioned, preferring the most specific phrase where phrases overlap
 * ("adobe acrobat" over "adobe"); nothing when two options are named in different places.
 */
function singleOption(tokens: readonly string[], options: readonly FieldOption[]): string | undefined {
  const matches = withoutPurpose(tokens, optionMatches(tokens, options));
  const best = matches.reduce<OptionMatch | undefined>((a, b) => (a === undefined || isBetter(b, a) ? b : a), undefined);
  if (!best) return undefined;
  const rivals = matches.filter((m) => m.value !== best.value && !(isWithin(m, best) && isBetter(best, m)));
  return rivals.length === 0 ? best.value : undefined;
}

const PURPOSE_WORDS = new Set(['for', 'because', 'since', 'as']);

/**
 * "Figma for a design project": what follows a purpose word after the first option named
 * says what it is for, not a second option ("project" is also Microsoft Project).
 */
function withoutPurpose(tokens: readonly string[], matches: OptionMatch[]): OptionMatch[] {
  const first = Math.min(...matches.map((m) => m.end));
  const purpose = tokens.findIndex((t, i) => i >= first && PURPOSE_WORDS.has(t));
  return purpose < 0 ? matches : matches.filter((m) => m.start < purpose);
}

function allOptions(tokens: readonly string[], options: readonly FieldOption[]): string | undefined {
  const values = [...new Set(optionMatches(tokens, options).map((m) => m.value))];
  return values.length > 0 ? values.join(',') : undefined;
}

/** The only number in the text outside date expressions, if there is exactly one. */
function singleNumber(text: string, dates: readonly DateMention[]): number | undefined {
  let rest = text.toLowerCase();
  for (const date of [...dates].reverse()) rest = rest.slice(0, date.start) + ' ' + rest.slice(date.end);
  const numbers = [
    // Stand-alone numbers only: not "8gb", "6:30" or "v2".
    ...[...rest.matchAll(/(?<![\w./:-])\d+(?:\.\d+)?(?![\w/:-]|\.\d)/g)].map((m) => Number(m[0])),
    ...tokenize(rest)
      .filter((t) => t in NUMBER_WORDS)
      .map((t) => NUMBER_WORDS[t]),
  ];
  const distinct = [...new Set(numbers)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

function yesOrNo(tokens: readonly string[]): string | undefined {
  const answer = tokens.join(' ');
  if (YES.has(answer)) return 'yes';
  if (NO.has(answer)) return 'no';
  return undefined;
}
