import type { Person } from '../directory/person.js';
import { KnownPeople } from '../request-records/known-people.js';
import type { RecordsContext } from '../request-records/records-context.js';
import { approvalCard, type ApprovalCard } from './approval-card.js';

/** A person's open approvals, as cards. */
export async function pendingApprovals(ctx: RecordsContext, person: Person): Promise<ApprovalCard[]> {
  const catalog = ctx.catalog();
  const rows = await ctx.store.read.approvals.listPendingFor(person.id);
  const requests = new Map((await ctx.store.read.requests.listByIds([...new Set(rows.map((r) => r.requestId))])).map((r) => [r.id, r]));
  const people = await KnownPeople.lookUp(ctx.directory, [...requests.values()].map((r) => r.requesterId));
  const cards: ApprovalCard[] = [];
  for (const row of rows) {
    const request = requests.get(row.requestId);
    if (request) cards.push(approvalCard(catalog, request, people.name(request.requesterId), row));
  }
  return cards;
}
