import { audit, systemActor } from '../audit/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Person } from '../directory/person.js';
import { cardChanged } from '../messages/card-change.js';
import { enqueue, enqueueCardChange } from '../notify/outbox-notifier.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { Repositories } from '../store/repositories.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import { approvalCard } from './approval-card.js';
import { askStage } from './open-approvals.js';

/** What a directory sync changed that open approvals must follow. */
export interface DirectoryChanges {
  /** People whose manager changed; `to` is in the directory now. */
  newManagers: Array<{ person: Person; from: string; to: Person }>;
  /** People gone from the directory (or inactive there), as they were before. */
  leavers: Person[];
  /** Everyone in the directory after the sync. */
  people: ReadonlyMap<string, Person>;
}

/**
 * Open approvals follow the directory, in the sync's transaction: a person's pending
 * manager-stage approvals go to their new manager; approvals assigned to a leaver go to the
 * leaver's manager, or, in a group's stage where others are asked too, is cancelled. Each
 * change is audited, the old card is withdrawn and a new approver gets theirs through the outbox. What nobody can take (no manager, or the manager decides
 * another stage), and the leavers' own open requests, are noted for the service desk.
 */
export async function followDirectoryChanges(repos: Repositories, catalog: Catalog, changes: DirectoryChanges, at: number): Promise<{ moved: number; forServiceDesk: string[] }> {
  const notes: string[] = [];
  let moved = 0;
  const nameOf = (id: string) => changes.people.get(id)?.name ?? changes.leavers.find((p) => p.id === id)?.name ?? id;

  for (const { person, from, to } of changes.newManagers) {
    for (const request of await repos.requests.listByRequester(person.id, { limit: 500 })) {
      const approvals = await repos.approvals.listByRequest(request.id);
      for (const approval of approvals.filter((a) => a.approverId === from && isOpen(a) && isManagerStage(a))) {
        const why = `${person.name}'s manager is now ${to.name} in the directory`;
        if (await move(repos, catalog, { approval, request, requesterName: person.name, to, role: approval.approverRole ?? 'your manager', why, at })) moved += 1;
        else notes.push(`${formatRequestNumber(request.number)}: the ${approval.stageId} approval stays with ${from}; ${to.name} decides another stage of it. Reassign it by hand.`);
      }
    }
  }

  for (const leaver of changes.leavers) {
    const manager = leaver.managerEmail ? changes.people.get(leaver.managerEmail) : undefined;
    for (const approval of await repos.approvals.listOpenFor(leaver.id)) {
      const request = await repos.requests.findById(approval.requestId);
      if (!request) continue;
      const why = `${leaver.name} has left the directory`;
      const role = `approver instead of ${leaver.id}, who left`;
      const requesterName = nameOf(request.requesterId);
      // A group's stage (any one member decides): the others still can, so the leaver's copy goes.
      const peers = (await repos.approvals.listByRequest(request.id)).filter((r) => r.stageIndex === approval.stageIndex && r.id !== approval.id && isOpen(r));
      if (peers.length) {
        await withdraw(repos, catalog, { approval, request, requesterName, why: `${why}; the others asked decide`, at });
        continue;
      }
      if (manager && manager.id !== request.requesterId && (await move(repos, catalog, { approval, request, requesterName, to: manager, role, why, at }))) {
        moved += 1;
        continue;
      }
      await audit(repos, { actorId: systemActor, action: 'approval.approver-left', targetType: 'approval', targetId: approval.id, before: { approver: leaver.id }, reason: why, channel: 'system', at });
      notes.push(`${formatRequestNumber(request.number)}: the ${approval.stageId} approval was ${leaver.name}'s, who left; reassign it (POST /api/v1/approvals/${approval.id}/reassign).`);
    }
    for (const request of await repos.requests.listByRequester(leaver.id, { limit: 500 })) {
      await audit(repos, { actorId: systemActor, action: 'request.requester-left', targetType: 'request', targetId: request.id, before: { requester: leaver.id }, reason: `${leaver.name} has left the directory`, channel: 'system', at });
      notes.push(`${formatRequestNumber(request.number)} was asked for by ${leaver.name}, who left; it is ${request.status.replace(/_/g, ' ')}. Decide whether it goes on.`);
    }
  }

  if (notes.length) {
    const serviceDesk = [...changes.people.values()].filter((p) => p.groups.includes('service-desk'));
    const text = `The directory changed and needs you:\n${notes.map((n) => `• ${n}`).join('\n')}`;
    for (const agent of serviceDesk) await enqueue(repos, agent.id, [{ kind: 'text', text }], at);
  }
  return { moved, forServiceDesk: notes };
}

/** Cancels one member's copy of a group's approval, audited, and withdraws their card. */
async function withdraw(repos: Repositories, catalog: Catalog, w: { approval: ApprovalRow; request: RequestRow; requesterName: string; why: string; at: number }): Promise<void> {
  const { approval, at } = w;
  await repos.approvals.update(approval.id, { status: 'cancelled', decidedAt: at });
  await audit(repos, { actorId: systemActor, action: 'approval.cancelled', targetType: 'approval', targetId: approval.id, before: { status: approval.status }, after: { status: 'cancelled' }, reason: w.why, channel: 'system', at });
  if (approval.status === 'pending') {
    await enqueueCardChange(repos, approval.approverId, cardChanged(approvalCard(catalog, w.request, w.requesterName, approval, { decision: 'withdrawn', comment: w.why }), { tell: true }), at);
  }
}

/** The stage asks the requester's manager (planned as "your manager", also when the requester would have approved their own). */
function isManagerStage(approval: ApprovalRow): boolean {
  const role = approval.approverRole ?? '';
  return role === 'your manager' || role.startsWith('your manager (');
}

function isOpen(approval: ApprovalRow): boolean {
  return approval.status === 'pending' || approval.status === 'waiting';
}

/**
 * Moves one open approval to `to`, unless `to` is the requester or decides another stage of
 * the request (one person never decides two stages): then false and nothing changes.
 */
async function move(
  repos: Repositories,
  catalog: Catalog,
  m: { approval: ApprovalRow; request: RequestRow; requesterName: string; to: Person; role: string; why: string; at: number },
): Promise<boolean> {
  const { approval, request, to, at } = m;
  if (request.requesterId === to.id) return false;
  const others = (await repos.approvals.listByRequest(request.id)).filter((r) => r.stageIndex !== approval.stageIndex && r.status !== 'cancelled');
  if (others.some((r) => r.approverId === to.id || r.decidedBy === to.id)) return false;
  await repos.approvals.update(approval.id, { approverId: to.id, approverRole: m.role });
  await audit(repos, {
    actorId: systemActor, action: 'approval.reassigned', targetType: 'approval', targetId: approval.id,
    before: { approver: approval.approverId }, after: { approver: to.id, stage: approval.stageId }, reason: m.why, channel: 'system', at,
  });
  if (approval.status === 'pending') {
    const withdrawn = approvalCard(catalog, request, m.requesterName, approval, { decision: 'withdrawn', comment: `${m.why}; ${to.name} decides it now` });
    await enqueueCardChange(repos, approval.approverId, cardChanged(withdrawn, { tell: true }), at);
    await askStage(repos, catalog, request, m.requesterName, [{ ...approval, approverId: to.id, approverRole: m.role }], at);
  }
  await enqueue(repos, request.requesterId, [{ kind: 'text', text: `${formatRequestNumber(request.number)}: the ${approval.stageId} approval now goes to ${to.name}, as ${m.why}.` }], at);
  return true;
}
