import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeIdentityServer } from '../../integrations/identity/fake-identity-server.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { recordIncident } from '../../src/incidents/incident-service.js';
import { laptopFields } from '../lifecycle/harness.js';
import { HttpBrowser, csrfTokenOf } from '../support/http-browser.js';
import { startSignInApp, type SignInHarness } from '../sign-in/sign-in-harness.js';

/* The service desk's request pages in the console, signed in as an agent through the organisation's provider. */
const fatima = 'fatima.haddad@example.com';
const identityToken = 'console-identity-token';
/** Kenji audits: the sample directory with him in the auditors group. */
const kenji = 'kenji.watanabe@example.com';
const directoryDir = mkdtempSync(join(tmpdir(), 'frontdoor-console-directory-'));
const directoryFile = join(directoryDir, 'people.yaml');

let h: SignInHarness;
let identity: FakeIdentityServer;
let agent: HttpBrowser;

beforeAll(async () => {
  identity = new FakeIdentityServer(identityToken);
  for (const p of await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list()) identity.addUser(p.email);
  const people = readFileSync('integrations/sample-directory/people.yaml', 'utf8');
  const withAuditor = people.replace(/(email: kenji\.watanabe@example\.com[\s\S]*?groups: )\[\]/, '$1[auditors]');
  expect(withAuditor).not.toBe(people);
  writeFileSync(directoryFile, withAuditor);
  identity.addGroup('vpn-users');
  await identity.start();
  // One attempt each: a failed call fails its step at once, an undeliverable notification is a dead letter at once.
  h = await startSignInApp({
    IDENTITY_API_URL: identity.url,
    IDENTITY_API_TOKEN: identityToken,
    DIRECTORY_FILE: directoryFile,
    FULFILMENT_STEP_ATTEMPTS: '1',
    OUTBOX_MAX_ATTEMPTS: '1',
    TIME_ZONE: 'UTC',
  });
  agent = new HttpBrowser();
  await agent.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole`, fatima);
});
afterAll(async () => {
  await h?.close();
  await identity?.close();
  rmSync(directoryDir, { recursive: true, force: true });
});

const person = async (email: string) => (await h.deps.directory.findByEmail(email))!;
const page = async (browser: HttpBrowser, path: string) => {
  const res = await browser.request(`${h.origin}${path}`);
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
};
const post = async (browser: HttpBrowser, path: string, form: Record<string, string>) => browser.request(`${h.origin}${path}`, { form });
const requestRow = async (number: string) => (await h.deps.store.read.requests.findByNumber(Number(number.replace('REQ-', ''))))!;

/** An account unlock whose call to the identity system failed: the request has failed. */
/** Unlocks are limited per person and day: each failed unlock is someone else's. */
const unlockers = ['sofia.rossi@example.com', 'ben.walker@example.com', 'alex.kim@example.com', 'maya.fischer@example.com', 'jordan.rivera@example.com'];
async function failedUnlock() {
  identity.failWhen(/^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/, 503, 'Service unavailable');
  const submitted = await h.deps.lifecycle.submit({
    requestTypeId: 'password-reset',
    requester: await person(unlockers.shift()!),
    fields: { action: 'unlock', account: 'network' },
    channel: 'webchat',
  });
  await h.deps.fulfilment.idle();
  expect((await requestRow(submitted.number)).status).toBe('failed');
  const [step] = await h.deps.fulfilment.steps(submitted.id);
  return { ...submitted, step: step! };
}

describe('A request in the console', () => {
  it('When an agent opens a request, then its status, who it waits on, answers (sensitive ones masked), history, approvals, steps and audit trail are shown', async () => {
    const dana = await person('dana.lee@example.com');
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const submitted = await h.deps.lifecycle.submit({
      requestTypeId: 'onboarding',
      requester: dana,
      channel: 'api',
      fields: {
        'joiner-name': 'Mia Wong',
        'personal-email': 'mia.wong@home.example',
        'start-date': start,
        department: 'engineering',
        role: 'engineer',
        title: 'Software Engineer',
        manager: dana.email,
        location: 'London',
      },
    });
    const shown = await page(agent, `/console/requests/${submitted.number}`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(`<h1 id="request-heading">${submitted.number}: New joiner onboarding</h1>`);
    expect(shown.text).toMatch(/<dt>Status<\/dt>\s*<dd>Awaiting approval<\/dd>/);
    expect(shown.text).toMatch(/<dt>Waiting on<\/dt>\s*<dd>[^<]*\w+[^<]*<\/dd>/);
    expect(shown.text).toMatch(/<dt>Personal email<\/dt>\s*<dd>••••<\/dd>/);
    expect(shown.text).not.toContain('mia.wong@home.example');
    expect(shown.text).toMatch(/<dt>New joiner&#39;s name<\/dt>\s*<dd>Mia Wong<\/dd>/);
    for (const heading of ['Status history', 'Approvals', 'Fulfilment steps', 'Audit trail']) expect(shown.text).toContain(`>${heading}</h2>`);
    expect(shown.text).toMatch(/<caption class="visually-hidden">\s*Audit records of/);
    expect(shown.text).toContain('<td>request.submitted</td>');
    expect(shown.text).toContain('<th scope="row" id="approval-');
    // Its approver is in the directory: nothing for the service desk to do.
    expect(shown.text).not.toContain('Reassign approval');
  });

  it('When a step failed, then the attention list shows it with a retry form, and the retry runs it again until the request is fulfilled', async () => {
    const failed = await failedUnlock();
    const listed = await page(agent, '/console/requests?view=attention');
    expect(listed.status).toBe(200);
    expect(listed.text).toContain(`<a href="/console/requests/${failed.number}">${failed.number}</a>`);
    expect(listed.text).toContain(`action="/console/requests/${failed.number}/steps/${failed.step.id}/retry"`);
    expect(listed.text).toContain(`<label for="retry-${failed.step.id}">`);

    const refused = await post(agent, `/console/requests/${failed.number}/steps/${failed.step.id}/retry`, {
      _csrf: csrfTokenOf(listed.text),
      back: 'attention',
      reason: '  ',
    });
    expect(refused.status).toBe(303);
    expect((await requestRow(failed.number)).status).toBe('failed');
    expect((await page(agent, '/console/requests?view=attention')).text).toMatch(/class="result problem"[^>]*>\s*<p>Say why the step can run again now\.<\/p>/);

    const res = await post(agent, `/console/requests/${failed.number}/steps/${failed.step.id}/retry`, {
      _csrf: csrfTokenOf(listed.text),
      back: 'attention',
      reason: 'The identity system is back',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/requests?view=attention');
    await h.deps.fulfilment.idle();
    expect((await requestRow(failed.number)).status).toBe('fulfilled');
    const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', failed.step.id);
    expect(trail.find((a) => a.action === 'fulfilment-step.retried')).toMatchObject({ actorId: fatima, reason: 'The identity system is back' });
    const after = await page(agent, '/console/requests?view=attention');
    expect(after.text).toContain(`${failed.number}: &quot;${failed.step.title}&quot; runs again.`);
    expect(after.text).not.toContain(`/steps/${failed.step.id}/retry`);
  });

  it('When the agent completes a failed step by hand from the request page, then the note is kept and the request is fulfilled', async () => {
    const failed = await failedUnlock();
    const shown = await page(agent, `/console/requests/${failed.number}`);
    expect(shown.text).toContain('<td>identity could not unlock-account: HTTP 503: Service unavailable</td>');
    const res = await post(agent, `/console/requests/${failed.number}/steps/${failed.step.id}/override`, {
      _csrf: csrfTokenOf(shown.text),
      back: 'detail',
      note: 'Unlocked in the admin console by phone',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/console/requests/${failed.number}`);
    await h.deps.fulfilment.idle();
    expect((await requestRow(failed.number)).status).toBe('fulfilled');
    const [step] = await h.deps.fulfilment.steps(failed.id);
    expect(step).toMatchObject({ status: 'done', note: 'Unlocked in the admin console by phone' });
    const again = await page(agent, `/console/requests/${failed.number}`);
    expect(again.text).toContain('is recorded as done by hand; fulfilment goes on.');
    expect(again.text).toContain('<td>Unlocked in the admin console by phone</td>');
  });

  it('When the agent skips a failed step from the request page, then the reason is audited and the plan goes on without it', async () => {
    const failed = await failedUnlock();
    const shown = await page(agent, `/console/requests/${failed.number}`);
    expect(shown.text).toContain(`action="/console/requests/${failed.number}/steps/${failed.step.id}/skip"`);
    expect(shown.text).toContain(`<label for="skip-${failed.step.id}">`);
    const res = await post(agent, `/console/requests/${failed.number}/steps/${failed.step.id}/skip`, {
      _csrf: csrfTokenOf(shown.text),
      back: 'detail',
      reason: 'The account unlocked itself after the lockout period',
    });
    expect(res.status).toBe(303);
    await h.deps.fulfilment.idle();
    expect((await requestRow(failed.number)).status).toBe('fulfilled');
    const [step] = await h.deps.fulfilment.steps(failed.id);
    expect(step).toMatchObject({ status: 'skipped' });
    const trail = await h.deps.store.read.audit.listForTarget('fulfilment-step', failed.step.id);
    expect(trail.find((a) => a.action === 'fulfilment-step.skipped')).toMatchObject({ actorId: fatima, reason: 'The account unlocked itself after the lockout period' });
    expect((await page(agent, `/console/requests/${failed.number}`)).text).toContain('is skipped; fulfilment goes on without it.');
  });

  it('When a request needs routing, then the agent routes it from the attention list and the named approver is asked', async () => {
    const submitted = await h.deps.lifecycle.submit({
      requestTypeId: 'laptop',
      requester: await person('grace.holloway@example.com'),
      fields: laptopFields,
      channel: 'api',
    });
    const listed = await page(agent, '/console/requests?view=attention');
    expect(listed.text).toContain(`<label for="route-approver-${submitted.number}">`);
    const res = await post(agent, `/console/requests/${submitted.number}/route`, {
      _csrf: csrfTokenOf(listed.text),
      back: 'attention',
      approver: 'marcus.chen@example.com',
      reason: 'The board asked Marcus to approve her equipment',
    });
    expect(res.status).toBe(303);
    expect((await requestRow(submitted.number)).status).toBe('awaiting_approval');
    const marcus = await h.deps.lifecycle.pendingApprovals(await person('marcus.chen@example.com'));
    expect(marcus.map((a) => a.requestNumber)).toContain(submitted.number);
    expect((await page(agent, '/console/requests?view=attention')).text).toContain(`${submitted.number} now waits for Marcus Chen to approve.`);
  });

  it('When an approver has left, then the agent reassigns the approval and the new approver has it', async () => {
    const submitted = await h.deps.lifecycle.submit({
      requestTypeId: 'laptop',
      requester: await person('sam.patel@example.com'),
      fields: laptopFields,
      channel: 'api',
    });
    const [approval] = await h.deps.store.read.approvals.listByRequest(submitted.id);
    await h.deps.store.transaction((repos) => repos.approvals.update(approval!.id, { approverId: 'former.manager@example.com' }));

    const shown = await page(agent, `/console/requests/${submitted.number}`);
    expect(shown.text).toContain('(has left)');
    const listed = await page(agent, '/console/requests?view=attention');
    expect(listed.text).toContain(`waits on former.manager@example.com, who is no longer in the directory`);
    const res = await post(agent, `/console/requests/${submitted.number}/approvals/${approval!.id}/reassign`, {
      _csrf: csrfTokenOf(listed.text),
      back: 'detail',
      to: 'marcus.chen@example.com',
      reason: "Dana's successor is not in the directory yet",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/console/requests/${submitted.number}`);
    expect(await h.deps.store.read.approvals.findById(approval!.id)).toMatchObject({ approverId: 'marcus.chen@example.com' });
    expect((await page(agent, `/console/requests/${submitted.number}`)).text).toContain(`The manager approval of ${submitted.number} now goes to Marcus Chen.`);
  });

  it('When a notification could not be delivered, then the agent retries it from the attention list; open incidents are listed', async () => {
    await h.deps.notifier.notify('kenji.watanabe@example.com', [{ kind: 'text', text: 'Your parcel is at reception' }]);
    const [letter] = (await h.deps.deadLetters.list()).filter((d) => d.personId === 'kenji.watanabe@example.com');
    await recordIncident(h.deps.store, {
      person: await person('kenji.watanabe@example.com'),
      channel: 'webchat',
      category: 'network',
      text: 'The office wifi keeps dropping',
      now: new Date(),
    });
    const listed = await page(agent, '/console/requests?view=attention');
    expect(listed.text).toContain(`<th scope="row" id="dead-${letter!.id}">kenji.watanabe@example.com</th>`);
    expect(listed.text).not.toContain('Your parcel is at reception');
    expect(listed.text).toContain('<td>The office wifi keeps dropping</td>');
    const res = await post(agent, `/console/requests/dead-letters/${letter!.id}/retry`, { _csrf: csrfTokenOf(listed.text), back: 'attention' });
    expect(res.status).toBe(303);
    expect(await h.deps.store.read.audit.listForTarget('outbox-message', String(letter!.id))).toEqual([
      expect.objectContaining({ actorId: fatima, action: 'outbox.retry' }),
    ]);
    expect((await page(agent, '/console/requests?view=attention')).text).toContain('The notification for kenji.watanabe@example.com');
  });

  it('When a request gave access for a time, then its page shows the group and when the access ends, and the trail records the grant', async () => {
    const submitted = await h.deps.lifecycle.submit({
      requestTypeId: 'vpn',
      requester: await person('oliver.grant@example.com'),
      channel: 'api',
      fields: { device: 'company-laptop', duration: '90-days', justification: 'Working from home two days a week' },
    });
    for (const approval of await h.deps.store.read.approvals.listByRequest(submitted.id)) {
      await h.deps.lifecycle.decide({ approvalId: approval.id, actor: await person(approval.approverId), decision: 'approve', channel: 'api' });
    }
    await h.deps.fulfilment.idle();
    const [grant] = await h.deps.store.read.accessGrants.listByRequest(submitted.id);
    const shown = await page(agent, `/console/requests/${submitted.number}`);
    expect(shown.text).toContain('>Time-bound access</h2>');
    expect(shown.text).toMatch(
      new RegExp(`<th scope="row">vpn-users</th>\\s*<td>active</td>\\s*<td><time datetime="${new Date(grant!.endsAt!).toISOString()}">`),
    );
    expect(shown.text).toContain('<td>access-grant.recorded</td>');
  });

  it('When the agent searches by number or by requester, then the number opens the request and a name lists their requests', async () => {
    const submitted = await h.deps.lifecycle.submit({
      requestTypeId: 'laptop',
      requester: await person('ethan.brooks@example.com'),
      fields: laptopFields,
      channel: 'api',
    });
    const byNumber = await page(agent, `/console/requests?q=${submitted.number.toLowerCase()}`);
    expect(byNumber.status).toBe(303);
    expect(byNumber.location).toBe(`/console/requests/${submitted.number}`);
    const byName = await page(agent, '/console/requests?q=Ethan');
    expect(byName.status).toBe(200);
    expect(byName.text).toContain(`<a href="/console/requests/${submitted.number}">${submitted.number}</a>`);
    expect((await page(agent, '/console/requests?q=nobody-here')).text).toContain('No request of anyone matching');
    expect((await page(agent, '/console/requests/REQ-999999')).status).toBe(404);
  });

  it('When an auditor opens the pages, then they read the same detail and attention list without any form, and a form they post is refused', async () => {
    const failed = await failedUnlock();
    const auditor = new HttpBrowser();
    await auditor.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole`, kenji);
    const detail = await page(auditor, `/console/requests/${failed.number}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain('<td>fulfilment-step.failed</td>');
    expect(detail.text).not.toContain('/retry"');
    expect(detail.text).not.toContain('/override"');
    const listed = await page(auditor, '/console/requests?view=attention');
    expect(listed.status).toBe(200);
    expect(listed.text).toContain(`<a href="/console/requests/${failed.number}">${failed.number}</a>`);
    expect(listed.text).not.toMatch(/<form method="post" action="\/console\/requests/);
    const refused = await post(auditor, `/console/requests/${failed.number}/steps/${failed.step.id}/retry`, {
      _csrf: csrfTokenOf(listed.text),
      back: 'attention',
      reason: 'auditors do not act',
    });
    expect(refused.status).toBe(403);
    expect((await requestRow(failed.number)).status).toBe('failed');
  });

  it('When someone who is not an agent opens the pages or posts a form, or a form has no CSRF token, then it is refused and nothing changes', async () => {
    const failed = await failedUnlock();
    const nina = new HttpBrowser();
    await nina.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole`, 'nina.petrova@example.com');
    expect((await page(nina, `/console/requests/${failed.number}`)).status).toBe(403);
    expect((await page(nina, '/console/requests?view=attention')).status).toBe(403);
    const own = await page(nina, '/console/approvals');
    const refused = await post(nina, `/console/requests/${failed.number}/steps/${failed.step.id}/retry`, {
      _csrf: csrfTokenOf(own.text),
      back: 'attention',
      reason: 'let me',
    });
    expect(refused.status).toBe(403);
    const noToken = await post(agent, `/console/requests/${failed.number}/steps/${failed.step.id}/retry`, { back: 'attention', reason: 'no token' });
    expect(noToken.status).toBe(403);
    expect((await requestRow(failed.number)).status).toBe('failed');
    expect((await h.deps.fulfilment.steps(failed.id))[0]).toMatchObject({ status: 'failed' });
  });
});
