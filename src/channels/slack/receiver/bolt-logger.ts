import { LogLevel, type Logger } from '@slack/bolt';

interface AppLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Bolt and the WebClient log through the app's pino logger, so nothing reaches the console unformatted. */
export function boltLogger(log: AppLog): Logger {
  const line = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...msg) => log.debug({ source: 'slack' }, line(msg)),
    info: (...msg) => log.info({ source: 'slack' }, line(msg)),
    warn: (...msg) => log.warn({ source: 'slack' }, line(msg)),
    error: (...msg) => log.error({ source: 'slack' }, line(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
