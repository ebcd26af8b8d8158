import { loadFileDirectory } from '../../src/directory/file-directory.js';
import type { Person } from '../../src/directory/person.js';
import type { ScimService } from '../integrations/scim-service.js';

export const enterpriseSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/**
 * The sample company as a SCIM service holds it: users with the enterprise extension's
 * manager (by id), department and costCenter, and groups with their members.
 */
export async function seedScimDirectory(scim: ScimService): Promise<{ people: Person[]; idOf: Map<string, string> }> {
  const people = await (await loadFileDirectory('integrations/sample-directory/people.yaml')).list();
  const idOf = new Map<string, string>();
  for (const p of people) {
    idOf.set(
      p.email,
      scim.addUser(p.email, {
        displayName: p.name,
        title: p.title,
        userType: p.role,
        emails: [{ value: p.email, type: 'work', primary: true }],
        addresses: [{ type: 'work', locality: p.location }],
      }),
    );
  }
  for (const p of people) {
    scim.changeUser(p.email, (data) => {
      data[enterpriseSchema] = { department: p.department, costCenter: p.costCentre, ...(p.managerEmail ? { manager: { value: idOf.get(p.managerEmail)! } } : {}) };
    });
  }
  for (const group of new Set(people.flatMap((p) => p.groups))) {
    scim.addGroup(group);
    for (const p of people.filter((x) => x.groups.includes(group))) scim.addMember(group, idOf.get(p.email)!);
  }
  return { people, idOf };
}
