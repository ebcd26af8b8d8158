import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laptopFields } from '../lifecycle/harness.js';
import { HttpBrowser, csrfTokenOf } from '../support/http-browser.js';
import { startSignInApp, type SignInHarness } from './sign-in-harness.js';

const nina = 'nina.petrova@example.com';
const ethan = 'ethan.brooks@example.com';

describe('The approvals inbox in the browser', () => {
  let h: SignInHarness;
  let browser: HttpBrowser;
  beforeAll(async () => {
    h = await startSignInApp();
    browser = new HttpBrowser();
    await browser.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole%2Fapprovals`, nina);
  });
  afterAll(async () => {
    await h?.close();
  });

  const person = async (email: string) => (await h.deps.directory.findByEmail(email))!;
  const submitLaptop = async () => h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: await person(ethan), fields: laptopFields, channel: 'api' });
  const pendingFor = async (email: string) => h.deps.lifecycle.pendingApprovals(await person(email));
  const inbox = async () => {
    const res = await browser.request(`${h.origin}/console/approvals`);
    return { status: res.status, text: await res.text() };
  };
  const decide = (approvalId: string, form: Record<string, string>) => browser.request(`${h.origin}/console/approvals/${approvalId}/decision`, { form });

  it("When an approver opens the inbox, then each pending approval shows the request's detail with labelled forms", async () => {
    const submitted = await submitLaptop();
    const page = await inbox();
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${submitted.number}: `);
    expect(page.text).toContain('Ethan Brooks');
    expect(page.text).toMatch(/<dt>Why you<\/dt>\s*<dd>[^<]+<\/dd>/);
    expect(page.text).toContain('<main id="main"');
    expect(page.text).toContain('<nav aria-label="Console">');
    const [approval] = await pendingFor(nina);
    expect(page.text).toContain(`<label for="reason-${approval!.approvalId}">Reason for denying ${submitted.number}</label>`);
  });

  it('When the approver approves, then the approval is decided through the same rules as the API and the inbox says so', async () => {
    const [approval] = await pendingFor(nina);
    const page = await inbox();
    const res = await decide(approval!.approvalId, { _csrf: csrfTokenOf(page.text), decision: 'approve' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/approvals');
    expect((await pendingFor(nina)).map((a) => a.approvalId)).not.toContain(approval!.approvalId);
    const after = await inbox();
    expect(after.text).toMatch(new RegExp(`role="status"[^>]*>\\s*<p>Approved ${approval!.requestNumber}\\.`));
  });

  it('When the approver denies without a reason, then nothing is decided and the reason field says why; with a reason the request is denied', async () => {
    const submitted = await submitLaptop();
    const approval = (await pendingFor(nina)).find((a) => a.requestNumber === submitted.number)!;
    const page = await inbox();
    const refused = await decide(approval.approvalId, { _csrf: csrfTokenOf(page.text), decision: 'deny', reason: '   ' });
    expect(refused.status).toBe(400);
    const refusedText = await refused.text();
    expect(refusedText).toContain(`aria-describedby="reason-problem-${approval.approvalId}"`);
    expect(refusedText).toContain('Give a reason for denying');
    expect((await pendingFor(nina)).map((a) => a.approvalId)).toContain(approval.approvalId);

    const denied = await decide(approval.approvalId, { _csrf: csrfTokenOf(refusedText), decision: 'deny', reason: 'We have spare laptops in stock' });
    expect(denied.status).toBe(303);
    expect((await inbox()).text).toContain(`Denied ${submitted.number}.`);
    const [status] = await h.deps.lifecycle.status(await person(ethan), { number: submitted.number, includeClosed: true });
    expect(status!.status).toMatch(/rejected|denied/i);
  });

  it('When a decision is posted without the CSRF token, then it is refused and the approval stays pending', async () => {
    await submitLaptop();
    const [approval] = await pendingFor(nina);
    const res = await decide(approval!.approvalId, { decision: 'approve' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This form has expired');
    expect((await pendingFor(nina)).map((a) => a.approvalId)).toContain(approval!.approvalId);
  });

  it('When an approval is already decided, then the inbox says so instead of failing', async () => {
    const [approval] = await pendingFor(nina);
    const page = await inbox();
    await h.deps.lifecycle.decide({ approvalId: approval!.approvalId, actor: await person(nina), decision: 'approve', channel: 'api' });
    const res = await decide(approval!.approvalId, { _csrf: csrfTokenOf(page.text), decision: 'approve' });
    expect(res.status).toBe(303);
    expect((await inbox()).text).toMatch(/class="result problem"/);
  });

  it('When nobody is signed in, then a decision goes to sign-in and nothing is decided', async () => {
    await submitLaptop();
    const [approval] = await pendingFor(nina);
    const res = await new HttpBrowser().request(`${h.origin}/console/approvals/${approval!.approvalId}/decision`, { form: { decision: 'approve' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?returnTo=%2Fconsole');
    expect((await pendingFor(nina)).map((a) => a.approvalId)).toContain(approval!.approvalId);
  });
});
