import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nluCacheDir } from '../support/test-app.js';

const dir = mkdtempSync(join(tmpdir(), 'frontdoor-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; listening: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NLU_CACHE_DIR: nluCacheDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Frontdoor is ready: open (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  // A server that never listens (bad configuration) is asserted through its exit code.
  listening.catch(() => undefined);
  return { child, output: () => out, listening };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('The server process', () => {
  it('When it starts, then /health reports the database, and SIGTERM shuts it down cleanly', async () => {
    const server = startServer({ DATABASE_URL: join(dir, 'a.db') });
    const base = await server.listening;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: { ok: true, dialect: 'sqlite' }, outbox: { deadLetters: 0 } });
    const exited = exitCode(server.child);
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  }, 60_000);

  it('When a variable is invalid, then it refuses to start and names the variable', async () => {
    const server = startServer({ DATABASE_URL: join(dir, 'b.db'), PORT: 'eighty' });
    const code = await exitCode(server.child);
    expect(code).toBe(1);
    expect(server.output()).toMatch(/Invalid configuration:\n\s+- PORT: /);
  }, 60_000);

  it('When a request carries a malformed JSON body, then it gets a 400 and the server keeps serving', async () => {
    const server = startServer({ DATABASE_URL: join(dir, 'c.db') });
    const base = await server.listening;
    const bad = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user":' });
    expect(bad.status).toBe(400);
    const body = await bad.text();
    expect(body).not.toMatch(/at .*\.ts:\d+/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    server.child.kill('SIGTERM');
    await exitCode(server.child);
  }, 60_000);
});
