/**
 * Control characters (C0 but tab, line feed and carriage return; DEL) never mean anything in
 * a chat message or a form answer, and NUL cannot be stored in Postgres text or JSON. They
 * are dropped where text comes in, so every channel and both databases see the same text.
 */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(controlCharacters, '');
}

/** The same for every string in a parsed JSON value (keys too), to a bounded depth. */
export function stripControlCharacters(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutControlCharacters(value);
  if (depth > 32 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => stripControlCharacters(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutControlCharacters(k), stripControlCharacters(v, depth + 1)]));
}
