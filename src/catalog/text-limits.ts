import safeRegex from 'safe-regex2';

/** The longest text answer a field without its own `maxLength` takes. */
export const defaultTextLimit = 2000;

/** How long a text answer to the field may be; checked before any pattern runs. */
export function textLimit(field: { maxLength?: number | undefined }): number {
  return field.maxLength ?? defaultTextLimit;
}

/**
 * Why a catalog pattern cannot be used, or undefined. A pattern must compile and must not
 * backtrack catastrophically (nested or overlapping repetition, as safe-regex2 judges it):
 * an employee's answer must never be able to hang the server.
 */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
  } catch (error) {
    return `is not a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
  return safeRegex(pattern) ? undefined : 'may take exponential time on some answers (nested or overlapping repetition); rewrite it without a repeated group that itself repeats';
}

const compiled = new Map<string, RegExp>();

/** The field's pattern, compiled once. */
export function fieldPattern(field: { pattern?: string | undefined }): RegExp | undefined {
  if (field.pattern === undefined) return undefined;
  let found = compiled.get(field.pattern);
  if (!found) {
    found = new RegExp(field.pattern);
    compiled.set(field.pattern, found);
  }
  return found;
}
