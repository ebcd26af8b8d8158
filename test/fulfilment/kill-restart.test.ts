import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalCatalogFiles, writeCatalog } from '../catalog/temp-catalog.js';
import { ScimService } from '../integrations/scim-service.js';
import { buildTestDeps, nluCacheDir } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/*
 * The headline of durable fulfilment: the real server, killed with SIGKILL in the middle of
 * fulfilling 200 joiners over SCIM, restarted on the same database, finishes every one with
 * exactly one account per joiner and the two memberships each, nothing done twice.
 */
const scimToken = 'kill-test-scim-token';
const joiners = 200;
const groups = ['all-staff', 'vpn-users'];

const joinerType = `
id: scim-joiner
version: 1
title: Joiner account
description: An account and the standard groups for a joiner
category: Accounts
ownerTeam: it-identity
sla: { hours: 24 }
risk: low
fields:
  - { id: joiner-name, label: Name, type: text, prompt: Name? }
  - { id: personal-email, label: Personal email, type: text, prompt: Personal email? }
  - { id: login, label: Login, type: text, prompt: Login? }
approval: { stages: [] }
fulfilment:
  steps:
    - kind: integration
      id: create-account
      title: "Create the account of {fields.joiner-name}"
      integration: identity
      operation: create-account
      input: { name: "{fields.joiner-name}", personalEmail: "{fields.personal-email}", managerEmail: "dana.lee@example.com" }
      compensate: { operation: deactivate-account, input: { email: "{result.userName}" } }
    - kind: integration
      id: all-staff
      title: "Add {fields.joiner-name} to all-staff"
      after: [create-account]
      integration: identity
      operation: add-to-group
      input: { email: "{fields.login}", group: all-staff }
    - kind: integration
      id: vpn
      title: "Add {fields.joiner-name} to vpn-users"
      after: [create-account]
      integration: identity
      operation: add-to-group
      input: { email: "{fields.login}", group: vpn-users }
`;
const joinerIntent = 'id: request-scim-joiner\nkind: request\ndescription: Set up a joiner\nrequestType: scim-joiner\nexamples: [set up a joiner account, new joiner account please]\n';

/** "Aab", "Aac", ...: letters only, as the connector keeps only letters of a name in the userName. */
function surname(i: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return `K${letters[Math.floor(i / 26 / 26) % 26]}${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`;
}

let dir: string;
let database: TestDatabase;
let catalogDir: string;
let scim: ScimService;
let token: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frontdoor-kill-'));
  database = await createTestDatabase(dir);
  catalogDir = await writeCatalog({ ...minimalCatalogFiles(), 'dialogs/scim-joiner.yaml': joinerType, 'intents/request-scim-joiner.yaml': joinerIntent });
  scim = new ScimService(scimToken);
  await scim.start();
  scim.addUser('dana.lee@example.com');
  for (const g of groups) scim.addGroup(g);
  // The same database the server will use: migrated, with an API token for the requester.
  const setup = await buildTestDeps({ name: 'kill', reuse: { dir, database }, env: serverEnv() });
  token = (await setup.deps.tokens.create({ email: 'sam.patel@example.com', roles: ['requester'] }, { id: 'cli:test-operator', channel: 'cli' })).token;
  await setup.deps.close();
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await scim?.close();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(catalogDir, { recursive: true, force: true });
});

function serverEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test', DATABASE_URL: database.url, CATALOG_DIR: catalogDir, DIRECTORY_FILE: 'integrations/sample-directory/people.yaml', TIME_ZONE: 'UTC',
    IDENTITY_PROVIDER: 'scim', SCIM_BASE_URL: scim.url, SCIM_TOKEN: scimToken,
    // A dead process's claims run out after two seconds; a busy group's conflicting change is tried again soon.
    REPLICA_LEASE_MS: '2000', FULFILMENT_STEP_ATTEMPTS: '20', FULFILMENT_RETRY_AFTER_MS: '20',
    RATE_LIMIT_PER_MINUTE: '100000', TOKEN_RATE_LIMIT_PER_MINUTE: '100000',
  };
}

const logs: string[] = [];

