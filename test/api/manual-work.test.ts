import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { addDaysToIso, isoToday } from '../../src/calendar/calendar.js';
import { formatDay } from '../../src/request-records/sub-status-words.js';
import { laptopFields, startApiHarness, type ApiHarness } from '../lifecycle/harness.js';
import { TestClock } from '../support/test-clock.js';

const ethan = 'ethan.brooks@example.com';
const nina = 'nina.petrova@example.com';
const marcus = 'marcus.chen@example.com';
const carlos = 'carlos.mendes@example.com';
const julia = 'julia.weber@example.com';
const hourMs = 3_600_000;

let h: ApiHarness;
const clock = new TestClock();
const tokens = new Map<string, string>();
beforeAll(async () => { h = await startApiHarness({}, { clock }); });
afterAll(async () => { await h?.close(); });

async function as(email: string, roles: Role[] = ['fulfiller']): Promise<Record<string, string>> {
  const key = `${email}:${roles.join(',')}`;
  if (!tokens.has(key)) tokens.set(key, (await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token);
  return { authorization: `Bearer ${tokens.get(key)!}` };
}

/** A laptop from stock, approved by the manager: its first task waits with it-hardware. */
async function laptopTask(): Promise<{ number: string; requestId: string; taskId: string }> {
  const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: await h.person(ethan), fields: laptopFields, channel: 'api' });
  const card = (await h.deps.lifecycle.pendingApprovals(await h.person(nina))).find((c) => c.requestNumber === submitted.number)!;
  await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: await h.person(nina), decision: 'approve', channel: 'api' });
  await h.deps.fulfilment.idle();
  const task = (await h.deps.fulfilment.tasks('it-hardware')).find((t) => t.requestNumber === submitted.number)!;
  return { number: submitted.number, requestId: submitted.id, taskId: task.id };
}

const post = async (url: string, body: unknown, email = carlos) => h.app.inject({ method: 'POST', url, headers: await as(email), payload: body as Record<string, unknown> });
const textsOf = (payload: unknown) => ((payload as { replies?: Array<{ text?: string }> }).replies ?? []).map((r) => r.text ?? '').join('\n');
const allTold = async (email: string) => (await h.deps.store.read.outbox.forPerson(email)).map((o) => textsOf(o.payload)).join('\n');
const lastTold = async (email: string) => textsOf((await h.deps.store.read.outbox.forPerson(email)).at(-1)?.payload ?? {});
const statusOf = async (number: string) => (await h.deps.lifecycle.status(await h.person(ethan), { number, includeClosed: true }))[0]!;
const requestRow = async (id: string) => (await h.deps.store.read.requests.findById(id))!;

