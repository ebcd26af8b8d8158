import { afterEach, describe, expect, it } from 'vitest';
import { requestNumberIn, startE2E, textOf, type Activity, type E2E, type UserInput } from './e2e-harness.js';

/** What the bot must say in reply: a substring (any case), a pattern, or something it must not say. */
export type Says = string | RegExp | { not: string | RegExp };

/** One wire request the identity system must receive; `{user:<email>}` and `{group:<name>}` stand for the fake's ids. */
export interface IdentityCall { method: 'GET' | 'POST' | 'PUT'; url: string; body?: Record<string, unknown> }

export interface Transcript {
  name: string;
  requester: string;
  /** The identity system answers matching calls ("METHOD path") with this error. */
  identityFailure?: { match: RegExp; status: number };
  /** What the requester says or clicks, and what the bot must answer. */
  steps: Array<[UserInput, Says | Says[]]>;
  /** Each approver finds the card in their own chat and clicks Approve, or Deny with a reason. */
  approvals: Array<[approver: string, decision: 'approve' | 'deny', reason?: string]>;
  fulfil: {
    /** Manual tasks, in order: listed for the team through the API and completed with a work note. */
    tasks?: Array<{ team: string; title: string | RegExp; by: string; note: string }>;
    /** The calls the identity connector must make, in order. */
    identity?: IdentityCall[];
  };
  expected: {
    /** Final status; `none` when the requester is refused before a request exists. */
    status: string;
    /** What the requester's chat ends with. */
    told?: string | RegExp;
    /** The request history: [status, who], every change in order. */
    history?: Array<[status: string, by: string]>;
    /** Audit entries that must appear in this order: [actor, action]. */
    audit?: Array<[actor: string, action: string]>;
    /** Stored fields, as the API shows them (sensitive ones masked). */
    fields?: Record<string, unknown>;
    /** Sensitive answers no approver, team, API view or audit entry may show. */
    neverShown?: string[];
  };
}

interface RequestView {
  number: string;
  status: string;
  fields: Record<string, unknown>;
  history: Array<{ to: string; by: string; reason: string | null }>;
  steps: Array<{ title: string; status: string; note: string | null }>;
}

export function expectSays(activities: Activity[], says: Says | Says[], context: string): void {
  const text = textOf(activities);
  for (const s of Array.isArray(says) ? says : [says]) {
    if (typeof s === 'string') expect(text.toLowerCase(), `${context}: the bot says "${s}"`).toContain(s.toLowerCase());
    else if (s instanceof RegExp) expect(text, `${context}: the bot says ${s}`).toMatch(s);
    else if (typeof s.not === 'string') expect(text.toLowerCase(), `${context}: the bot does not say "${s.not}"`).not.toContain(s.not.toLowerCase());
    else expect(text, `${context}: the bot does not say ${s.not}`).not.toMatch(s.not);
  }
}

/** Plays the requester's side of a dialog and returns the request number the bot gave. */
export async function submitThrough(e: E2E, requester: string, steps: Transcript['steps']): Promise<string> {
  const me = await e.chat(requester);
  for (const [i, [input, says]] of steps.entries()) expectSays(await me.send(input), says, `${requester} step ${i + 1}`);
  const number = requestNumberIn(me.seen);
  if (!number) throw new Error(`${requester} was given no request number`);
  return number;
}

export async function auditorToken(e: E2E): Promise<string> {
  return (await e.deps.tokens.create({ email: 'fatima.haddad@example.com', roles: ['auditor'] }, { id: 'cli:test-operator', channel: 'cli' })).token;
}

