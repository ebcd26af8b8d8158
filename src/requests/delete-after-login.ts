import { audit, systemActor } from '../audit/index.js';
import type { Field } from '../catalog/schema.js';
import type { IntegrationRegistry } from '../fulfilment/integration.js';
import { maskedValue } from '../messages/masked-value.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { LifecycleContext } from './lifecycle-context.js';

type Deletable = Field & { deleteAfter: NonNullable<Field['deleteAfter']> };

const dayMs = 86_400_000;
const askTimeoutMs = 30_000;

/**
 * Keeps the catalog's promise for fields declared `deleteAfter`: once the account the named
 * step created has been logged in to (the integration's `last-login`), or at the latest the
 * declared days after the named date, or as soon as the request was rejected or cancelled,
 * the answer is deleted from the request and from every step input that carried it, and the
 * deletion is audited. A scheduled job, run once across replicas; returns how many it deleted.
 */
export async function deleteAfterLogin(
  ctx: Pick<LifecycleContext, 'store' | 'catalog' | 'directory' | 'now' | 'log'>,
  integrations: IntegrationRegistry,
): Promise<number> {
  const types = ctx.catalog().requestTypes.filter((t) => t.fields.some((f) => f.deleteAfter));
  let deleted = 0;
  let after = 0;
  for (;;) {
    const page = await ctx.store.read.requests.listOfTypes(
      types.map((t) => t.id),
      after,
    );
    if (!page.length) return deleted;
    after = page.at(-1)!.number;
    for (const request of page) {
      const requestType = types.find((t) => t.id === request.requestTypeId)!;
      for (const field of requestType.fields.filter((f): f is Deletable => f.deleteAfter !== undefined)) {
        if (!held(request.fields[field.id])) continue;
        try {
          const reason = await dueReason(ctx, integrations, request, field);
          if (reason && (await deleteAnswer(ctx, request.id, field, reason))) deleted += 1;
        } catch (err) {
          // One request's system not answering holds up no other; it is asked again next time.
          ctx.log.warn({ requestId: request.id, fieldId: field.id, err }, 'could not tell whether a sensitive answer may be deleted yet');
        }
      }
    }
  }
}

function held(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** Why the answer goes now, or undefined while it is still needed. */
async function dueReason(
  ctx: Pick<LifecycleContext, 'store' | 'directory' | 'now'>,
  integrations: IntegrationRegistry,
  request: RequestRow,
  field: Deletable,
): Promise<string | undefined> {
  const { firstLoginTo, atLatestAfter, days } = field.deleteAfter;
  if (request.status === 'rejected' || request.status === 'cancelled') return `the request was ${request.status}`;
  const date = request.fields[atLatestAfter];
  const latest = typeof date === 'string' ? Date.parse(`${date}T00:00:00Z`) + days * dayMs : Number.NaN;
  if (!Number.isNaN(latest) && ctx.now() >= latest)
    return `${days} day${days === 1 ? '' : 's'} after ${atLatestAfter} (${String(date)}) passed without a recorded login`;
  const step = (await ctx.store.read.fulfilmentSteps.listByRequest(request.id)).find((s) => s.stepId === firstLoginTo);
  const userId = step?.status === 'done' ? step.result?.userId : undefined;
  const operation = step?.integration ? integrations.get(step.integration)?.operations['last-login'] : undefined;
  if (typeof userId !== 'string' || !operation) return undefined;
  const requester = (await ctx.directory.list()).find((p) => p.id === request.requesterId);
  if (!requester) return undefined;
  const answer = await operation(
    { userId },
    {
      requestNumber: formatRequestNumber(request.number),
      requester,
      idempotencyKey: `${request.id}:${firstLoginTo}:last-login`,
      signal: AbortSignal.timeout(askTimeoutMs),
    },
  );
  return typeof answer.lastLogin === 'string' ? `the new account was first logged in to (${answer.lastLogin})` : undefined;
}

async function deleteAnswer(ctx: Pick<LifecycleContext, 'store' | 'now'>, requestId: string, field: Deletable, reason: string): Promise<boolean> {
  return ctx.store.transaction(async (repos) => {
    const request = await repos.requests.findById(requestId);
    const value = request?.fields[field.id];
    if (!request || !held(value)) return false;
    const at = ctx.now();
    await repos.requests.replaceFields(request.id, { ...request.fields, [field.id]: null });
    // Step inputs hold the answer as the plan wrote it (sealed): those copies go too.
    const copies: string[] = [];
    for (const step of await repos.fulfilmentSteps.listByRequest(request.id)) {
      const input = Object.fromEntries(Object.entries(step.input).map(([key, text]) => [key, text.split(String(value)).join(maskedValue)]));
      if (JSON.stringify(input) === JSON.stringify(step.input)) continue;
      await repos.fulfilmentSteps.update(step.id, { input });
      copies.push(step.stepId);
    }
    await audit(repos, {
      actorId: systemActor,
      action: 'request.answer-deleted',
      targetType: 'request',
      targetId: request.id,
      before: { [field.id]: maskedValue },
      after: { [field.id]: null, stepInputs: copies },
      reason: `${field.label} deleted: ${reason}`,
      channel: 'system',
      at,
    });
    return true;
  });
}