describe('the team task API', () => {
  it("When a task reaches its team, then it is due after the team's SLA for that task (teams.yaml), on track, and listed due first", async () => {
    const { taskId } = await laptopTask();
    const res = await h.app.inject({ url: '/api/v1/tasks?team=it-hardware', headers: await as(carlos) });
    expect(res.statusCode).toBe(200);
    const tasks = res.json().tasks as Array<{ id: string; dueAt: string; createdAt: string; sla: string }>;
    const task = tasks.find((t) => t.id === taskId)!;
    // laptop/allocate-from-stock: 8 hours, all day (it-hardware has no business hours).
    expect(Date.parse(task.dueAt)).toBe(clock.now() + 8 * hourMs);
    expect(task.sla).toBe('on_track');
    expect(tasks.map((t) => t.dueAt)).toEqual([...tasks.map((t) => t.dueAt)].sort());
  });

  it('When a task is scheduled for a date, then the requester is told the date in plain words and their status answer shows it', async () => {
    const { number, taskId } = await laptopTask();
    const day = addDaysToIso(isoToday(clock.now(), 'UTC'), 3);
    expect((await h.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, headers: await as(carlos), payload: { subStatus: 'scheduled', date: '2001-01-01' } })).statusCode).toBe(400);
    const res = await h.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, headers: await as(carlos), payload: { subStatus: 'scheduled', date: day } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ subStatus: 'scheduled', subStatusDate: day, subStatusText: `scheduled for ${formatDay(day)}` });
    expect(await lastTold(ethan)).toContain(`${number}: Allocate MacBook Air 13" (M3, 16 GB) from stock and ship to London is now scheduled for ${formatDay(day)}.`);
    expect(await statusOf(number)).toMatchObject({ status: 'In fulfilment (scheduled)', step: expect.stringContaining(`scheduled for ${formatDay(day)}`), waitingOn: 'the it-hardware team' });
  });

  it('When the team needs something from the requester, then they are told what, and the status says it waits on them', async () => {
    const { number, taskId } = await laptopTask();
    expect((await h.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, headers: await as(carlos), payload: { subStatus: 'awaiting_customer' } })).statusCode).toBe(400);
    const res = await h.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${taskId}`, headers: await as(carlos), payload: { subStatus: 'awaiting_customer', note: 'bring your old laptop to the IT desk' } });
    expect(res.statusCode).toBe(200);
    expect(await lastTold(ethan)).toContain('is now waiting for you: bring your old laptop to the IT desk. When it is done, answer here or tell the service desk.');
    expect(await statusOf(number)).toMatchObject({ status: 'In fulfilment (awaiting you)', waitingOn: 'you' });
  });

  it('When the team adds notes, then each is kept with author and time; only a note for the requester is told to them and shown on the request', async () => {
    const { number, taskId } = await laptopTask();
    const before = (await h.deps.store.read.outbox.forPerson(ethan)).length;
    const internal = await post(`/api/v1/tasks/${taskId}/notes`, { text: 'Spare charger in cabinet B' });
    expect(internal.statusCode).toBe(201);
    expect((await h.deps.store.read.outbox.forPerson(ethan)).length).toBe(before);
    clock.advance(60_000);
    const shared = await post(`/api/v1/tasks/${taskId}/notes`, { text: 'Your laptop is being imaged now', visibleToRequester: true }, julia);
    expect(shared.statusCode).toBe(201);
    expect(await lastTold(ethan)).toContain(`${number}: a note from the it-hardware team`);
    const notes = (await h.app.inject({ url: `/api/v1/tasks/${taskId}/notes`, headers: await as(carlos) })).json().notes;
    expect(notes).toMatchObject([
      { text: 'Spare charger in cabinet B', by: { email: carlos, name: 'Carlos Mendes' }, visibleToRequester: false },
      { text: 'Your laptop is being imaged now', by: { email: julia }, visibleToRequester: true },
    ]);
    const view = (await h.app.inject({ url: `/api/v1/requests/${number}`, headers: await as(ethan, ['requester']) })).json();
    expect(view.notes.map((n: { text: string }) => n.text)).toEqual(['Your laptop is being imaged now']);
    expect((await h.app.inject({ url: `/api/v1/tasks/${taskId}/notes`, headers: await as('rachel.adeyemi@example.com') })).statusCode).toBe(403);
  });

  it('When a fulfiller takes a task, then it is in their work; it cannot be given to someone outside the team', async () => {
    const { taskId } = await laptopTask();
    const taken = await post(`/api/v1/tasks/${taskId}/assign`, {});
    expect(taken.json().assignee).toEqual({ email: carlos, name: 'Carlos Mendes' });
    const mine = (await h.app.inject({ url: '/api/v1/tasks/mine', headers: await as(carlos) })).json().tasks;
    expect(mine.map((t: { id: string }) => t.id)).toContain(taskId);
    expect((await post(`/api/v1/tasks/${taskId}/assign`, { assignee: ethan })).statusCode).toBe(400);
    const given = await post(`/api/v1/tasks/${taskId}/assign`, { assignee: julia });
    expect(given.json().assignee.email).toBe(julia);
    expect(await lastTold(julia)).toContain('Carlos Mendes gave you a task');
  });

  it("When an item is out of stock, then the task awaits parts until the expected date, the request's due date moves (audited) and the requester is told", async () => {
    const { number, requestId, taskId } = await laptopTask();
    const dueBefore = (await requestRow(requestId)).dueAt;
    const expected = addDaysToIso(isoToday(clock.now(), 'UTC'), 20);
    const res = await post(`/api/v1/tasks/${taskId}/backorder`, { expectedDate: expected, note: 'Supplier restocks monthly' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ subStatus: 'awaiting_parts', subStatusDate: expected });
    const dueAfter = (await requestRow(requestId)).dueAt;
    expect(dueAfter).toBe(Date.parse(`${addDaysToIso(expected, 1)}T00:00:00Z`));
    expect(dueAfter).toBeGreaterThan(dueBefore);
    const audit = await h.deps.store.read.audit.listForTarget('request', requestId);
    expect(audit.find((a) => a.action === 'request.due-moved')).toMatchObject({ actorId: carlos, before: { dueAt: new Date(dueBefore).toISOString() }, after: { dueAt: new Date(dueAfter).toISOString() } });
    expect(await lastTold(ethan)).toContain(`${number}: Allocate MacBook Air 13" (M3, 16 GB) from stock and ship to London is out of stock and waiting for parts, expected ${formatDay(expected)}. It is now due`);
    expect(await statusOf(number)).toMatchObject({ status: 'In fulfilment (awaiting parts)', step: expect.stringContaining(`expected ${formatDay(expected)}`) });
    expect((await post(`/api/v1/tasks/${taskId}/backorder`, { expectedDate: '2000-01-01' })).statusCode).toBe(400);
  });

  it('When the team asks for an extra approval, then the cost-centre owner gets a normal approval card, the task waits, and approval lets it complete', async () => {
    const { number, requestId, taskId } = await laptopTask();
    const asked = await post(`/api/v1/tasks/${taskId}/extra-approval`, { reason: 'Needs 32 GB of memory, beyond the standard build', approver: { kind: 'cost-centre-owner' } });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ awaitingApproval: true, subStatus: 'awaiting_approval' });
    expect(await lastTold(ethan)).toContain('needs an extra approval before the it-hardware team can go on (Needs 32 GB of memory, beyond the standard build). Waiting for Marcus Chen (owner of cost centre CC-2000)');
    const card = (await h.deps.lifecycle.pendingApprovals(await h.person(marcus))).find((c) => c.requestNumber === number)!;
    expect(card.reason).toContain('Needs 32 GB of memory');
    expect(await statusOf(number)).toMatchObject({ status: 'In fulfilment (awaiting an extra approval)', waitingOn: 'Marcus Chen (owner of cost centre CC-2000)' });
    expect((await post(`/api/v1/tasks/${taskId}/complete`, { note: 'Shipped' })).statusCode).toBe(409);

    const decided = await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: await h.person(marcus), decision: 'approve', channel: 'api' });
    expect(decided.message).toBe(`Approved ${number}. The it-hardware team goes on with it.`);
    expect(await lastTold(ethan)).toContain('Marcus Chen gave the extra approval');
    expect(await lastTold(carlos)).toContain('Marcus Chen approved the extra approval');
    expect((await requestRow(requestId)).status).toBe('in_fulfilment');
    expect((await post(`/api/v1/tasks/${taskId}/complete`, { note: 'Shipped with 32 GB' })).statusCode).toBe(200);
    await h.deps.fulfilment.idle();
    expect((await requestRow(requestId)).status).toBe('fulfilled');
    const history = await h.deps.store.read.requests.history(requestId);
    expect(history.map((x) => x.toStatus)).not.toContain('approved'.repeat(2));
    expect(history.filter((x) => x.toStatus === 'approved')).toHaveLength(1);
  });

  it('When the extra approval is denied, then the task and the request fail and the requester is told why', async () => {
    const { number, requestId, taskId } = await laptopTask();
    await post(`/api/v1/tasks/${taskId}/extra-approval`, { reason: 'Wants a 4K display', approver: { kind: 'person', email: marcus } });
    const card = (await h.deps.lifecycle.pendingApprovals(await h.person(marcus))).find((c) => c.requestNumber === number)!;
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: await h.person(marcus), decision: 'deny', comment: 'Not in this year\'s budget', channel: 'api' });
    expect((await requestRow(requestId)).status).toBe('failed');
    expect((await h.deps.fulfilment.steps(requestId))[0]).toMatchObject({ status: 'failed', error: "Extra approval denied by Marcus Chen: Not in this year's budget" });
    expect(await lastTold(ethan)).toContain("could not be completed: Marcus Chen denied the extra approval the it-hardware team asked for (Not in this year's budget)");
    expect((await post(`/api/v1/tasks/${taskId}/extra-approval`, { reason: 'again', approver: { kind: 'person', email: julia } })).statusCode).toBe(409);
  });

  it('When the team fails a task waiting for its extra approval, then the approval is withdrawn; someone who decided an earlier stage is not asked', async () => {
    const { number, requestId, taskId } = await laptopTask();
    const refused = await post(`/api/v1/tasks/${taskId}/extra-approval`, { reason: 'Second screen', approver: { kind: 'person', email: nina } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('Nina Petrova decided an earlier approval of this request');
    await post(`/api/v1/tasks/${taskId}/extra-approval`, { reason: 'Second screen', approver: { kind: 'person', email: marcus } });
    const card = (await h.deps.lifecycle.pendingApprovals(await h.person(marcus))).find((c) => c.requestNumber === number)!;
    expect((await post(`/api/v1/tasks/${taskId}/fail`, { reason: 'The requester left the company' })).statusCode).toBe(200);
    expect((await h.deps.lifecycle.pendingApprovals(await h.person(marcus))).map((c) => c.requestNumber)).not.toContain(number);
    await expect(h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: await h.person(marcus), decision: 'approve', channel: 'api' })).rejects.toThrow(/nothing changed/);
    expect((await requestRow(requestId)).status).toBe('failed');
  });

  it('When a task passes its due time, then the SLA job records the breach once (audit) and tells the team', async () => {
    const { number, taskId } = await laptopTask();
    await h.deps.fulfilment.recordSlaBreaches();
    clock.advance(7 * hourMs);
    const soon = (await h.deps.fulfilment.tasks('it-hardware')).find((t) => t.id === taskId)!;
    expect(soon.sla).toBe('due_soon');
    clock.advance(2 * hourMs);
    expect(await h.deps.fulfilment.recordSlaBreaches()).toBeGreaterThanOrEqual(1);
    expect(await h.deps.fulfilment.recordSlaBreaches()).toBe(0);
    const audit = (await h.deps.store.read.audit.listForTarget('fulfilment-step', taskId)).filter((a) => a.action === 'fulfilment-step.sla-breached');
    expect(audit).toHaveLength(1);
    expect(await allTold(julia)).toContain(`SLA breached: Allocate MacBook Air 13" (M3, 16 GB) from stock and ship to London for ${number} (it-hardware)`);
    const listed = (await h.app.inject({ url: '/api/v1/tasks?team=it-hardware', headers: await as(carlos) })).json().tasks.find((t: { id: string }) => t.id === taskId);
    expect(listed).toMatchObject({ sla: 'breached', breachedAt: new Date(clock.now()).toISOString() });
  });
});
