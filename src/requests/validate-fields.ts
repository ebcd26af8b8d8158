import type { Catalog } from '../catalog/catalog.js';
import { fieldPattern, textLimit } from '../catalog/text-limits.js';
import type { Field, RequestType } from '../catalog/schema.js';
import type { DirectoryProvider, Person } from '../directory/person.js';
import { dateBounds, isIsoDate, outsideBounds } from '../calendar/calendar.js';
import { ValidationError } from '../shared/errors.js';

export interface ValidateFieldsInput {
  catalog: Catalog;
  requestType: RequestType;
  requester: Person;
  fields: Record<string, unknown>;
  /** When given, `person` fields must name someone in the directory. */
  directory?: DirectoryProvider;
  /** Today as YYYY-MM-DD in the configured zone (calendar's isoToday), for date limits. */
  today: string;
}

export type FieldCheck = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Checks answers against the request type as the server sees it: each value coerced to its
 * stored form, options valid for this requester, limits and patterns held, required visible
 * fields present, hidden and unknown fields dropped. Throws ValidationError with one message
 * per field; returns the cleaned answers.
 */
export async function validateFields(input: ValidateFieldsInput): Promise<Record<string, unknown>> {
  const { catalog, requestType, requester } = input;
  const errors: Record<string, string> = {};
  const coerced: Record<string, unknown> = {};
  for (const field of requestType.fields) {
    const raw = input.fields[field.id];
    if (isEmpty(raw)) continue;
    const check = checkValue(field, raw, input.today);
    if (check.ok) coerced[field.id] = check.value;
    else errors[field.id] = check.error;
  }
  const visible = catalog.visibleFields(requestType, { requester, fields: coerced, cost: catalog.costOf(requestType, coerced) });
  const cleaned: Record<string, unknown> = {};
  for (const field of visible) {
    if (errors[field.id]) continue;
    const value = coerced[field.id];
    if (value === undefined) {
      if (field.required) errors[field.id] = `${field.label} is required`;
      continue;
    }
    const problem = await checkAllowed(field, value, { ...input, fields: coerced });
    if (problem) errors[field.id] = problem;
    else cleaned[field.id] = value;
  }
  for (const id of Object.keys(errors)) if (!visible.some((f) => f.id === id)) delete errors[id];
  if (Object.keys(errors).length) throw new ValidationError('Some answers need another look', errors);
  return cleaned;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** Shape, type and limits of one value; no catalog or directory needed. */
export function checkValue(field: Field, raw: unknown, today: string): FieldCheck {
  switch (field.type) {
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, error: `${field.label} must be text` };
      if (raw.length > 2 * textLimit(field)) return { ok: false, error: `${field.label} can have at most ${textLimit(field)} characters` };
      const value = raw.trim();
      if (field.minLength !== undefined && value.length < field.minLength) return { ok: false, error: `${field.label} needs at least ${field.minLength} characters` };
      // The length first: no pattern ever runs over a value longer than the field allows.
      if (value.length > textLimit(field)) return { ok: false, error: `${field.label} can have at most ${textLimit(field)} characters` };
      if (field.pattern && !fieldPattern(field)!.test(value)) return { ok: false, error: field.patternMessage ?? `${field.label} is not in the expected format` };
      return { ok: true, value };
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return { ok: false, error: `${field.label} must be a number` };
      if (field.min !== undefined && n < field.min) return { ok: false, error: `${field.label} must be at least ${field.min}` };
      if (field.max !== undefined && n > field.max) return { ok: false, error: `${field.label} must be at most ${field.max}` };
      return { ok: true, value: n };
    }
    case 'date': {
      if (typeof raw !== 'string' || !isIsoDate(raw.trim())) return { ok: false, error: `${field.label} must be a date (YYYY-MM-DD)` };
      const value = raw.trim();
      const bounds = dateBounds(field, today);
      const outside = outsideBounds(value, bounds);
      if (outside === 'before') return { ok: false, error: `${field.label} must be on or after ${bounds.min}` };
      if (outside === 'after') return { ok: false, error: `${field.label} must be on or before ${bounds.max}` };
      return { ok: true, value };
    }
    case 'yes-no': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (typeof raw === 'string' && /^(yes|y|true)$/i.test(raw.trim())) return { ok: true, value: true };
      if (typeof raw === 'string' && /^(no|n|false)$/i.test(raw.trim())) return { ok: true, value: false };
      return { ok: false, error: `${field.label} must be yes or no` };
    }
    case 'multi-choice': {
      const values = Array.isArray(raw) ? raw : [raw];
      if (!values.every((v) => typeof v === 'string' && v.trim() !== '')) return { ok: false, error: `${field.label} must be a list of choices` };
      return { ok: true, value: [...new Set(values.map((v) => (v as string).trim()))] };
    }
    case 'choice':
    case 'lookup':
      if (typeof raw !== 'string') return { ok: false, error: `${field.label} must be one of the offered choices` };
      return { ok: true, value: raw.trim() };
    case 'person': {
      if (typeof raw !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.trim())) return { ok: false, error: `${field.label} must be an email address` };
      return { ok: true, value: raw.trim().toLowerCase() };
    }
  }
}

async function checkAllowed(field: Field, value: unknown, input: ValidateFieldsInput): Promise<string | undefined> {
  if (field.type === 'choice' || field.type === 'lookup' || field.type === 'multi-choice') {
    const offered = new Set(input.catalog.optionsFor(field, { requester: input.requester, fields: input.fields }).map((o) => o.value));
    const chosen = Array.isArray(value) ? value.map(String) : [String(value)];
    const bad = chosen.filter((v) => !offered.has(v));
    if (bad.length) return `${bad.join(', ')} is not one of the choices for ${field.label}`;
  }
  if (field.type === 'person' && input.directory && !(await input.directory.findByEmail(String(value)))) {
    return `${String(value)} is not in the directory`;
  }
  return undefined;
}

