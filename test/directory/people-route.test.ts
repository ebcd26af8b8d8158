import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { buildDeps } from '../../src/deps.js';

describe('GET /api/v1/people', () => {
  let dir: string;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontdoor-people-'));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<FastifyInstance> {
    const config = loadConfig({ DATABASE_URL: join(dir, `${Math.random().toString(36).slice(2)}.db`), LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
    app = await buildApp(await buildDeps(config), { logger: false });
    return app;
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
