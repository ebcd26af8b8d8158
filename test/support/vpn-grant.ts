import type { Deps } from '../../src/deps.js';
import type { ChannelName } from '../../src/messages/turn.js';
import type { SubmittedRequest } from '../../src/requests/request-lifecycle.js';

/**
 * `email` asks in `channel` for VPN access on the company laptop for 30 days, and the approver
 * the request names approves it in the same channel; fulfilment has run when this returns, so
 * the access is held and ends in 30 days (the start of the access-expiry stories).
 */
export async function grantThirtyDaysOfVpn(deps: Deps, email: string, channel: ChannelName): Promise<SubmittedRequest> {
  const requester = (await deps.directory.findByEmail(email))!;
  const submitted = await deps.lifecycle.submit({
    requestTypeId: 'vpn',
    requester,
    channel,
    fields: { device: 'company-laptop', duration: '30-days', justification: 'Working from home two days a week' },
  });
  const [approval] = await deps.store.read.approvals.listByRequest(submitted.id);
  await deps.lifecycle.decide({
    approvalId: approval!.id,
    actor: (await deps.directory.findByEmail(approval!.approverId))!,
    decision: 'approve',
    channel,
  });
  await deps.fulfilment.idle();
  return submitted;
}
