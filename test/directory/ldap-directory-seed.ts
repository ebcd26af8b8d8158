import { Attribute, Change, type Client } from 'ldapts';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import type { Person } from '../../src/directory/person.js';
import { suffix } from './slapd-server.js';

export const peopleDn = `ou=people,${suffix}`;
export const groupsDn = `ou=groups,${suffix}`;
export const dnOf = (email: string) => `uid=${email.split('@')[0]},${peopleDn}`;

/**
 * The sample company as an LDAP directory holds it: inetOrgPerson entries (mail, displayName,
 * title, ou, employeeType, businessCategory, l, manager as a DN) and groupOfNames groups.
 */
export async function seedLdapDirectory(client: Client): Promise<Person[]> {
  const people = await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list();
  await client.add(suffix, { objectClass: ['dcObject', 'organization'], dc: 'example', o: 'Example' });
  await client.add(peopleDn, { objectClass: 'organizationalUnit', ou: 'people' });
  await client.add(groupsDn, { objectClass: 'organizationalUnit', ou: 'groups' });
  for (const p of people) {
    await client.add(dnOf(p.email), {
      objectClass: ['inetOrgPerson'],
      uid: p.email.split('@')[0]!,
      cn: p.name,
      sn: p.name.split(' ').at(-1)!,
      displayName: p.name,
      mail: p.email,
      title: p.title,
      ou: p.department,
      employeeType: p.role,
      // Where this company keeps cost centres: mapped with LDAP_ATTRIBUTES=costCentre=businessCategory.
      businessCategory: p.costCentre,
      l: p.location,
    });
  }
  // Managers after everyone exists, as an administrator would link them.
  for (const p of people.filter((x) => x.managerEmail)) await setManager(client, p.email, p.managerEmail!);
  for (const group of new Set(people.flatMap((p) => p.groups))) {
    await client.add(`cn=${group},${groupsDn}`, { objectClass: 'groupOfNames', cn: group, member: people.filter((p) => p.groups.includes(group)).map((p) => dnOf(p.email)) });
  }
  return people;
}

export async function setManager(client: Client, email: string, managerEmail: string): Promise<void> {
  await client.modify(dnOf(email), new Change({ operation: 'replace', modification: new Attribute({ type: 'manager', values: [dnOf(managerEmail)] }) }));
}
