import { systemActor } from '../audit/index.js';
import type { DirectoryProvider, Person } from '../directory/person.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';

/**
 * People looked up in the directory before a transaction opens, so a transaction (which may
 * run again on a conflict) never waits on the directory while it holds a write lock.
 */
export class KnownPeople {
  private constructor(private readonly byId: ReadonlyMap<string, Person>) {}

  static async lookUp(directory: DirectoryProvider, ids: Iterable<string | null | undefined>): Promise<KnownPeople> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!id && id !== systemActor))];
    const found = await Promise.all(wanted.map(async (id) => [id, await directory.findByEmail(id)] as const));
    return new KnownPeople(new Map(found.filter((entry): entry is readonly [string, Person] => entry[1] !== undefined)));
  }

  person(id: string): Person | undefined {
    return this.byId.get(id);
  }

  /** "Frontdoor" for the system; the id itself for someone no longer in the directory. */
  name(id: string): string {
    if (id === systemActor) return 'Frontdoor';
    return this.byId.get(id)?.name ?? id;
  }
}

/** A person's name as people read it, looked up outside any transaction. */
export async function nameOf(ctx: { directory: DirectoryProvider }, personId: string): Promise<string> {
  return (await KnownPeople.lookUp(ctx.directory, [personId])).name(personId);
}

/** "Dana Lee (your manager)", or "any one of the security group (Ann Bell, Bo Chan)". */
export function waitingOnText(pending: ApprovalRow[], people: KnownPeople, requesterName?: string): string {
  const relation = (role: string | null) => {
    const r = role ?? 'approver';
    return requesterName ? r.replace(/^your /, `${requesterName}'s `).replace(/\(you /, '(the requester ') : r;
  };
  const names = pending.map((p) => people.name(p.approverId));
  if (pending.length === 1) return `${names[0]} (${relation(pending[0]!.approverRole)})`;
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return `any one of ${relation(pending[0]!.approverRole)} (${shown})`;
}
