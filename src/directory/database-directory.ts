import type { DirectoryPersonRow } from '../store/repositories/directory-repository.js';
import type { Store } from '../store/store.js';
import type { DirectoryProvider, Person } from './person.js';

/**
 * The directory of a synced source (SCIM, LDAP): the people of the last good sync, read from
 * the database, so every replica answers the same. Reads see committed data only; like every
 * directory, it is asked outside transactions.
 */
export class DatabaseDirectory implements DirectoryProvider {
  constructor(private readonly store: Store) {}

  async findByEmail(email: string): Promise<Person | undefined> {
    const row = await this.store.read.directory.person(email.trim().toLowerCase());
    return row ? personOf(row) : undefined;
  }

  async list(): Promise<Person[]> {
    return (await this.store.read.directory.people()).map(personOf);
  }

  async directReports(email: string): Promise<Person[]> {
    return (await this.store.read.directory.reportsOf(email.trim().toLowerCase())).map(personOf);
  }

  async membersOf(group: string): Promise<Person[]> {
    return (await this.list()).filter((p) => p.groups.includes(group));
  }
}

export function personOf(row: DirectoryPersonRow): Person {
  return {
    id: row.id,
    email: row.id,
    name: row.name,
    department: row.department,
    title: row.title,
    role: row.role,
    ...(row.managerEmail ? { managerEmail: row.managerEmail } : {}),
    costCentre: row.costCentre,
    location: row.location,
    groups: row.groups,
  };
}