function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NLU_CACHE_DIR: nluCacheDir, ...serverEnv() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-20_000);
      for (const line of chunk.toString().split('\n')) if (/"level":(40|50)/.test(line)) logs.push(line.slice(0, 600));
      const match = /Frontdoor is ready: open (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve({ child, base: match[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`server exited with ${code ?? signal}: ${out}`)));
  });
}

const loginOf = (i: number) => `joiner.${surname(i).toLowerCase()}@example.com`;
const membershipsDone = () => groups.reduce((n, g) => n + scim.members(g).filter((m) => m.startsWith('joiner.')).length, 0);

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const giveUp = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('fulfilment survives a killed server', () => {
  it('When the server is killed with SIGKILL mid-fulfilment of 200 joiners and started again, then every joiner has exactly one account and their two memberships at the SCIM service', async () => {
    const began = Date.now();
    let server = await startServer();
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const numbers: string[] = [];
    const submitOne = async (i: number) => {
      const answer = await fetch(`${server.base}/api/v1/requests`, {
        method: 'POST', headers: { ...headers, 'idempotency-key': `joiner-${i}` },
        body: JSON.stringify({ requestTypeId: 'scim-joiner', fields: { 'joiner-name': `Joiner ${surname(i)}`, 'personal-email': `joiner${i}@home.example.net`, login: loginOf(i) } }),
      });
      expect(answer.status, await answer.clone().text()).toBe(201);
      numbers[i] = (await answer.json() as { number: string }).number;
    };
    for (let i = 0; i < joiners; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => submitOne(i + k)));
    // Some, not all, done: then the process dies at once, mid-call for some steps.
    await until(() => membershipsDone() >= joiners * 2 * 0.2, 'a fifth of the memberships exist', 60_000);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;
    const atKill = { accounts: [...scim.users.values()].filter((u) => String(u.data.userName).startsWith('joiner.')).length, memberships: membershipsDone() };
    expect(atKill.memberships, 'killed mid-fulfilment, not after it').toBeLessThan(joiners * 2);

    server = await startServer();
    const statusOf = async (number: string) => ((await (await fetch(`${server.base}/api/v1/requests/${number}`, { headers })).json()) as { status: string }).status;
    await until(async () => membershipsDone() === joiners * 2, 'every membership exists', 75_000);
    await until(async () => (await Promise.all(numbers.map(statusOf))).every((s) => s === 'fulfilled'), 'every request is fulfilled', 20_000).catch(async (error: unknown) => {
      const open = [];
      for (const n of numbers) if ((await statusOf(n)) !== 'fulfilled') open.push(await (await fetch(`${server.base}/api/v1/requests/${n}`, { headers })).text());
      console.log(`not fulfilled: ${open.length}`, open.slice(0, 1).join('\n'), logs.filter((l) => !l.includes('taking over')).slice(-15).join('\n'));
      throw error;
    });

    const accounts = [...scim.users.values()].filter((u) => String(u.data.userName).startsWith('joiner.'));
    const perLogin = new Map<string, number>();
    for (const a of accounts) perLogin.set(String(a.data.userName), (perLogin.get(String(a.data.userName)) ?? 0) + 1);
    const duplicates = [...perLogin.values()].filter((n) => n > 1).length;
    const creates = scim.received.filter((r) => r.method === 'POST' && r.url.endsWith('/Users')).length;
    console.log(`kill test (${database.dialect}): ${joiners} requests, killed at ${atKill.accounts} accounts and ${atKill.memberships} memberships; `
      + `after restart ${accounts.length} accounts, ${duplicates} duplicates, ${creates} account creations sent, ${((Date.now() - began) / 1000).toFixed(1)} s`);
    expect(accounts).toHaveLength(joiners);
    expect(duplicates).toBe(0);
    for (let i = 0; i < joiners; i += 1) expect(perLogin.get(loginOf(i)), loginOf(i)).toBe(1);
    for (const g of groups) {
      const members = scim.members(g).filter((m) => m.startsWith('joiner.'));
      expect(members).toHaveLength(joiners);
      expect(new Set(members).size).toBe(joiners);
    }
    server.child.kill('SIGTERM');
  }, 180_000);
});
