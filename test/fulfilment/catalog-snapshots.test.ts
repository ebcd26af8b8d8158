import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { FakeIdentityServer } from '../../integrations/identity/fake-identity-server.js';
import type { Role } from '../../src/auth/index.js';
import { CatalogError } from '../../src/catalog/catalog-error.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { identityToken } from '../lifecycle/harness.js';

const sam = 'sam.patel@example.com';
const vpnFields = { device: 'company-laptop', duration: '30-days', justification: 'Working from home two days a week' };
let identity: FakeIdentityServer;
let dir: string;
let database: TestDatabase;

/** The shipped catalog copied to a folder of its own, with vpn.yaml changed by `change`. */
async function catalogWith(change?: (vpn: Record<string, unknown> & { version: number; fulfilment: { steps: unknown[] } }) => void): Promise<string> {
  const root = await mkdtemp(join(dir, 'catalog-'));
  await cp('intents', join(root, 'intents'), { recursive: true });
  await cp('dialogs', join(root, 'dialogs'), { recursive: true });
  if (change) {
    const vpn = parse(await readFile(join(root, 'dialogs', 'vpn.yaml'), 'utf8')) as Parameters<NonNullable<typeof change>>[0];
    change(vpn);
    await writeFile(join(root, 'dialogs', 'vpn.yaml'), stringify(vpn));
  }
  return root;
}

/** The app on the same database and folder as before (a restart), over this catalog. */
function start(catalogDir: string): Promise<TestApp> {
  return buildTestApp({
    reuse: { dir, database },
    env: {
      CATALOG_DIR: catalogDir,
      DIRECTORY_FILE: 'integrations/sample-directory/people.yaml',
      TIME_ZONE: 'UTC',
      IDENTITY_API_URL: identity.url,
      IDENTITY_API_TOKEN: identityToken,
    },
  });
}

async function as(t: TestApp, email: string, roles: Role[]): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await t.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}` };
}

async function submitVpn(t: TestApp): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: await as(t, sam, ['requester']),
    payload: { requestTypeId: 'vpn', fields: vpnFields },
  });
  expect(created.statusCode).toBe(201);
  expect(created.json().status).toBe('awaiting_approval');
  return created.json().number as string;
}

async function approve(t: TestApp, number: string): Promise<void> {
  const request = (await t.deps.store.read.requests.findByNumber(Number(number.replace('REQ-', ''))))!;
  const [approval] = await t.deps.store.read.approvals.listByRequest(request.id);
  const decided = await t.app.inject({
    method: 'POST',
    url: `/api/v1/approvals/${approval!.id}/decision`,
    headers: await as(t, approval!.approverId, ['approver']),
    payload: { decision: 'approve' },
  });
  expect(decided.statusCode).toBe(200);
  await t.deps.fulfilment.idle();
}

async function view(t: TestApp, number: string): Promise<{ status: string; steps: Array<{ title: string; status: string }> }> {
  return (await t.app.inject({ url: `/api/v1/requests/${number}`, headers: await as(t, sam, ['requester']) })).json();
}

beforeAll(async () => {
  identity = new FakeIdentityServer(identityToken);
  for (const p of await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list()) identity.addUser(p.email);
  identity.addGroup('vpn-users');
  await identity.start();
  dir = await mkdtemp(join(tmpdir(), 'frontdoor-snapshots-'));
  database = await createTestDatabase(dir);
});
afterAll(async () => {
  await identity.close();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('requests keep the catalog version they were made under', () => {
  it("When the catalog changes a request type's fulfilment (new version) while a request waits for approval, then that request is fulfilled with the old steps and a new one with the new steps", async () => {
    const before = await start(await catalogWith());
    const waiting = await submitVpn(before);
    await before.close();

    const changed = await catalogWith((vpn) => {
      vpn.version += 1;
      vpn.fulfilment.steps.push({ kind: 'manual', id: 'send-setup-guide', title: 'Walk {requester.name} through the VPN client set-up', team: 'network' });
    });
    const after = await start(changed);
    try {
      await approve(after, waiting);
      const old = await view(after, waiting);
      expect(old.status).toBe('fulfilled');
      expect(old.steps.map((s) => s.title)).toEqual(['Add to the VPN users group']);
      expect(identity.groupMembers('vpn-users')).toContain(sam);

      const fresh = await submitVpn(after);
      await approve(after, fresh);
      const now = await view(after, fresh);
      expect(now.status).toBe('in_fulfilment');
      expect(now.steps.map((s) => [s.title, s.status])).toEqual([
        ['Add to the VPN users group', 'done'],
        ['Walk Sam Patel through the VPN client set-up', 'pending'],
      ]);
    } finally {
      await after.close();
    }
  });

  it('When an admin changes a request type that requests were made under without raising its version, then the app refuses to start and names the type', async () => {
    const edited = await catalogWith((vpn) => {
      vpn.version += 1;
      vpn.fulfilment.steps.push({ kind: 'manual', id: 'send-setup-guide', title: 'Send the set-up guide to {requester.name}', team: 'network' });
    });
    const error = await start(edited).then(
      async (t) => {
        await t.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).problems).toEqual([
      expect.stringMatching(/^request type vpn: version \d+ is the version requests were made under, and its content has changed since; raise version/),
    ]);
    // Only the content counts: the same definition written another way starts.
    const relaid = await catalogWith((vpn) => {
      vpn.version += 1;
      vpn.fulfilment.steps.push({ kind: 'manual', id: 'send-setup-guide', title: 'Walk {requester.name} through the VPN client set-up', team: 'network' });
    });
    await (await start(relaid)).close();
  });
});
