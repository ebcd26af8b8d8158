import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/index.js';
import { openStore } from '../../src/store/open-store.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'frontdoor-cli-'));
const databaseUrl = join(dir, 'cli.db');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, DIRECTORY_FILE: 'integrations/sample-directory/people.yaml' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- token create', () => {
  it('When a directory person and valid roles are given, then the token is printed last and only its hash is stored', async () => {
    const result = await cli('token', 'create', '--email', 'Ethan.Brooks@example.com', '--roles', 'requester,auditor');
    expect(result.code).toBe(0);
    const token = result.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^fd_[A-Za-z0-9_-]{40,}$/);

    const store = openStore(databaseUrl);
    try {
      const row = await store.read.apiTokens.findActiveByHash(hashToken(token));
      expect(row).toMatchObject({ personId: 'ethan.brooks@example.com', roles: ['requester', 'auditor'] });
      const all = await store.read.apiTokens.listByPerson('ethan.brooks@example.com');
      expect(JSON.stringify(all)).not.toContain(token);
    } finally {
      await store.close();
    }
  });

  it('When the email is not in the directory, then it says so and exits with 2', async () => {
    const result = await cli('token', 'create', '--email', 'nobody@example.com', '--roles', 'requester');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nobody@example.com is not in the directory');
  });

  it('When a role is unknown, then it names the roles flag and exits with 2', async () => {
    const result = await cli('token', 'create', '--email', 'ethan.brooks@example.com', '--roles', 'requester,superuser');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--roles');
  });

  it('When the email flag is missing, then it prints the usage and exits with 2', async () => {
    const result = await cli('token', 'create', '--roles', 'requester');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--email is required');
    expect(result.stderr).toContain('Usage:');
  });

  it('When tokens are listed and one is revoked, then the list shows expiry, last use and state, and the revocation is audited with the operator', async () => {
    const created = await cli('token', 'create', '--email', 'nina.petrova@example.com', '--roles', 'approver', '--days', '7');
    expect(created.code).toBe(0);
    const id = /\(id ([0-9a-f-]{36})\)/.exec(created.stdout)![1]!;
    const expires = /expires (\S+)\./.exec(created.stdout)![1]!;
    expect(Date.parse(expires) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(Date.parse(expires) - Date.now()).toBeLessThan(7.1 * 24 * 3600_000);

    const listed = await cli('token', 'list');
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.startsWith(id))!;
    expect(line).toMatch(/ active {2}nina\.petrova@example\.com {2}approver {2}expires \S+ {2}last used never {2}by cli:\S+/);

    const revoked = await cli('token', 'revoke', id);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Token ${id} of nina.petrova@example.com is revoked`);
    expect((await cli('token', 'list')).stdout.split('\n').find((l) => l.startsWith(id))).toContain(' revoked ');

    const store = openStore(databaseUrl);
    try {
      const audit = await store.read.audit.listForTarget('api-token', id);
      expect(audit.map((r) => r.action)).toEqual(['api-token.created', 'api-token.revoked']);
      expect(audit.every((r) => r.actorId.startsWith('cli:'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('When an unknown token is revoked, then it says so and exits with 2', async () => {
    const result = await cli('token', 'revoke', '00000000-0000-4000-8000-000000000000');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('No token 00000000-0000-4000-8000-000000000000');
  });
});