/** Plays a transcript against a fresh app and checks every expectation; returns the app for more checks. */
export async function playTranscript(t: Transcript): Promise<{ e: E2E; number: string | undefined; view: RequestView | undefined }> {
  const e = await startE2E();
  if (t.identityFailure) e.identity.failWhen(t.identityFailure.match, t.identityFailure.status, 'Service unavailable');
  // Approvers have their web chat open, so their cards arrive there.
  for (const [approver] of t.approvals) await e.chat(approver);
  const me = await e.chat(t.requester);
  for (const [i, [input, says]] of t.steps.entries()) {
    expectSays(await me.send(input), says, `step ${i + 1} (${JSON.stringify(input)})`);
  }
  const number = requestNumberIn(me.seen);
  if (t.expected.status === 'none') {
    const mine = await e.api(t.requester, 'GET', '/api/v1/requests?includeClosed=true');
    expect(mine.json()).toEqual({ requests: [] });
    return { e, number: undefined, view: undefined };
  }
  expect(number, 'the bot gave a request number').toMatch(/^REQ-\d+$/);

  for (const [approver, decision, reason] of t.approvals) {
    const chat = await e.chat(approver);
    const inbox = await chat.unread();
    expectSays(inbox, `Approval: ${number}`, `${approver}'s chat`);
    const ack = await chat.send(decision === 'approve' ? { click: 'Approve' } : { click: 'Deny', inputs: { comment: reason ?? '' } });
    const who = (await e.deps.directory.findByEmail(approver))!.name;
    expectSays(ack, [`${decision === 'approve' ? 'Approved' : 'Denied'} ${number}`, `${decision === 'approve' ? 'Approved' : 'Denied'} by ${who}`], `${approver}'s decision`);
  }

  for (const task of t.fulfil.tasks ?? []) {
    const listed = await e.api(task.by, 'GET', `/api/v1/tasks?team=${task.team}`);
    expect(listed.statusCode).toBe(200);
    const mine = (listed.json() as { tasks: Array<{ id: string; requestNumber: string; title: string }> }).tasks.filter((x) => x.requestNumber === number);
    expect(mine, `one open ${task.team} task for ${number}`).toHaveLength(1);
    expect(mine[0]!.title).toMatch(task.title);
    const done = await e.api(task.by, 'POST', `/api/v1/tasks/${mine[0]!.id}/complete`, { note: task.note });
    expect(done.statusCode, done.body).toBe(200);
  }

  if (t.fulfil.identity) {
    const ids = (text: string) => text
      .replace(/\{user:([^}]+)\}/g, (_, email: string) => e.identity.userByLogin(email)!.id)
      .replace(/\{group:([^}]+)\}/g, (_, name: string) => [...e.identity.groups.values()].find((g) => g.profile.name === name)!.id);
    const received = e.identity.received.map((r) => ({ method: r.method, url: r.url, authorization: r.authorization, body: r.body }));
    expect(received).toHaveLength(t.fulfil.identity.length);
    t.fulfil.identity.forEach((call, i) => {
      expect(received[i], `identity call ${i + 1}`).toMatchObject({ method: call.method, url: ids(call.url), authorization: expect.stringMatching(/^SSWS /) });
      if (call.body) expect(received[i]!.body).toMatchObject(call.body);
    });
  }

  const res = await e.api(t.requester, 'GET', `/api/v1/requests/${number}`);
  expect(res.statusCode).toBe(200);
  const view = res.json() as RequestView;
  expect(view.status).toBe(t.expected.status);
  if (t.expected.fields) expect(view.fields).toMatchObject(t.expected.fields);
  if (t.expected.history) expect(view.history.map((h) => [h.to, h.by])).toEqual(t.expected.history);
  if (t.expected.told) {
    await me.unread();
    const last = me.seen.at(-1)!;
    expect(textOf([last]), 'the last thing the requester was told').toMatch(t.expected.told);
  }
  if (t.expected.audit) {
    const trail = await e.apiWithToken(await auditorToken(e), 'GET', `/api/v1/audit/requests/${number}`);
    expect(trail.statusCode).toBe(200);
    const entries = (trail.json() as { entries: Array<{ actor: string; action: string }> }).entries.map((x) => `${x.actor} ${x.action}`);
    let from = 0;
    for (const [actor, action] of t.expected.audit) {
      const at = entries.indexOf(`${actor} ${action}`, from);
      expect(at, `audit has "${actor} ${action}" after entry ${from} of:\n${entries.join('\n')}`).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
  }
  if (t.expected.neverShown) {
    const exposed = [
      ...await Promise.all(t.approvals.map(async ([approver]) => textOf((await e.chat(approver)).seen))),
      ...await Promise.all((t.fulfil.tasks ?? []).map(async (task) => (await e.api(task.by, 'GET', `/api/v1/tasks?team=${task.team}&includeDone=true`)).body)),
      res.body,
      (await e.apiWithToken(await auditorToken(e), 'GET', `/api/v1/audit/requests/${number}`)).body,
    ].join('\n');
    for (const secret of t.expected.neverShown) expect(exposed, `"${secret}" is masked everywhere but the requester's own chat`).not.toContain(secret);
  }
  return { e, number, view };
}

/** A date `n` days from today, as people type it. */
export function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

/** What the requester is told last when every step is done. */
export function fulfilledTold(title: string): RegExp {
  return new RegExp(`^REQ-\\d+ \\(${title.replace(/[()]/g, '\\$&')}\\) is fulfilled\\.$`);
}

/** One test per transcript, each on a fresh app; `more` adds tests that play transcripts through `session.play`. */
export function describeTranscripts(title: string, transcripts: Transcript[], more?: (session: { play: typeof playTranscript }) => void): void {
  describe(title, () => {
    let e: E2E | undefined;
    afterEach(async () => {
      await e?.close();
      e = undefined;
    });
    const play = async (t: Transcript) => {
      const played = await playTranscript(t);
      e = played.e;
      return played;
    };
    it.each(transcripts.map((t) => [t.name, t] as const))('%s', async (_name, t) => {
      await play(t);
    });
    more?.({ play });
  });
}
