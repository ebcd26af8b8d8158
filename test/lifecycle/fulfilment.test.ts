import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotEligibleError, ThrottledError } from '../../src/shared/errors.js';
import { identityToken, laptopFields, startHarness, type Harness } from './harness.js';

let h: Harness;
// No retries: a failure fails the request at once (test/fulfilment/default-retries.test.ts covers the default policy).
beforeAll(async () => { h = await startHarness({ FULFILMENT_STEP_ATTEMPTS: '1' }); });
afterAll(async () => { await h.close(); });

const requestRow = async (number: string) => (await h.deps.store.read.requests.findByNumber(Number(number.slice(4))))!;

describe('fulfilment through the identity system', () => {
  it('When a password reset is submitted, then the identity system is asked over HTTP and the request is fulfilled', async () => {
    const ethan = await h.person('ethan.brooks@example.com');
    const user = h.identity.userByLogin(ethan.email)!;
    const before = h.identity.received.length;
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester: ethan, fields: { action: 'reset', account: 'network' }, channel: 'webchat' });
    expect(submitted).toMatchObject({ status: 'approved', next: 'Fulfilment is starting; I will tell you when it is done.' });
    await h.deps.fulfilment.idle();
    expect((await requestRow(submitted.number)).status).toBe('fulfilled');
    const wire = h.identity.received.slice(before).map((r) => ({ method: r.method, url: r.url, authorization: r.authorization }));
    expect(wire).toEqual([
      { method: 'GET', url: '/api/v1/users/ethan.brooks%40example.com', authorization: `SSWS ${identityToken}` },
      { method: 'POST', url: `/api/v1/users/${user.id}/lifecycle/reset_password?sendEmail=true`, authorization: `SSWS ${identityToken}` },
    ]);
    expect(user.passwordResetSent).toBe(1);
    const told = await h.deps.store.read.outbox.forPerson(ethan.id);
    expect(JSON.stringify(told.at(-1)!.payload)).toContain(`${submitted.number} (Password reset or account unlock) is fulfilled.`);
  });

  it('When the identity system fails, then the step and the request are failed, the error is visible and the requester told', async () => {
    const sofia = await h.person('sofia.rossi@example.com');
    h.identity.failWhen(/^POST \/api\/v1\/users\/.*\/lifecycle\/unlock/, 503, 'Service unavailable');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester: sofia, fields: { action: 'unlock', account: 'network' }, channel: 'webchat' });
    await h.deps.fulfilment.idle();
    expect((await requestRow(submitted.number)).status).toBe('failed');
    const [line] = await h.deps.lifecycle.status(sofia, { number: submitted.number, includeClosed: true });
    expect(line).toMatchObject({ status: 'Failed', step: expect.stringMatching(/^Failed at Unlock/), waitingOn: 'the service desk' });
    const steps = await h.deps.fulfilment.steps(submitted.id);
    expect(steps[0]).toMatchObject({ status: 'failed', error: 'identity could not unlock-account: HTTP 503: Service unavailable' });
    expect(steps[0]!.error).not.toContain(identityToken);
    const told = await h.deps.store.read.outbox.forPerson(sofia.id);
    expect(JSON.stringify(told.at(-1)!.payload)).toContain('could not be completed');
  });

  it('When privileged access is asked for, then the system owner approves after the manager and access is granted', async () => {
    const sam = await h.person('sam.patel@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'access', requester: sam, fields: { system: 'finance-share', level: 'write', justification: 'Quarterly engineering budget review' }, channel: 'api' });
    const [first] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(first!.step).toBe('Approval 1 of 2: manager');
    const dana = await h.person('dana.lee@example.com');
    const card = (await h.deps.lifecycle.pendingApprovals(dana)).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'approve', channel: 'api' });
    const [second] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(second).toMatchObject({ step: 'Approval 2 of 2: system-owner', waitingOn: 'Nina Petrova (owner of Finance shared drive)' });
    const nina = await h.person('nina.petrova@example.com');
    const ownerCard = (await h.deps.lifecycle.pendingApprovals(nina)).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: ownerCard.approvalId, actor: nina, decision: 'approve', channel: 'api' });
    await h.deps.fulfilment.idle();
    expect((await requestRow(submitted.number)).status).toBe('fulfilled');
    expect(h.identity.groupMembers('access:finance-share:write')).toContain('sam.patel@example.com');
  });

  it('When the owner asks for access to their own system, then their manager approves the first stage and the next manager up the owner stage (never themselves, never one person twice)', async () => {
    const nina = await h.person('nina.petrova@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'access', requester: nina, fields: { system: 'finance-share', level: 'write', justification: 'Covering month-end close this week' }, channel: 'api' });
    const marcus = await h.person('marcus.chen@example.com');
    const card = (await h.deps.lifecycle.pendingApprovals(marcus)).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: marcus, decision: 'approve', channel: 'api' });
    const [line] = await h.deps.lifecycle.status(nina, { number: submitted.number });
    expect(line).toMatchObject({ step: 'Approval 2 of 2: system-owner', waitingOn: 'Grace Holloway (manager of Marcus Chen, who decides an earlier stage)' });
    expect(await h.deps.lifecycle.pendingApprovals(marcus)).not.toContainEqual(expect.objectContaining({ requestNumber: submitted.number }));
    expect(await h.deps.lifecycle.pendingApprovals(nina)).not.toContainEqual(expect.objectContaining({ requestNumber: submitted.number }));
  });

  it('When read access to a non-privileged system is asked for, then only the manager approves', async () => {
    const sam = await h.person('sam.patel@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'access', requester: sam, fields: { system: 'engineering-docs', level: 'read', justification: 'Reading the on-call runbooks' }, channel: 'api' });
    const [line] = await h.deps.lifecycle.status(sam, { number: submitted.number });
    expect(line!.step).toBe('Approval 1 of 1: manager');
  });
});

