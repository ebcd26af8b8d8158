import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installErrorHandler } from '../../src/http/error-handler.js';
import { IntegrationError, NotFoundError, ValidationError } from '../../src/shared/errors.js';

/** The production error policy on an app whose routes fail in each way a use case can. */
let app: FastifyInstance;
const logged: string[] = [];

beforeAll(async () => {
  app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => { logged.push(line); } } } });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post('/things', { schema: { body: z.object({ name: z.string().min(2), count: z.number().int() }) } }, async () => ({ ok: true }));
  app.get('/crash', async () => { throw new Error('database password is hunter2 at /srv/app.ts:12'); });
  app.get('/missing', async () => { throw new NotFoundError('No request REQ-9999'); });
  app.get('/invalid', async () => { throw new ValidationError('Some fields are wrong', { model: 'is not offered to you' }); });
  app.get('/upstream', async () => { throw new IntegrationError('identity', 'reset-password', 'HTTP 503 from https://idp.internal'); });
  await app.ready();
});
afterAll(() => app.close());

describe('The HTTP error policy', () => {
  it('When the body breaks the schema, then the 400 names each field', async () => {
    const res = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', count: 1.5 } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation', fieldErrors: { name: expect.any(String), count: expect.any(String) } });
  });

  it('When a use case refuses, then the 4xx says why', async () => {
    expect((await app.inject('/missing')).json()).toEqual({ error: 'not_found', message: 'No request REQ-9999' });
    const invalid = await app.inject('/invalid');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toEqual({ error: 'validation', message: 'Some fields are wrong', fieldErrors: { model: 'is not offered to you' } });
  });

  it('When something breaks inside, then the 500 says nothing internal and the log has the detail', async () => {
    const res = await app.inject('/crash');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('app.ts');
    expect(res.json()).toEqual({ error: 'internal', message: 'Something went wrong on our side. It has been logged.' });
    expect(logged.join('\n')).toContain('request failed');
  });

  it('When an integration fails, then the caller gets a 502 without the upstream address', async () => {
    const res = await app.inject('/upstream');
    expect(res.statusCode).toBe(502);
    expect(res.body).not.toContain('idp.internal');
  });

  it('When no route matches, then the 404 names the method and path', async () => {
    expect((await app.inject('/nowhere?x=1')).json()).toEqual({ error: 'not_found', message: 'No route GET /nowhere' });
  });
});
