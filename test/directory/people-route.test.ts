import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/test-app.js';

describe('GET /api/v1/people', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  async function start(env: Record<string, string>): Promise<FastifyInstance> {
    running = await buildTestApp({ name: 'people', env });
    return running.app;
  }

  it('When the app runs embedded, then the directory is listed for the person picker', async () => {
    const res = await (await start({ FRONTDOOR_MODE: 'embedded' })).inject({ method: 'GET', url: '/api/v1/people' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { people: Array<{ email: string; name: string; managerEmail?: string; groups: string[] }> };
    expect(body.people.length).toBeGreaterThanOrEqual(28);
    const sam = body.people.find((p) => p.email === 'sam.patel@example.com');
    expect(sam).toMatchObject({ name: 'Sam Patel', managerEmail: 'dana.lee@example.com', role: 'engineer', department: 'Engineering' });
    const names = body.people.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('When the app runs secure, then the directory is not exposed', async () => {
    const res = await (await start({ FRONTDOOR_MODE: 'secure', DIRECTLINE_SECRET: 'a-secret-of-sixteen-chars' })).inject({ method: 'GET', url: '/api/v1/people' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('example.com');
  });
});
