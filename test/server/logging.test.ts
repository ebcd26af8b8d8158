import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/shared/logger.js';
import { DrizzleQueryError } from 'drizzle-orm';

function capture(): { log: pino.Logger; lines: () => Array<Record<string, unknown>>; raw: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { log: pino(loggerOptions('debug'), stream), lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>), raw: () => chunks.join('') };
}


describe('Personal data and secrets stay out of logs', () => {
  it('When a detail holds secrets at any depth, then every one is masked and the rest is kept', () => {
    const { log, lines } = capture();
    log.info({ settings: { slack: { botToken: 'xoxb-secret-1', signingSecret: 'sign-2', channel: 'C1' } }, calls: [{ headers: { Authorization: 'Bearer fd_3', 'x-request-id': 'r-1' } }], apiKey: 'sk-4' }, 'configured');
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/xoxb-secret-1|sign-2|fd_3|sk-4/);
    expect(line).toMatchObject({ settings: { slack: { botToken: '••••', signingSecret: '••••', channel: 'C1' } }, calls: [{ headers: { Authorization: '••••', 'x-request-id': 'r-1' } }], apiKey: '••••' });
  });

  it('When a database query fails, then the log has the SQL and the reason with its stack, never the parameters', () => {
    // How drizzle reports a failed query: its message carries the SQL and every parameter.
    const error = new DrizzleQueryError('insert into "api_tokens" ("id", "person_id") values ($1, $2)', ['t-1', 'private.person@example.com'], new Error('duplicate key value violates unique constraint "api_tokens_pkey"'));
    expect(error.message).toContain('private.person@example.com');
    const { log, raw, lines } = capture();
    log.error({ err: error }, 'storing a token failed');
    expect(raw()).not.toContain('private.person@example.com');
    const err = lines()[0]!.err as { message: string; stack: string };
    expect(err.message).toMatch(/insert into "api_tokens"/);
    expect(err.message).toContain('params: (not logged)');
    expect(err.stack).toMatch(/\n\s+at /);
    expect(JSON.stringify(err)).toContain('duplicate key value violates unique constraint');
  });
});
