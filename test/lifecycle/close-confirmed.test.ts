import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConfirmedRequests } from '../../src/requests/close-confirmed-requests.js';
import { waitFor } from '../fulfilment/another-replica.js';
import { startHarness, type Harness } from './harness.js';

/* The close-fulfilled job (src/deps.ts): a fulfilled request is closed after the confirmation window. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const day = 86_400_000;
const statusOf = async (id: string) => (await h.deps.store.read.requests.findById(id))!.status;

describe('the confirmation window', () => {
  it('When a fulfilled request has had no problem reported for the window (5 days by default), then the job closes it; a request fulfilled since is left open', async () => {
    expect(h.deps.config.REQUEST_CONFIRMATION_DAYS).toBe(5);
    const ethan = await h.person('ethan.brooks@example.com');
    const submitted = await h.deps.lifecycle.submit({
      requestTypeId: 'password-reset',
      requester: ethan,
      fields: { action: 'reset', account: 'network' },
      channel: 'webchat',
    });
    // Fulfilment runs from the queue; a run that hits a conflict runs again after its backoff.
    await waitFor(async () => (await statusOf(submitted.id)) === 'fulfilled', 'the password reset is fulfilled', 15_000);
    const windowMs = h.deps.config.REQUEST_CONFIRMATION_DAYS * day;

    const early = { ...h.deps.lifecycleContext, now: () => Date.now() + 4 * day };
    expect(await closeConfirmedRequests(early, windowMs)).toBe(0);
    expect(await statusOf(submitted.id)).toBe('fulfilled');

    const later = { ...h.deps.lifecycleContext, now: () => Date.now() + 5 * day + 60_000 };
    expect(await closeConfirmedRequests(later, windowMs)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(submitted.id)).toBe('closed');
    const history = await h.deps.store.read.requests.history(submitted.id);
    expect(history.at(-1)).toMatchObject({
      fromStatus: 'fulfilled',
      toStatus: 'closed',
      actorId: 'system',
      reason: 'No problem reported within 5 days of fulfilment',
    });
    expect(await closeConfirmedRequests(later, windowMs), 'closed once').toBe(0);
  });
});
