import type { Person } from './person.js';

/**
 * Checks that need the whole list: unique emails, managers that exist, and no management
 * cycles (an approval chain must end somewhere). Problems name the person's index.
 */
export function directoryProblems(people: readonly Person[]): string[] {
  const problems: string[] = [];
  const indexByEmail = new Map<string, number>();
  people.forEach((p, i) => {
    const first = indexByEmail.get(p.email);
    if (first !== undefined) problems.push(`people.${i}.email: ${p.email} is already used by people.${first}`);
    else indexByEmail.set(p.email, i);
  });

  people.forEach((p, i) => {
    if (p.managerEmail === undefined) return;
    if (p.managerEmail === p.email) problems.push(`people.${i}.managerEmail: ${p.email} cannot be their own manager`);
    else if (!indexByEmail.has(p.managerEmail)) problems.push(`people.${i}.managerEmail: no person with email ${p.managerEmail}`);
  });
  if (problems.length > 0) return problems;

  const managerOf = new Map(people.map((p) => [p.email, p.managerEmail]));
  const reportedCycles = new Set<string>();
  people.forEach((p, i) => {
    const chain = [p.email];
    let current = p.managerEmail;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = managerOf.get(current);
    }
    // Only people on the loop report it, once per loop.
    if (current !== p.email) return;
    const key = [...chain].sort().join(',');
    if (reportedCycles.has(key)) return;
    reportedCycles.add(key);
    problems.push(`people.${i}.managerEmail: management chain loops: ${[...chain, p.email].join(' -> ')}`);
  });
  return problems;
}
