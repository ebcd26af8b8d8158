import { Client, InvalidCredentialsError, type Entry } from 'ldapts';
import type { DirectorySource, SourcedPerson } from '../../src/directory/directory-source.js';
import { IntegrationError } from '../../src/shared/errors.js';
import { attributeMap, type LdapSettings } from './ldap-settings.js';

/**
 * People from an LDAP directory (OpenLDAP, Active Directory): one bind, a paged subtree search
 * for people (LDAP_USER_FILTER) and one for groups (their member or uniqueMember lists),
 * attributes mapped by LDAP_ATTRIBUTES. The manager is a DN there; it becomes that person's
 * email here. memberOf on a person adds the groups it names. Every entry the filter finds is
 * active: leavers are left out by the filter (or gone).
 */
export function ldapDirectorySource(settings: LdapSettings): DirectorySource {
  const map = attributeMap(settings.attributes);
  return {
    name: 'ldap',
    async readPeople(signal) {
      const client = new Client({ url: settings.url, timeout: settings.timeoutMs ?? 30_000, connectTimeout: settings.timeoutMs ?? 30_000 });
      const abort = () => void client.unbind().catch(() => undefined);
      signal.addEventListener('abort', abort, { once: true });
      try {
        if (settings.bindDn) await client.bind(settings.bindDn, settings.bindPassword ?? '');
        const attributes = [...new Set(Object.values(map))];
        const { searchEntries: users } = await client.search(settings.baseDn, { scope: 'sub', filter: settings.userFilter, attributes, paged: { pageSize: settings.pageSize } });
        const groups =
          settings.groupFilter === 'none'
            ? []
            : (await client.search(settings.groupBaseDn ?? settings.baseDn, { scope: 'sub', filter: settings.groupFilter, attributes: ['cn', 'member', 'uniqueMember'], paged: { pageSize: settings.pageSize } })).searchEntries;
        signal.throwIfAborted();
        return peopleOf(users, groups, map);
      } catch (error) {
        throw asIntegrationError(error, signal);
      } finally {
        signal.removeEventListener('abort', abort);
        await client.unbind().catch(() => undefined);
      }
    },
  };
}

function peopleOf(users: Entry[], groups: Entry[], map: ReturnType<typeof attributeMap>): SourcedPerson[] {
  const emailByDn = new Map(users.map((u) => [dnKey(u.dn), first(u, map.email)]));
  const groupsByDn = new Map<string, Set<string>>();
  for (const group of groups) {
    const name = first(group, 'cn') ?? rdnValue(group.dn);
    for (const member of [...all(group, 'member'), ...all(group, 'uniqueMember')]) {
      const key = dnKey(member.replace(/#'?[01]+'?B$/, ''));
      groupsByDn.set(key, (groupsByDn.get(key) ?? new Set()).add(name));
    }
  }
  return users.map((u) => {
    const manager = first(u, map.manager);
    const memberOf = all(u, map.memberOf).map(rdnValue);
    return {
      sourceId: u.dn,
      email: first(u, map.email),
      name: first(u, map.name) ?? first(u, 'cn'),
      department: first(u, map.department),
      title: first(u, map.title),
      role: first(u, map.role),
      managerEmail: manager ? emailByDn.get(dnKey(manager)) : undefined,
      costCentre: first(u, map.costCentre),
      location: first(u, map.location),
      groups: [...new Set([...(groupsByDn.get(dnKey(u.dn)) ?? []), ...memberOf])],
      active: true,
    };
  });
}

/** Attribute names are case-insensitive in LDAP; servers answer in their own case. */
function all(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v));
}

function first(entry: Entry, attribute: string): string | undefined {
  return all(entry, attribute)[0];
}

/** DNs compared the way servers write them differently: case and spaces around separators. */
function dnKey(dn: string): string {
  return dn.split(',').map((rdn) => rdn.trim().toLowerCase().replace(/\s*=\s*/, '=')).join(',');
}

/** The value of a DN's first RDN: the cn of a group named by memberOf. */
function rdnValue(dn: string): string {
  const rdn = dn.split(',')[0] ?? dn;
  return rdn.slice(rdn.indexOf('=') + 1).trim();
}

/** What may be said of a failure: never the password, never a stack. */
function asIntegrationError(error: unknown, signal: AbortSignal): IntegrationError {
  if (error instanceof IntegrationError) return error;
  if (signal.aborted) return new IntegrationError('directory', 'read-people', 'the LDAP server did not answer in time', { retryable: true });
  if (error instanceof InvalidCredentialsError) return new IntegrationError('directory', 'read-people', 'the bind was refused (check LDAP_BIND_DN and LDAP_BIND_PASSWORD)');
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)$/.test(code)) {
    return new IntegrationError('directory', 'read-people', `the LDAP server could not be reached (${code})`, { retryable: true });
  }
  const name = error instanceof Error ? error.name : 'error';
  return new IntegrationError('directory', 'read-people', `the LDAP search failed (${name}${typeof code === 'number' ? `, result code ${code}` : ''})`, { cause: error });
}
