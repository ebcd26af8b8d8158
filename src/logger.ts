import type { LoggerOptions } from 'pino';
import { maskedValue } from './audit/mask.js';

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
