/**
 * A person as a directory source (SCIM, LDAP) gives them, before Frontdoor's checks. The
 * source turns its manager references (a SCIM id, an LDAP DN) into the manager's email.
 */
export interface SourcedPerson {
  /** The person's id at the source: a SCIM id, an LDAP DN. */
  sourceId: string;
  email: string | undefined;
  name?: string | undefined;
  department?: string | undefined;
  title?: string | undefined;
  /** Job family used by catalog rules (engineer, manager, ...). */
  role?: string | undefined;
  managerEmail?: string | undefined;
  costCentre?: string | undefined;
  location?: string | undefined;
  groups: string[];
  /** False for someone the source keeps but who has left (SCIM `active: false`). */
  active: boolean;
}

/** Where a synced directory reads its people: implemented by the connectors under integrations/. */
export interface DirectorySource {
  readonly name: 'scim' | 'ldap';
  /**
   * Everyone the source holds now, with their groups. Called outside any transaction. Throws
   * when any part of the read fails: half a directory would look like leavers.
   */
  readPeople(signal: AbortSignal): Promise<SourcedPerson[]>;
}
