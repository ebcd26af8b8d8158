import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysToIso, isoToday } from '../../src/calendar/calendar.js';
import { formatDay } from '../../src/request-records/sub-status-words.js';
import { laptopFields } from '../lifecycle/harness.js';
import { HttpBrowser, csrfTokenOf } from '../support/http-browser.js';
import { startSignInApp, type SignInHarness } from './sign-in-harness.js';

const carlos = 'carlos.mendes@example.com';
const ethan = 'ethan.brooks@example.com';
const nina = 'nina.petrova@example.com';
const marcus = 'marcus.chen@example.com';

describe('The team task board in the console', () => {
  let h: SignInHarness;
  let browser: HttpBrowser;
  beforeAll(async () => {
    h = await startSignInApp();
    browser = new HttpBrowser();
    await browser.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole%2Ftasks`, carlos);
  });
  afterAll(async () => {
    await h?.close();
  });

  const person = async (email: string) => (await h.deps.directory.findByEmail(email))!;
  /** A laptop from stock, approved: its task waits with it-hardware, Carlos's team. */
  const laptopTask = async () => {
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: await person(ethan), fields: laptopFields, channel: 'api' });
    const card = (await h.deps.lifecycle.pendingApprovals(await person(nina))).find((c) => c.requestNumber === submitted.number)!;
    await h.deps.lifecycle.decide({ approvalId: card.approvalId, actor: await person(nina), decision: 'approve', channel: 'api' });
    await h.deps.fulfilment.idle();
    const task = (await h.deps.fulfilment.tasks('it-hardware')).find((t) => t.requestNumber === submitted.number)!;
    return { number: submitted.number, requestId: submitted.id, taskId: task.id };
  };
  const board = async (query = '') => {
    const res = await browser.request(`${h.origin}/console/tasks${query}`);
    return { status: res.status, text: await res.text() };
  };
  const act = async (taskId: string, what: string, form: Record<string, string>) => {
    const page = await board();
    return browser.request(`${h.origin}/console/tasks/${taskId}/${what}`, { form: { _csrf: csrfTokenOf(page.text), ...form } });
  };
  const lastTold = async (email: string) => JSON.stringify((await h.deps.store.read.outbox.forPerson(email)).at(-1)?.payload);

  it("When a fulfiller opens the board, then their team's tasks show due first with SLA status, labelled forms and the console's landmarks", async () => {
    const { number, taskId } = await laptopTask();
    const page = await board();
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Team tasks</h1>');
    expect(page.text).toContain('<main id="main"');
    expect(page.text).toContain('<nav aria-label="Console">');
    expect(page.text).toMatch(/<a href="\/console\/tasks"\s+aria-current="page">Team tasks<\/a>/);
    expect(page.text).toContain(`<h2 id="task-${taskId}">${number}: `);
    expect(page.text).toContain('<strong class="sla">On track</strong>');
    expect(page.text).toContain(`<label for="note-${taskId}">Add a note to ${number}</label>`);
    expect(page.text).toContain(`<label for="complete-${taskId}">What was done (work note)</label>`);
    expect((await board('?sla=breached')).text).not.toContain(`id="task-${taskId}"`);
  });

  it('When the fulfiller adds a note for the requester, then it is listed on the board with its author and the requester is told', async () => {
    const { number, taskId } = await laptopTask();
    const res = await act(taskId, 'notes', { text: 'Imaging the laptop now', visibleToRequester: 'true', returnTo: '/console/tasks' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/tasks');
    const page = await board();
    expect(page.text).toMatch(/role="status"[^>]*>\s*<p>Note added; the requester has been told\.<\/p>/);
    expect(page.text).toMatch(/<p>Imaging the laptop now<\/p><p class="meta">Carlos Mendes, <time[^>]*>[^<]+<\/time> · shown to the requester<\/p>/);
    expect(await lastTold(ethan)).toContain(`${number}: a note from the it-hardware team`);
  });

  it('When the fulfiller schedules the task, takes it and completes it with a note, then the requester is told, it is in "my work" and then leaves the board', async () => {
    const { number, requestId, taskId } = await laptopTask();
    const day = addDaysToIso(isoToday(Date.now(), 'UTC'), 2);
    expect((await act(taskId, 'sub-status', { subStatus: 'scheduled', date: day, note: '' })).status).toBe(303);
    expect(await lastTold(ethan)).toContain(`is now scheduled for ${formatDay(day)}`);
    expect((await act(taskId, 'take', {})).status).toBe(303);
    const mine = await board('?view=mine');
    expect(mine.text).toContain('<h1>My work</h1>');
    expect(mine.text).toContain(`id="task-${taskId}"`);
    expect(mine.text).toContain('<dt>Assignee</dt><dd>Carlos Mendes</dd>');
    expect((await act(taskId, 'complete', { note: 'Handed over at the London desk' })).status).toBe(303);
    const after = await board();
    expect(after.text).toContain(`Completed: `);
    expect(after.text).not.toContain(`id="task-${taskId}"`);
    await h.deps.fulfilment.idle();
    expect((await h.deps.store.read.requests.findById(requestId))!.status).toBe('fulfilled');
    expect((await h.deps.fulfilment.notes({ stepId: taskId, actor: { person: await person(carlos), roles: ['fulfiller'], via: 'session' } })).map((n) => n.text)).toContain('Handed over at the London desk');
    expect(number).toMatch(/^REQ-/);
  });

  it('When the fulfiller backorders a task or asks for an extra approval, then the board shows it waiting and the approver gets a card', async () => {
    const first = await laptopTask();
    const expected = addDaysToIso(isoToday(Date.now(), 'UTC'), 14);
    expect((await act(first.taskId, 'backorder', { expectedDate: expected, note: 'Supplier restocks on Mondays' })).status).toBe(303);
    const page = await board('?subStatus=awaiting_parts');
    expect(page.text).toContain(`<dt>Sub-status</dt><dd>waiting for parts, expected ${formatDay(expected)}</dd>`);

    const second = await laptopTask();
    expect((await act(second.taskId, 'extra-approval', { reason: 'Needs a second screen', approver: 'cost-centre-owner', approverEmail: '' })).status).toBe(303);
    const waiting = await board();
    expect(waiting.text).toContain('Waiting for the extra approval the team asked for.');
    expect((await h.deps.lifecycle.pendingApprovals(await person(marcus))).map((c) => c.requestNumber)).toContain(second.number);
  });

  it('When a form is incomplete, then nothing changes and the board says why', async () => {
    const { taskId } = await laptopTask();
    expect((await act(taskId, 'complete', { note: '  ' })).status).toBe(303);
    expect((await board()).text).toMatch(/class="result problem"[^>]*>\s*<p>Not done: A work note is required<\/p>/);
    expect((await h.deps.store.read.fulfilmentSteps.findById(taskId))!.status).toBe('pending');
  });

  it('When a form is posted without the CSRF token, then it is refused and the task is unchanged', async () => {
    const { taskId } = await laptopTask();
    const res = await browser.request(`${h.origin}/console/tasks/${taskId}/complete`, { form: { note: 'Done' } });
    expect(res.status).toBe(403);
    expect((await h.deps.store.read.fulfilmentSteps.findById(taskId))!.status).toBe('pending');
  });

  it('When someone outside the fulfilment teams signs in, then the board is not theirs', async () => {
    const other = new HttpBrowser();
    const page = await other.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole%2Ftasks`, ethan);
    expect(page.res.status).toBe(403);
  });
});
