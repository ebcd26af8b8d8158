import { createRequire } from 'node:module';
import { stdSerializers, type LoggerOptions } from 'pino';
import { maskedValue } from '../messages/masked-value.js';

/** Keys whose values never reach a log line, at any depth (headers, nested settings, bodies). */
const secretKey = /(password|passwd|secret|token|apikey|authorization|cookie|signature)$/;

function isSecretKey(key: string): boolean {
  return secretKey.test(key.toLowerCase().replace(/[-_]/g, ''));
}

/** Plain objects and arrays with every secret-named key masked; other values (errors, requests) as they are. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSecretKey(k) ? maskedValue : redactDeep(v, depth + 1)]));
}

/**
 * A failed query's error names its SQL and its parameters (people's answers, emails): the
 * log keeps the SQL and the database's own reason, never the parameters.
 */
const queryParams = /\nparams: [^\n]*/g;

function errorWithoutParams(error: Error): Record<string, unknown> {
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  const clean = (text: unknown) => (typeof text === 'string' ? text.replace(queryParams, '\nparams: (not logged)') : text);
  const { params: _params, ...rest } = serialized;
  return { ...rest, message: clean(serialized.message), stack: clean(serialized.stack) };
}

/**
 * Readable lines for a person at a terminal: time, level and message on one line, the
 * details after it. pino-pretty is a development dependency: without it (a production
 * install) the log stays JSON.
 */
function prettyTransport(): LoggerOptions['transport'] | undefined {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return {
    target: 'pino-pretty',
    options: {
      colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,reqId,req,res,responseTime', singleLine: true,
      // A request reads as one line: "request completed GET /api/v1/requests 200 (4 ms)".
      messageFormat: '{msg}{if req.method} {req.method} {req.url}{end}{if res.statusCode} {res.statusCode} ({responseTime} ms){end}',
    },
  };
}

/** The configured log format: readable lines in development unless LOG_FORMAT says otherwise. */
export function logFormat(config: { NODE_ENV: string; LOG_FORMAT?: 'pretty' | 'json' | undefined }): 'pretty' | 'json' {
  return config.LOG_FORMAT ?? (config.NODE_ENV === 'development' ? 'pretty' : 'json');
}

export function loggerOptions(level: string, format: 'pretty' | 'json' = 'json'): LoggerOptions {
  const transport = format === 'pretty' ? prettyTransport() : undefined;
  return {
    level,
    ...(transport ? { transport } : {}),
    // Headers Fastify logs by path; everything else by key name at any depth.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-slack-signature"]'], censor: maskedValue },
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    serializers: { err: (error: unknown) => (error instanceof Error ? errorWithoutParams(error) : error) },
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
