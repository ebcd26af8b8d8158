import type { LoggerOptions } from 'pino';
import { maskedValue } from '../messages/masked-value.js';

/** Keys whose values never reach a log line. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: maskedValue },
  };
}

/**
 * The logger every module receives (pino's shape): a detail object first, then the message.
 * Unexpected errors go in as `{ err }` with the Error itself, so the log keeps its stack.
 */
export interface Logger {
  error(detail: object, message: string): void;
  warn(detail: object, message: string): void;
  info(detail: object, message: string): void;
  debug(detail: object, message: string): void;
}
