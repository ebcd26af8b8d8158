import { z } from 'zod';
import type { Person } from '../directory/person.js';

export const roles = ['requester', 'approver', 'agent', 'fulfiller', 'catalog-admin', 'auditor', 'admin'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Who is calling: a directory person and what they may do. */
export interface Principal {
  person: Person;
  roles: Role[];
  via: 'token' | 'embedded' | 'session';
  /** The API token presented, when `via` is token. */
  tokenId?: string;
  /** When a sign-in session ends (ms since the epoch), when `via` is session: nothing issued from it outlives it. */
  until?: number;
}

/**
 * The roles the directory gives a person, for everyone who is not calling with an API token
 * (whose roles are written on it): a person signed in with the organisation's provider, and
 * the picked person of the embedded mode. Everyone may ask and approve; the service desk
 * (`service-desk`) triages; delivery teams (`team:<name>`) fulfil; `auditors` and
 * `catalog-admins` are what they say. Administration stays with API tokens.
 */
export function directoryRolesFor(person: Person): Role[] {
  const granted = new Set<Role>(['requester', 'approver']);
  for (const group of person.groups) {
    if (group === 'service-desk') granted.add('agent');
    if (group.startsWith('team:')) granted.add('fulfiller');
    if (group === 'auditors') granted.add('auditor');
    if (group === 'catalog-admins') granted.add('catalog-admin');
  }
  return roles.filter((r) => granted.has(r));
}

/** The embedded mode trusts the picked person with the roles the directory gives them. */
export function embeddedRolesFor(person: Person): Role[] {
  return directoryRolesFor(person);
}

/** The teams a person works in, from `team:<name>` group memberships. */
export function teamsOf(person: Person): string[] {
  return person.groups.filter((g) => g.startsWith('team:')).map((g) => g.slice('team:'.length));
}
