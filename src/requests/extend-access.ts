import { audit } from '../audit/index.js';
import type { Person } from '../directory/person.js';
import type { ChannelName } from '../messages/turn.js';
import { formatWhen } from '../request-records/format-time.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { isFinal, statusLabel } from '../request-records/request-status-codes.js';
import { NotFoundError } from '../shared/errors.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { submitRequest } from './submit-request.js';

export interface ExtendAccessInput {
  grantId: string;
  /** The end the warning was about (ISO): a click on a warning whose end has moved since is answered, not acted on. */
  endsAt?: string;
  person: Person;
  channel: ChannelName;
}

/**
 * The holder of time-bound access asks to keep it ("Extend" on the warning): a new request of
 * the same type with the same answers (so the same duration), which is approved again like
 * any other. When it is fulfilled the grant's end moves (src/fulfilment/access-grants.ts)
 * instead of the access being given twice. A second click, a click on an old warning, or one
 * after the access ended is answered with what is so; nothing is asked twice.
 */
export async function extendAccess(ctx: LifecycleContext, input: ExtendAccessInput): Promise<{ message: string; number?: string }> {
  const grant = await ctx.store.read.accessGrants.findById(input.grantId);
  if (!grant || grant.personId !== input.person.id) throw new NotFoundError('There is no such access of yours to extend');
  const at = ctx.now();
  const what = `your access to ${grant.groupName}`;
  if (grant.state !== 'active' || (grant.endsAt !== null && grant.endsAt <= at)) {
    return { message: `${capitalised(what)} has already ended, so it cannot be extended. If you still need it, ask for it again.` };
  }
  if (grant.endsAt === null) return { message: `${capitalised(what)} does not end; there is nothing to extend.` };
  if (input.endsAt !== undefined && Date.parse(input.endsAt) !== grant.endsAt) {
    return { message: `${capitalised(what)} was extended already: it now ends ${formatWhen(grant.endsAt, at, ctx.timeZone)}.` };
  }
  const earlier = grant.extensionRequestId ? await ctx.store.read.requests.findById(grant.extensionRequestId) : undefined;
  if (earlier && !isFinal(earlier.status)) {
    const number = formatRequestNumber(earlier.number);
    return { number, message: `You asked to extend ${what} already: ${number} is ${statusLabel(earlier.status, earlier.subStatus).toLowerCase()}.` };
  }
  const original = await ctx.store.read.requests.findById(grant.requestId);
  if (!original) throw new NotFoundError('The request that gave this access is no longer kept');

  // The same key for clicks on the same warning: two at once record one request.
  const submitted = await submitRequest(ctx, {
    requestTypeId: original.requestTypeId,
    requester: input.person,
    fields: original.fields,
    channel: input.channel,
    submissionKey: `access-extension:${grant.id}:${grant.extensionRequestId ?? 'first'}`,
  });
  await ctx.store.transaction(async (repos) => {
    if (!(await repos.accessGrants.askExtension(grant.id, submitted.id, grant.extensionRequestId, at))) return;
    await audit(repos, {
      actorId: input.person.id,
      action: 'access-grant.extension-asked',
      targetType: 'access-grant',
      targetId: grant.id,
      before: { endsAt: new Date(grant.endsAt!).toISOString() },
      after: { request: submitted.number },
      channel: input.channel,
      at,
    });
  });
  return { number: submitted.number, message: `I asked to extend ${what} (${formatRequestNumber(original.number)}) as ${submitted.number}. ${submitted.next}` };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
