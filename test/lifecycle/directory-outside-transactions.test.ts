import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindApprovers } from '../../src/approvals/approval-reminders.js';
import type { DirectoryProvider } from '../../src/directory/person.js';
import { createFulfilment } from '../../src/fulfilment/create-fulfilment.js';
import { failOnFirstError } from '../../src/fulfilment/failure-policy.js';
import type { Fulfilment } from '../../src/fulfilment/fulfilment.js';
import { replicaClaims } from '../../src/replicas/replica-claims.js';
import type { LifecycleContext } from '../../src/requests/lifecycle-context.js';
import { RequestService } from '../../src/requests/request-service.js';
import type { Store } from '../../src/store/store.js';
import { expensiveLaptopFields, laptopFields, startHarness, type Harness } from './harness.js';

/*
 * A transaction may run again on a conflict and holds a write lock while it runs: a slow
 * directory inside one would hold everyone else up. The use cases and the fulfilment worker
 * run here over a store that marks its transactions and a directory that records whether a
 * transaction was open when it was asked.
 */
let h: Harness;
const inTransaction = new AsyncLocalStorage<true>();
const asked: Array<{ call: string; inTransaction: boolean }> = [];
let lifecycle: RequestService;
let ctx: LifecycleContext;
let fulfilment: Fulfilment;

function markingTransactions(store: Store): Store {
  return {
    dialect: store.dialect,
    read: store.read,
    transaction: (work) => store.transaction((repos) => inTransaction.run(true, () => work(repos))),
    health: () => store.health(),
    close: async () => undefined,
  };
}

function recording(directory: DirectoryProvider): DirectoryProvider {
  const record = <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) => (...args: A) => {
    asked.push({ call: `${name}(${args.join(', ')})`, inTransaction: inTransaction.getStore() === true });
    return call(...args);
  };
  return {
    findByEmail: record('findByEmail', (email: string) => directory.findByEmail(email)),
    list: record('list', () => directory.list()),
    directReports: record('directReports', (email: string) => directory.directReports(email)),
    membersOf: record('membersOf', (group: string) => directory.membersOf(group)),
  };
}

beforeAll(async () => {
  h = await startHarness({ REPLICA_LEASE_MS: '60000' });
  const store = markingTransactions(h.deps.store);
  const directory = recording(h.deps.directory);
  const base = h.deps.lifecycleContext;
  fulfilment = createFulfilment({ ...base, store, directory, integrations: h.deps.integrations, claims: replicaClaims(60_000), failurePolicy: failOnFirstError });
  ctx = { ...base, store, directory, fulfilment };
  lifecycle = new RequestService(ctx);
});
afterAll(async () => {
  await fulfilment.stop();
  await h.close();
});

describe('the directory is never asked inside a transaction', () => {
  it('When requests are submitted, approved in stages, reminded, fulfilled by a team, looked up and cancelled, then every directory call happened outside a transaction', async () => {
    const sam = await h.person('sam.patel@example.com');
    const dana = await h.person('dana.lee@example.com');
    const carlos = { person: await h.person('carlos.mendes@example.com'), roles: ['fulfiller' as const], via: 'token' as const };

    const laptop = await lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: laptopFields, channel: 'api' });
    expect(laptop.next).toBe('Waiting for Dana Lee (your manager) to approve.');
    expect(await remindApprovers(ctx, 0)).toBeGreaterThan(0);
    const card = (await lifecycle.pendingApprovals(dana)).find((c) => c.requestNumber === laptop.number)!;
    await lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'approve', channel: 'api' });
    await expect(lifecycle.decide({ approvalId: card.approvalId, actor: dana, decision: 'approve', channel: 'api' })).rejects.toThrow(/^Already approved by Dana Lee at /);
    await fulfilment.idle();
    const task = (await fulfilment.tasks('it-hardware')).find((t) => t.requestNumber === laptop.number)!;
    await fulfilment.complete({ stepId: task.id, actor: carlos, note: 'Handed over', channel: 'api' });
    await fulfilment.idle();
    const [done] = await lifecycle.status(sam, { number: laptop.number, includeClosed: true });
    expect(done!.status).toBe('Fulfilled');

    const expensive = await lifecycle.submit({ requestTypeId: 'laptop', requester: sam, fields: expensiveLaptopFields, channel: 'api' });
    const first = (await lifecycle.pendingApprovals(dana)).find((c) => c.requestNumber === expensive.number)!;
    const decided = await lifecycle.decide({ approvalId: first.approvalId, actor: dana, decision: 'approve', channel: 'api' });
    expect(decided.message).toMatch(new RegExp(`^Approved ${expensive.number}\\. It now goes to .+\\.$`));
    expect((await lifecycle.cancel({ person: sam, number: expensive.number, channel: 'api' })).message).toBe(`${expensive.number} is cancelled.`);

    expect(asked.length, 'the directory was asked').toBeGreaterThan(10);
    expect(asked.filter((a) => a.call.startsWith('membersOf(team:')).length, 'the team was looked up for its task').toBeGreaterThan(0);
    expect(asked.filter((a) => a.inTransaction)).toEqual([]);
  });
});
