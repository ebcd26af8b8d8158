import { maskSensitive } from '../audit/index.js';
import type { StatusLine } from '../messages/reply.js';
import type { Person } from '../directory/person.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { LifecycleContext } from './lifecycle-context.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { KnownPeople } from '../request-records/known-people.js';
import { statusLineFor } from './status-line.js';

export interface RequestView {
  id: string;
  number: string;
  requestTypeId: string;
  requestTypeVersion: number;
  catalogVersion: string;
  title: string;
  requester: { email: string; name: string };
  channel: string;
  status: string;
  subStatus: string | null;
  fields: Record<string, unknown>;
  cost: number | null;
  createdAt: string;
  dueAt: string;
  closedAt: string | null;
  statusLine: StatusLine;
  history: Array<{ from: string | null; to: string; subStatus: string | null; by: string; reason: string | null; at: string }>;
  approvals: Array<{ id: string; stage: string; approver: string; role: string | null; status: string; decidedBy: string | null; decidedAt: string | null; comment: string | null }>;
  steps: Array<{ id: string; title: string; kind: string; team: string | null; integration: string | null; status: string; subStatus: string | null; error: string | null; note: string | null }>;
  /** Work notes the teams wrote for the requester (internal notes are never here). */
  notes: Array<{ task: string; by: string; at: string; text: string }>;
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** Everything about one request, sensitive answers masked. */
export async function requestView(ctx: LifecycleContext, request: RequestRow, viewer: Person): Promise<RequestView> {
  const requestType = ctx.catalog().requestType(request.requestTypeId);
  const [history, approvals, steps, statusLine, notes] = await Promise.all([
    ctx.store.read.requests.history(request.id),
    ctx.store.read.approvals.listByRequest(request.id),
    ctx.fulfilment.steps(request.id),
    statusLineFor(ctx, request, viewer),
    ctx.store.read.manualTasks.visibleNotesOfRequest(request.id),
  ]);
  const people = await KnownPeople.lookUp(ctx.directory, [request.requesterId, ...approvals.map((a) => a.approverId), ...notes.map((n) => n.authorId)]);
  const stepTitle = new Map(steps.map((s) => [s.id, s.title]));
  const mask = (text: string | null) => (text === null ? null : String(maskSensitive(requestType, request.fields, { text }).text));
  return {
    id: request.id,
    number: formatRequestNumber(request.number),
    requestTypeId: request.requestTypeId,
    requestTypeVersion: request.requestTypeVersion,
    catalogVersion: request.catalogVersion,
    title: requestType?.title ?? request.requestTypeId,
    requester: { email: request.requesterId, name: people.name(request.requesterId) },
    channel: request.channel,
    status: request.status,
    subStatus: request.subStatus,
    fields: maskSensitive(requestType, request.fields),
    cost: request.cost,
    createdAt: iso(request.createdAt)!,
    dueAt: iso(request.dueAt)!,
    closedAt: iso(request.closedAt),
    statusLine,
    history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, subStatus: h.subStatus, by: h.actorId, reason: mask(h.reason), at: iso(h.at)! })),
    approvals: approvals.map((a) => ({
      id: a.id, stage: a.stageId, approver: people.name(a.approverId), role: a.approverRole, status: a.status,
      decidedBy: a.decidedBy, decidedAt: iso(a.decidedAt), comment: a.comment,
    })),
    steps: steps.map((s) => ({ id: s.id, title: mask(s.title)!, kind: s.kind, team: s.team, integration: s.integration, status: s.status, subStatus: s.subStatus, error: mask(s.error), note: s.note })),
    notes: notes.map((n) => ({ task: mask(stepTitle.get(n.stepId) ?? '')!, by: people.name(n.authorId), at: iso(n.at)!, text: mask(n.text)! })),
  };
}
