import { expect } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import type { ApiHarness } from '../lifecycle/harness.js';

/** A bearer token for `email` with `roles`, as an operator issues one from the command line. */
export async function bearer(h: ApiHarness, email: string, roles: Role[]): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await h.deps.tokens.create({ email, roles }, { id: 'cli:test-operator', channel: 'cli' })).token}` };
}

/** Every approval still pending on the request is approved over the API by its approver; fulfilment runs. */
export async function approveAll(h: ApiHarness, requestId: string): Promise<void> {
  for (const approval of (await h.deps.store.read.approvals.listByRequest(requestId)).filter((a) => a.status === 'pending')) {
    const decided = await h.app.inject({
      method: 'POST',
      url: `/api/v1/approvals/${approval.id}/decision`,
      headers: await bearer(h, approval.approverId, ['approver']),
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode).toBe(200);
  }
  await h.deps.fulfilment.idle();
}

/** `requester` asks for VPN access over the API for `duration` and their manager approves it; fulfilment runs. */
export async function approvedVpn(h: ApiHarness, requester: string, duration: string): Promise<{ number: string; id: string }> {
  const created = await h.app.inject({
    method: 'POST',
    url: '/api/v1/requests',
    headers: await bearer(h, requester, ['requester']),
    payload: { requestTypeId: 'vpn', fields: { device: 'company-laptop', duration, justification: 'Working from home two days a week' } },
  });
  expect(created.statusCode).toBe(201);
  const request = (await h.deps.store.read.requests.findByNumber(Number(String(created.json().number).replace('REQ-', ''))))!;
  await approveAll(h, request.id);
  return { number: created.json().number as string, id: request.id };
}
