import type { Field, NotAllowed, Option } from '../../catalog/schema.js';
import type { DirectoryProvider } from '../../directory/person.js';

/** A field as the NLU's extraction needs it: choice and lookup fields carry their options. */
export interface ExtractionField {
  id: string;
  type: Field['type'];
  options?: Array<{ value: string; label: string; synonyms?: string[] }>;
}

/**
 * Finds values (a product, "next monday") for fields in a text; the NLU provides it. Dates
 * are resolved in `timeZone` when given, else in the zone the NLU was built with.
 */
export type ExtractFieldValues = (text: string, fields: readonly ExtractionField[], options: { now: Date; timeZone?: string }) => Record<string, unknown>;

export interface AnswerContext {
  field: Field;
  /** The options offered for choice, multi-choice and lookup fields. */
  options: readonly Option[];
  /** Options the field has but does not offer this person (e.g. a device for other roles). */
  unavailable: readonly Option[];
  /** What the catalog says is not allowed for this field, with the reason. */
  notAllowed: readonly NotAllowed[];
  now: Date;
  /** IANA zone the calendar is read in: which day is today, and the date limits. */
  timeZone: string;
  directory: DirectoryProvider;
  /** Who is asking: "me" in a person field is them. */
  requester: { email: string };
  extractFieldValues: ExtractFieldValues;
}

export type AnswerResult = { ok: true; value: unknown } | { ok: false; error: string };

/** One function per field type: raw input (typed text or a card value) to a stored value. */
export type AnswerParser = (raw: unknown, ctx: AnswerContext) => Promise<AnswerResult>;

export const ok = (value: unknown): AnswerResult => ({ ok: true, value });
export const invalid = (error: string): AnswerResult => ({ ok: false, error });

export function asText(raw: unknown): string {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return '';
}
