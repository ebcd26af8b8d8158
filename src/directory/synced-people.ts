import { personSchema, type Person } from './person.js';
import type { SourcedPerson } from './directory-source.js';

/** A person of a synced directory, with their id at the source. */
export type SyncedPerson = Person & { sourceId: string };

/** What a source does not say is filled in, so catalog rules and cards always have a value. */
const unknown = 'Unknown';

/**
 * Turns what a source gave into directory people: active people with a valid email, one per
 * email (the first wins); a manager who is not among them, or who closes a management loop,
 * is dropped (an approval chain must end somewhere). Every problem is said, none stops the sync.
 */
export function syncedPeople(sourced: readonly SourcedPerson[]): { people: SyncedPerson[]; problems: string[] } {
  const problems: string[] = [];
  const byEmail = new Map<string, SyncedPerson>();
  for (const entry of sourced) {
    if (!entry.active) continue;
    const parsed = personSchema.safeParse({
      email: entry.email?.trim(),
      name: entry.name?.trim() || entry.email?.trim() || unknown,
      department: entry.department?.trim() || unknown,
      title: entry.title?.trim() || unknown,
      role: entry.role?.trim().toLowerCase() || 'employee',
      managerEmail: entry.managerEmail?.trim() || undefined,
      costCentre: entry.costCentre?.trim() || unknown,
      location: entry.location?.trim() || unknown,
      groups: [...new Set(entry.groups.map((g) => g.trim()).filter(Boolean))].sort(),
    });
    if (!parsed.success) {
      problems.push(`${entry.sourceId}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      continue;
    }
    if (byEmail.has(parsed.data.email)) {
      problems.push(`${entry.sourceId}: ${parsed.data.email} is already used by ${byEmail.get(parsed.data.email)!.sourceId}`);
      continue;
    }
    byEmail.set(parsed.data.email, { ...parsed.data, id: parsed.data.email, sourceId: entry.sourceId });
  }
  for (const person of byEmail.values()) {
    if (person.managerEmail === undefined) continue;
    if (person.managerEmail === person.email || !byEmail.has(person.managerEmail)) {
      problems.push(`${person.email}: the manager ${person.managerEmail} is not an active person of the directory`);
      delete person.managerEmail;
    }
  }
  for (const person of byEmail.values()) {
    const chain = [person.email];
    let current = person.managerEmail;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = byEmail.get(current)?.managerEmail;
    }
    if (current !== person.email) continue;
    problems.push(`${person.email}: management chain loops (${[...chain, person.email].join(' -> ')}); their manager is left out`);
    delete person.managerEmail;
  }
  return { people: [...byEmail.values()], problems };
}
