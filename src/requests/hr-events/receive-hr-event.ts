import { randomUUID } from 'node:crypto';
import { FrontdoorError, ValidationError } from '../../shared/errors.js';
import type { LifecycleContext } from '../lifecycle-context.js';
import type { HrEventHandler } from './hr-event-context.js';
import { hrEventSchema, storedBody, type HrEvent } from './hr-event.js';
import { joinerEvent } from './joiner-event.js';
import { leaverEvent } from './leaver-event.js';
import { moverEvent } from './mover-event.js';

const handlers: Record<HrEvent['type'], HrEventHandler> = { joiner: joinerEvent, mover: moverEvent, leaver: leaverEvent };

/** What became of an event: `accepted` with the requests it made, `duplicate` (its id was taken), `rejected` with why. */
export type HrEventReceipt =
  | { status: 'accepted'; eventId: string; requestNumbers: string[] }
  | { status: 'duplicate'; eventId: string }
  | { status: 'rejected'; eventId: string | null; reason: string; invalid: 'shape' | 'content' };

/**
 * An HR event whose signature was checked: validated, its id taken once (a second delivery is
 * a duplicate), and turned into requests. Every outcome is recorded; a rejected event (bad
 * shape, or refused by the request it would make) gives its id back, so HR can send it again
 * corrected. `body` is the parsed JSON, or undefined when the body was not JSON.
 */
export async function receiveHrEvent(ctx: LifecycleContext, body: unknown): Promise<HrEventReceipt> {
  const at = ctx.now();
  const base = { id: randomUUID(), takenEventId: null, body: storedBody(body) ?? null, requestNumbers: [], oldAccess: null, receivedAt: at };
  const parsed = hrEventSchema.safeParse(body);
  if (!parsed.success) {
    const reason = body === undefined ? 'the body is not JSON' : parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ');
    const eventId = idOf(body);
    await ctx.store.transaction((repos) => repos.hrEvents.record({ ...base, eventId, type: typeOf(body), status: 'rejected', reason }));
    return { status: 'rejected', eventId, reason, invalid: 'shape' };
  }
  const event = parsed.data;
  const row = { ...base, eventId: event.id, type: event.type, status: 'accepted' as const, reason: null };
  const taken = await ctx.store.transaction(async (repos) => {
    if (await repos.hrEvents.take(row)) return true;
    await repos.hrEvents.record({ ...row, id: randomUUID(), status: 'duplicate', reason: `event ${event.id} was received before` });
    return false;
  });
  if (!taken) return { status: 'duplicate', eventId: event.id };

  try {
    const outcome = await handlers[event.type](ctx, event, `hr-event:${event.id}`);
    await ctx.store.transaction((repos) => repos.hrEvents.settle(row.id, outcome));
    ctx.log.info({ hrEvent: event.id, type: event.type, requests: outcome.requestNumbers }, 'HR event accepted');
    return { status: 'accepted', eventId: event.id, requestNumbers: outcome.requestNumbers };
  } catch (error) {
    const reason = error instanceof FrontdoorError ? refusal(error) : 'it could not be processed; send it again later';
    await ctx.store.transaction((repos) => repos.hrEvents.reject(row.id, reason));
    if (!(error instanceof FrontdoorError) || error.httpStatus >= 500) throw error;
    return { status: 'rejected', eventId: event.id, reason, invalid: 'content' };
  }
}

/** What the request's own checks said, with each field's problem. */
function refusal(error: FrontdoorError): string {
  const fields = error instanceof ValidationError ? Object.entries(error.fieldErrors).map(([k, v]) => `${k}: ${v}`) : [];
  return [error.userMessage, ...fields].join('; ');
}

function idOf(body: unknown): string | null {
  const id = body && typeof body === 'object' ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length <= 128 ? id : null;
}

function typeOf(body: unknown): string | null {
  const type = body && typeof body === 'object' ? (body as { type?: unknown }).type : undefined;
  return typeof type === 'string' && type.length <= 20 ? type : null;
}