describe('manual tasks', () => {
  it('When the hardware team completes the task with a note, then the request is fulfilled and the history says who did what', async () => {
    const alex = await h.person('alex.kim@example.com');
    const dana = await h.person('dana.lee@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: alex, fields: laptopFields, channel: 'webchat' });
    const card = (await h.deps.lifecycle.pendingApprovals(dana)).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'approve', comment: 'Go ahead', channel: 'webchat' });
    await h.deps.fulfilment.idle();
    const task = (await h.deps.fulfilment.tasks('it-hardware')).find((t) => t.requestNumber === submitted.number)!;
    expect(task).toMatchObject({ status: 'pending', requester: 'Alex Kim' });
    const carlos = await h.person('carlos.mendes@example.com');
    // The team hears of the task: everyone in it, once.
    const hardware = await h.deps.directory.membersOf('team:it-hardware');
    expect(hardware.map((p) => p.id)).toContain(carlos.id);
    for (const member of hardware) {
      const told = (await h.deps.store.read.outbox.forPerson(member.id)).filter((row) => JSON.stringify(row.payload).includes(`New task for it-hardware`) && JSON.stringify(row.payload).includes(submitted.number));
      expect(told, member.id).toHaveLength(1);
      expect(JSON.stringify(told[0]!.payload)).toContain('asked by Alex Kim');
    }
    const principal = { person: carlos, roles: ['fulfiller' as const], via: 'token' as const };
    await h.deps.fulfilment.setSubStatus({ stepId: task.id, actor: principal, subStatus: 'awaiting_parts', note: 'Waiting for the courier', channel: 'api' });
    const [waiting] = await h.deps.lifecycle.status(alex, { number: submitted.number });
    expect(waiting!.status).toBe('In fulfilment (awaiting parts)');
    const done = await h.deps.fulfilment.complete({ stepId: task.id, actor: principal, note: 'Shipped with tracking 1Z999', channel: 'api' });
    expect(done.status).toBe('done');
    await h.deps.fulfilment.idle();
    const request = await requestRow(submitted.number);
    expect(request.status).toBe('fulfilled');
    const history = await h.deps.store.read.requests.history(request.id);
    expect(history.map((r) => [r.toStatus, r.subStatus, r.actorId])).toEqual([
      ['submitted', null, alex.id], ['awaiting_approval', null, 'system'], ['approved', null, dana.id], ['in_fulfilment', null, dana.id],
      ['in_fulfilment', 'awaiting_parts', carlos.id], ['in_fulfilment', null, carlos.id], ['fulfilled', null, 'system'],
    ]);
    const approvalIds = (await h.deps.store.read.approvals.listByRequest(request.id)).map((a) => a.id);
    const stepIds = (await h.deps.fulfilment.steps(request.id)).map((s) => s.id);
    const trail = await h.deps.store.read.audit.listForRequest(request.id, [...approvalIds, ...stepIds]);
    expect(trail.map((a) => [a.action, a.actorId])).toEqual(expect.arrayContaining([
      ['request.submitted', alex.id], ['approval.approved', dana.id], ['fulfilment-step.sub-status', carlos.id], ['fulfilment-step.done', carlos.id], ['request.fulfilled', 'system'],
    ]));
    expect(trail.find((a) => a.action === 'approval.approved')!.reason).toBe('Go ahead');
    expect(trail.find((a) => a.action === 'fulfilment-step.done')!.reason).toBe('Shipped with tracking 1Z999');
  });

  it('When someone outside the team tries to complete a task, then it is refused', async () => {
    const ben = await h.person('ben.walker@example.com');
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: ben, fields: laptopFields, channel: 'webchat' });
    const ravi = await h.person('ravi.shah@example.com');
    const card = (await h.deps.lifecycle.pendingApprovals(ravi)).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: ravi, decision: 'approve', channel: 'webchat' });
    await h.deps.fulfilment.idle();
    const task = (await h.deps.fulfilment.tasks('it-hardware')).find((t) => t.requestNumber === submitted.number)!;
    const rachel = { person: await h.person('rachel.adeyemi@example.com'), roles: ['fulfiller' as const], via: 'token' as const };
    await expect(h.deps.fulfilment.complete({ stepId: task.id, actor: rachel, note: 'done', channel: 'api' })).rejects.toThrow('This task belongs to the it-hardware team');
    expect((await requestRow(submitted.number)).status).toBe('in_fulfilment');
  });
});

