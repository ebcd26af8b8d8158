import { z } from 'zod';
import type { DirectorySource, SourcedPerson } from '../../src/directory/directory-source.js';
import { scimManifest, type ScimCredentials } from './manifest.js';
import { enterpriseUserSchema, scimGroup, scimUser } from './scim-resources.js';
import { ScimTransport } from './transport.js';

/** The parts of a SCIM user the directory reads (RFC 7643 §4.1 and the enterprise extension, §4.3). */
const directoryUser = scimUser.extend({
  name: z.looseObject({ formatted: z.string().optional(), givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  title: z.string().optional(),
  userType: z.string().optional(),
  addresses: z.array(z.looseObject({ locality: z.string().optional(), primary: z.boolean().optional() })).optional(),
  emails: z.array(z.looseObject({ value: z.string(), type: z.string().optional(), primary: z.boolean().optional() })).optional(),
  [enterpriseUserSchema]: z
    .looseObject({
      department: z.string().optional(),
      costCenter: z.string().optional(),
      manager: z.looseObject({ value: z.string().optional() }).optional(),
    })
    .optional(),
});
type DirectoryUser = z.infer<typeof directoryUser>;

/**
 * People from a SCIM 2.0 service: GET /Users (with the enterprise extension's manager,
 * department and costCenter) and GET /Groups with their members, both paged. The manager is
 * a user id there; it becomes that user's email here. Inactive users are leavers.
 */
export function scimDirectorySource(credentials: ScimCredentials, options: { pageSize: number }): DirectorySource {
  const transport = new ScimTransport(credentials, scimManifest.defaultCalls);
  return {
    name: 'scim',
    async readPeople(signal) {
      const call = { signal };
      const users = await transport.listAll('read-directory', 'Users', directoryUser, options.pageSize, call);
      const groups = await transport.listAll('read-directory', 'Groups', scimGroup, options.pageSize, call);
      const emailOf = new Map(users.map((u) => [u.id, emailOfUser(u)]));
      const groupsOf = new Map<string, string[]>();
      for (const group of groups) for (const member of group.members ?? []) groupsOf.set(member.value, [...(groupsOf.get(member.value) ?? []), group.displayName]);
      return users.map((u): SourcedPerson => {
        const enterprise = u[enterpriseUserSchema];
        const managerId = enterprise?.manager?.value;
        return {
          sourceId: u.id,
          email: emailOfUser(u),
          name: u.displayName ?? u.name?.formatted ?? ([u.name?.givenName, u.name?.familyName].filter(Boolean).join(' ') || undefined),
          department: enterprise?.department,
          title: u.title,
          role: u.userType,
          managerEmail: managerId ? emailOf.get(managerId) : undefined,
          costCentre: enterprise?.costCenter,
          location: (u.addresses?.find((a) => a.primary) ?? u.addresses?.[0])?.locality,
          groups: groupsOf.get(u.id) ?? [],
          active: u.active ?? true,
        };
      });
    },
  };
}

/** The work email: the primary email, else the work one, else a userName that is an email. */
function emailOfUser(u: DirectoryUser): string | undefined {
  const emails = u.emails ?? [];
  return (emails.find((e) => e.primary) ?? emails.find((e) => e.type === 'work') ?? emails[0])?.value ?? (u.userName.includes('@') ? u.userName : undefined);
}
