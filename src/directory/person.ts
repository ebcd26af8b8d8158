import type { Person } from '../messages/person.js';

export { personSchema, toPerson, type Person } from '../messages/person.js';

/** Where people come from: the seeded file by default, SCIM or LDAP in production. */
export interface DirectoryProvider {
  findByEmail(email: string): Promise<Person | undefined>;
  list(): Promise<Person[]>;
  /** People whose manager is `email`. */
  directReports(email: string): Promise<Person[]>;
  /** People in a group, e.g. the owners of a system or the service desk. */
  membersOf(group: string): Promise<Person[]>;
}