describe('guards', () => {
  it('When a fourth password reset is asked for within 24 hours, then it is throttled with the time a slot frees', async () => {
    const zoe = await h.person('zoe.turner@example.com');
    for (let i = 0; i < 3; i++) await h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester: zoe, fields: { action: 'reset', account: 'workday' }, channel: 'webchat' });
    const fourth = h.deps.lifecycle.submit({ requestTypeId: 'password-reset', requester: zoe, fields: { action: 'reset', account: 'workday' }, channel: 'webchat' });
    await expect(fourth).rejects.toBeInstanceOf(ThrottledError);
    await expect(fourth).rejects.toThrow(/^You have reached the limit of 3 password resets in 24 hours; try again after .*\d\d:\d\d or talk to the service desk$/);
    expect(await h.deps.lifecycle.precheck({ requestTypeId: 'password-reset', requester: zoe, fields: {} })).toContain('limit of 3 password resets');
    expect((await h.deps.store.read.requests.listByRequester(zoe.id, { includeClosed: true })).length).toBe(3);
  });

  it('When a non-manager starts an onboarding, then the catalog message says why', async () => {
    const zoe = await h.person('zoe.turner@example.com');
    await expect(h.deps.lifecycle.submit({ requestTypeId: 'onboarding', requester: zoe, fields: {}, channel: 'webchat' }))
      .rejects.toBeInstanceOf(NotEligibleError);
    expect(await h.deps.lifecycle.precheck({ requestTypeId: 'onboarding', requester: zoe, fields: {} })).toMatch(/^Only people managers can start an onboarding request/);
  });
});

describe('sensitive answers', () => {
  it('When an onboarding carries a personal email, then the audit log masks it while the identity system still gets it', async () => {
    const priya = await h.person('priya.raman@example.com');
    const start = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const personalEmail = 'mia.wong@personal.example';
    const before = h.identity.received.length;
    const submitted = await h.deps.lifecycle.submit({
      requestTypeId: 'onboarding', requester: priya, channel: 'api',
      fields: { 'joiner-name': 'Mia Wong', 'personal-email': personalEmail, 'start-date': start, department: 'engineering', role: 'engineer', title: 'Software Engineer', manager: 'dana.lee@example.com', location: 'London' },
    });
    expect(submitted.status).toBe('approved');
    await h.deps.fulfilment.idle();
    expect((await requestRow(submitted.number)).status).toBe('in_fulfilment');
    const created = h.identity.received.slice(before).find((r) => r.method === 'POST' && r.url === '/api/v1/users?activate=false')!;
    expect(created.body).toMatchObject({ profile: { login: 'mia.wong@example.com', secondEmail: personalEmail, firstName: 'Mia', lastName: 'Wong' } });
    const request = await requestRow(submitted.number);
    const related = (await h.deps.fulfilment.steps(request.id)).map((s) => s.id);
    const trail = await h.deps.store.read.audit.listForRequest(request.id, related);
    expect(trail.find((a) => a.action === 'request.submitted')!.after).toMatchObject({ fields: { 'personal-email': '••••', 'joiner-name': 'Mia Wong' } });
    expect(JSON.stringify(trail)).not.toContain(personalEmail);
    const history = await h.deps.store.read.requests.history(request.id);
    expect(history.find((r) => r.toStatus === 'approved')!.reason).toBe('Pre-authorised (role executive)');
  });
});
