import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { loadCatalog } from '../../src/catalog/load-catalog.js';
import { minimalCatalogFiles, writeCatalog } from '../catalog/temp-catalog.js';
import { startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { TestClock } from '../support/test-clock.js';

/*
 * Plans are graphs: steps that do not wait for each other run at the same time, a wait step
 * holds the plan until its date, a plan given up is undone in reverse order, and the service
 * desk can skip a failed step so the plan goes on.
 */
const dayMs = 86_400_000;
const requestType = (id: string, steps: string, fields = '') => `
id: ${id}
version: 1
title: ${id}
description: A plan under test
category: Accounts
ownerTeam: it-identity
sla: { hours: 24 }
risk: low
fields:
  - { id: note, label: Note, type: text, prompt: Note?, required: false }
${fields}
approval: { stages: [] }
fulfilment:
  steps:
${steps}`;
const intent = (id: string) => `id: request-${id}\nkind: request\ndescription: Ask for ${id}\nrequestType: ${id}\nexamples: [${id} please, i need ${id}]\n`;
const addTo = (id: string, group: string, extra = '') => `
    - kind: integration
      id: ${id}
      title: "Add {requester.name} to ${group}"
      integration: identity
      operation: add-to-group
      input: { email: "{requester.email}", group: "${group}" }${extra}`;

const types: Record<string, string> = {
  'parallel-then-wait': requestType('parallel-then-wait', `${addTo('vpn', 'vpn-users')}${addTo('github', 'access:github:read', '\n      after: []')}
    - kind: wait
      id: start
      title: "Wait for the start date"
      after: [vpn, github]
      until: "{fields.start-date}"
    - kind: notify
      id: welcome
      title: "Tell the requester"
      after: [start]
      to: requester
      message: "Welcome {requester.name}: your access is ready from today."`, '  - { id: start-date, label: Start date, type: date, prompt: Start date? }'),
  'undo-on-failure': requestType('undo-on-failure', `${addTo('vpn', 'vpn-users', '\n      compensate: { operation: remove-from-group }')}${addTo('github', 'access:github:read', '\n      compensate: { operation: remove-from-group }')}${addTo('missing', 'no-such-group', '\n      onFailure: compensate')}`),
  'abandon-me': requestType('abandon-me', `${addTo('vpn', 'vpn-users', '\n      compensate: { operation: remove-from-group }')}${addTo('missing', 'no-such-group')}`),
  'wait-for-event': requestType('wait-for-event', `
    - kind: wait
      id: badge-printed
      title: "Wait until the badge is printed"
      event: badge-printed${addTo('vpn', 'vpn-users')}`),
  'skip-me': requestType('skip-me', `${addTo('missing', 'no-such-group')}${addTo('vpn', 'vpn-users')}`),
};

let h: ApiHarness;
let catalogDir: string;
const clock = new TestClock();

beforeAll(async () => {
  const files = { ...minimalCatalogFiles() };
  for (const [id, text] of Object.entries(types)) {
    files[`dialogs/${id}.yaml`] = text;
    files[`intents/request-${id}.yaml`] = intent(id);
  }
  catalogDir = await writeCatalog(files);
  h = await startApiHarness({ CATALOG_DIR: catalogDir, REPLICA_LEASE_MS: '60000' }, { clock });
}, 60_000);
afterAll(async () => { await h?.close(); });

const as = async (email: string, roles: Role[]) => ({
  authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}`,
});
const statusOf = async (id: string) => (await h.deps.store.read.requests.findById(id))?.status;
const stepsOf = async (id: string) => Object.fromEntries((await h.deps.store.read.fulfilmentSteps.listByRequest(id)).map((s) => [s.stepId, s.status]));
const toldTo = async (personId: string) => (await h.deps.store.read.outbox.forPerson(personId)).map((m) => JSON.stringify(m.payload));

describe('plans as graphs', () => {
  it('When two integration steps do not depend on each other, then both calls are under way at once; the wait after them holds until its date and the notice after it follows', async () => {
    const sam = await h.person('sam.patel@example.com');
    const startDate = new Date(clock.now() + 10 * dayMs).toISOString().slice(0, 10);
    const first = h.identity.holdNext(/^PUT \/api\/v1\/groups\/.*\/users\//);
    const second = h.identity.holdNext(/^PUT \/api\/v1\/groups\/.*\/users\//);
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'parallel-then-wait', requester: sam, fields: { 'start-date': startDate }, channel: 'api' });
    // Neither call is answered until both have arrived: they overlap.
    await Promise.all([first.arrived, second.arrived]);
    expect(await stepsOf(submitted.id)).toMatchObject({ vpn: 'running', github: 'running', start: 'waiting', welcome: 'waiting' });
    first.release();
    second.release();
    await h.deps.fulfilment.idle();
    expect(h.identity.groupMembers('vpn-users')).toContain(sam.email);
    expect(h.identity.groupMembers('access:github:read')).toContain(sam.email);
    expect(await stepsOf(submitted.id), 'the wait holds the notice back').toMatchObject({ vpn: 'done', github: 'done', start: 'waiting', welcome: 'waiting' });
    const queued = await h.deps.store.read.fulfilmentQueue.listByRequest(submitted.id);
    expect(queued.map((q) => q.runAfter), 'the wait is a queue row due at its date').toEqual([Date.parse(startDate)]);

    clock.advance(9 * dayMs);
    await h.deps.fulfilment.sweep();
    expect(await statusOf(submitted.id)).toBe('in_fulfilment');
    clock.advance(1 * dayMs);
    await h.deps.fulfilment.sweep();
    expect(await stepsOf(submitted.id)).toMatchObject({ start: 'done', welcome: 'done' });
    expect(await statusOf(submitted.id)).toBe('fulfilled');
    const told = await toldTo(sam.id);
    expect(told.some((t) => t.includes('Welcome Sam Patel: your access is ready from today.'))).toBe(true);
  });

  it('When the third step fails and says so, then the first two are undone at the identity system in reverse order and the requester is told', async () => {
    const ethan = await h.person('ethan.brooks@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'undo-on-failure', requester: ethan, fields: {}, channel: 'api' });
    await h.deps.fulfilment.idle();
    await h.deps.fulfilment.idle();
    expect(await stepsOf(submitted.id)).toEqual({ vpn: 'done', github: 'done', missing: 'failed', 'github:compensate': 'done', 'vpn:compensate': 'done' });
    expect(await statusOf(submitted.id)).toBe('failed');
    expect(h.identity.groupMembers('vpn-users')).not.toContain(ethan.email);
    expect(h.identity.groupMembers('access:github:read')).not.toContain(ethan.email);
    const removals = h.identity.received.filter((r) => r.method === 'DELETE' && r.idempotencyKey?.startsWith(submitted.id));
    expect(removals.map((r) => r.idempotencyKey)).toEqual([`${submitted.id}:github:compensate`, `${submitted.id}:vpn:compensate`]);
    const told = await toldTo(ethan.id);
    expect(told.some((t) => t.includes('What was already done is being undone'))).toBe(true);
    expect(told.at(-1)).toContain('everything that had been done for it is undone');
  });

  it('When a step fails, then its owner team sees it with the error, and the service desk skips it with a reason (audited) and the plan goes on', async () => {
    const zoe = await h.person('zoe.turner@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'skip-me', requester: zoe, fields: {}, channel: 'api' });
    await h.deps.fulfilment.idle();
    expect(await statusOf(submitted.id)).toBe('failed');
    const desk = await as('priya.raman@example.com', ['agent']);
    const listed = (await h.app.inject({ url: '/api/v1/steps/failed?team=it-identity', headers: desk })).json<{ steps: Array<{ id: string; requestNumber: string; error: string; ownerTeam: string }> }>().steps;
    const failed = listed.find((s) => s.requestNumber === submitted.number)!;
    expect(failed).toMatchObject({ ownerTeam: 'it-identity', error: expect.stringContaining('no-such-group') });
    const skipped = await h.app.inject({ method: 'POST', url: `/api/v1/steps/${failed.id}/skip`, headers: desk, payload: { reason: 'The group was retired; nobody needs it' } });
    expect(skipped.statusCode).toBe(200);
    await h.deps.fulfilment.idle();
    expect(await stepsOf(submitted.id)).toEqual({ missing: 'skipped', vpn: 'done' });
    expect(await statusOf(submitted.id)).toBe('fulfilled');
    const audit = await h.deps.store.read.audit.listForTarget('fulfilment-step', failed.id);
    expect(audit.find((a) => a.action === 'fulfilment-step.skipped')).toMatchObject({ reason: 'The group was retired; nobody needs it' });
  });
});

describe('giving up and events', () => {
  it('When the service desk gives up a failed request over the API, then the done step is undone at the identity system and the requester is told plainly', async () => {
    const mia = await h.person('lena.novak@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'abandon-me', requester: mia, fields: {}, channel: 'api' });
    await h.deps.fulfilment.idle();
    expect(h.identity.groupMembers('vpn-users')).toContain(mia.email);
    const desk = await as('priya.raman@example.com', ['agent']);
    const failed = (await h.deps.store.read.fulfilmentSteps.listByRequest(submitted.id)).find((s) => s.status === 'failed')!;
    const abandoned = await h.app.inject({ method: 'POST', url: `/api/v1/steps/${failed.id}/abandon`, headers: desk, payload: { reason: 'The joiner withdrew' } });
    expect(abandoned.statusCode).toBe(200);
    await h.deps.fulfilment.idle();
    expect(await stepsOf(submitted.id)).toEqual({ vpn: 'done', missing: 'failed', 'vpn:compensate': 'done' });
    expect(h.identity.groupMembers('vpn-users')).not.toContain(mia.email);
    const again = await h.app.inject({ method: 'POST', url: `/api/v1/steps/${failed.id}/abandon`, headers: desk, payload: { reason: 'Twice' } });
    expect(again.statusCode, 'a plan is given up once').toBe(409);
    const told = await toldTo(mia.id);
    expect(told.some((t) => t.includes('The joiner withdrew') && t.includes('What was already done is being undone'))).toBe(true);
    expect(told.at(-1)).toContain('everything that had been done for it is undone');
  });

  it('When a plan waits for an event, then nothing after it runs until the event is signalled, and then the plan goes on', async () => {
    const leo = await h.person('ravi.shah@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'wait-for-event', requester: leo, fields: {}, channel: 'api' });
    await h.deps.fulfilment.idle();
    expect(await stepsOf(submitted.id)).toEqual({ 'badge-printed': 'pending', vpn: 'waiting' });
    expect(await h.deps.fulfilment.sweep(), 'a step waiting for its event is not work lost').toBe(0);
    expect(await h.deps.fulfilment.signal(submitted.id, 'something-else', { actorId: 'system', channel: 'system' })).toBe(false);
    expect(await h.deps.fulfilment.signal(submitted.id, 'badge-printed', { actorId: 'system', channel: 'system' })).toBe(true);
    await h.deps.fulfilment.idle();
    expect(await stepsOf(submitted.id)).toEqual({ 'badge-printed': 'done', vpn: 'done' });
    expect(await statusOf(submitted.id)).toBe('fulfilled');
  });
});

describe('a plan graph in the catalog', () => {
  it('When a step waits for a step that does not exist, or steps wait for each other, then the catalog refuses to load and names the file and the step', async () => {
    const unknown = await writeCatalog({ ...minimalCatalogFiles(), 'dialogs/broken.yaml': requestType('broken', `${addTo('a', 'vpn-users', '\n      after: [nope]')}`), 'intents/request-broken.yaml': intent('broken') });
    await expect(loadCatalog(unknown)).rejects.toThrow(/dialogs\/broken\.yaml: fulfilment\.steps\.0\.after\.0: step "a" waits for "nope"/);
    const cycle = await writeCatalog({ ...minimalCatalogFiles(), 'dialogs/broken.yaml': requestType('broken', `${addTo('a', 'vpn-users', '\n      after: [b]')}${addTo('b', 'vpn-users', '\n      after: [a]')}`), 'intents/request-broken.yaml': intent('broken') });
    await expect(loadCatalog(cycle)).rejects.toThrow(/dialogs\/broken\.yaml: fulfilment\.steps\.\d\.after: step "\w" waits for itself through/);
  });
});
