import { audit, systemActor } from '../audit/index.js';
import type { Person } from '../directory/person.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatWhen } from '../request-records/format-time.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { catalogOfRequest } from '../request-records/request-type-snapshots.js';
import { whileRenewing } from '../replicas/replica-claims.js';
import { IntegrationError } from '../shared/errors.js';
import type { AccessGrantRow } from '../store/repositories/access-grant-repository.js';
import { accessDays } from './access-grants.js';
import { mayRetry } from './failure-policy.js';
import { describeRequest, type FulfilmentContext } from './fulfilment-context.js';

/** The rest waits for the next run, so one run never holds the job's lease for long. */
const maxPerRun = 200;

type Outcome = { ok: true } | { ok: false; error: string; cause: unknown };

/**
 * Time-bound access: warns holders whose access ends within `warnBeforeMs` (a card whose
 * "Extend" asks for the same access again, src/requests/extend-access.ts), then removes
 * access that has ended through the integration that gave it. Grants are claimed one at a
 * time (with a lease, renewed while the call runs), so replicas running the job at once share
 * the work. A removal the failure policy retries is tried again at the next run; one it does
 * not fails the grant and tells the service desk. Returns how many grants were removed.
 */
export async function expireAccess(ctx: FulfilmentContext, warnBeforeMs: number): Promise<number> {
  if (warnBeforeMs > 0) await warnEndingSoon(ctx, warnBeforeMs);
  const { owner, leaseMs } = ctx.claims;
  const tried: string[] = [];
  let removed = 0;
  // Told when a removal fails for good; looked up once a run, and only when there is something to remove.
  let serviceDesk: Person[] | undefined;
  while (tried.length < maxPerRun) {
    const [grant] = await ctx.store.transaction((repos) => repos.accessGrants.claimEnded(owner, ctx.now(), leaseMs, { limit: 1, skip: tried }));
    if (!grant) break;
    tried.push(grant.id);
    serviceDesk ??= await ctx.directory.membersOf('service-desk');
    if (await removeGrant(ctx, grant, serviceDesk)) removed += 1;
  }
  return removed;
}

async function warnEndingSoon(ctx: FulfilmentContext, warnBeforeMs: number): Promise<void> {
  const at = ctx.now();
  await ctx.store.transaction(async (repos) => {
    for (const grant of await repos.accessGrants.endingSoonUnwarned(at, at + warnBeforeMs)) {
      if (!(await repos.accessGrants.markWarned(grant.id, at))) continue;
      const request = await repos.requests.findById(grant.requestId);
      const from = request ? ` from ${describeRequest(ctx, request)}` : '';
      const text = `Your access to ${grant.groupName}${from} ends ${endsWhen(grant.endsAt!, at, ctx.timeZone)}.`;
      const days = request ? accessDays(await catalogOfRequest(repos, ctx.catalog(), request), request, grant.stepId) : undefined;
      const extendNote = `If you still need it, Extend asks for it ${days ? `for ${days} more days` : 'again'}; it is approved again before the end moves.`;
      await enqueue(repos, grant.personId, [{ kind: 'access-ending', grantId: grant.id, text, endsAt: new Date(grant.endsAt!).toISOString(), extendNote }], at);
    }
  });
  await ctx.outbox.flush();
}

async function removeGrant(ctx: FulfilmentContext, grant: AccessGrantRow, serviceDesk: Person[]): Promise<boolean> {
  const holder = (await ctx.directory.findByEmail(grant.personId)) ?? formerPerson(grant.personId);
  const request = await ctx.store.read.requests.findById(grant.requestId);
  const renew = () => ctx.store.transaction((repos) => repos.accessGrants.renewClaim(grant.id, ctx.claims.owner, ctx.now() + ctx.claims.leaseMs));
  const outcome = await whileRenewing(ctx.claims, renew, () => call(ctx, grant, holder, request ? formatRequestNumber(request.number) : grant.requestId));
  const removed = await ctx.store.transaction(async (repos) => {
    const at = ctx.now();
    const attempts = grant.attempts + 1;
    const what = request ? `${grant.groupName} from ${describeRequest(ctx, request)}` : grant.groupName;
    if (outcome.ok) {
      if (!(await repos.accessGrants.finish(grant.id, ctx.claims.owner, { state: 'removed', attempts, lastError: null, updatedAt: at }))) return false;
      await audit(repos, {
        actorId: systemActor,
        action: 'access-grant.removed',
        targetType: 'access-grant',
        targetId: grant.id,
        before: { state: 'active' },
        after: { state: 'removed', person: grant.personId, group: grant.groupName },
        reason: 'The access ended',
        channel: 'system',
        at,
      });
      await enqueue(
        repos,
        grant.personId,
        [{ kind: 'text', text: `Your access to ${what} has ended and has been removed. If you need it again, ask for it again.` }],
        at,
      );
      return true;
    }
    const retry = mayRetry(ctx.failurePolicy, attempts, outcome.cause);
    if (
      !(await repos.accessGrants.finish(grant.id, ctx.claims.owner, { state: retry ? 'active' : 'failed', attempts, lastError: outcome.error, updatedAt: at }))
    )
      return false;
    await audit(repos, {
      actorId: systemActor,
      action: retry ? 'access-grant.retrying' : 'access-grant.failed',
      targetType: 'access-grant',
      targetId: grant.id,
      before: { state: 'active' },
      after: { state: retry ? 'active' : 'failed', attempts },
      reason: outcome.error,
      channel: 'system',
      at,
    });
    if (retry) ctx.log.warn({ grantId: grant.id, attempts }, 'removing access that has ended failed; trying again at the next run');
    else
      for (const agent of serviceDesk)
        await enqueue(
          repos,
          agent.id,
          [{ kind: 'text', text: `The access of ${holder.name} to ${what} has ended but could not be removed (${outcome.error}). Please remove it by hand.` }],
          at,
        );
    return false;
  });
  await ctx.outbox.flush();
  return removed;
}

async function call(ctx: FulfilmentContext, grant: AccessGrantRow, holder: Person, requestNumber: string): Promise<Outcome> {
  const operation = ctx.integrations.get(grant.integration)?.operations[grant.revokeOperation];
  if (!operation) return { ok: false, error: `${grant.integration} is not configured for ${grant.revokeOperation}`, cause: undefined };
  const signal = AbortSignal.timeout(ctx.failurePolicy.callTimeoutMs);
  try {
    await operation(grant.input, { requestNumber, requester: holder, idempotencyKey: `${grant.requestId}:${grant.stepId}:revoke`, signal });
    return { ok: true };
  } catch (error) {
    if (error instanceof IntegrationError) return { ok: false, error: error.userMessage, cause: error };
    ctx.log.error({ grantId: grant.id, err: error }, 'removing access threw');
    return { ok: false, error: `${grant.integration} failed unexpectedly`, cause: error };
  }
}

/** "on Tue 3 Jun 09:00", or "today at 09:00". */
function endsWhen(endsAt: number, now: number, timeZone: string): string {
  const when = formatWhen(endsAt, now, timeZone);
  return /^\d/.test(when) ? `today at ${when}` : `on ${when}`;
}

// The holder left the directory: their access is removed all the same.
function formerPerson(id: string): Person {
  return { id, email: id, name: id, department: '', title: '', role: '', costCentre: '', location: '', groups: [] };
}
