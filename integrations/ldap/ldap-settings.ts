/** Directory fields an LDAP attribute can fill (LDAP_ATTRIBUTES maps them). */
export const ldapFields = ['email', 'name', 'manager', 'department', 'title', 'role', 'costCentre', 'location', 'memberOf'] as const;
export type LdapField = (typeof ldapFields)[number];

/** The attributes of inetOrgPerson (RFC 2798) and the memberOf overlay, used unless mapped otherwise. */
export const defaultLdapAttributes: Record<LdapField, string> = {
  email: 'mail',
  name: 'displayName',
  manager: 'manager',
  department: 'ou',
  title: 'title',
  role: 'employeeType',
  costCentre: 'departmentNumber',
  location: 'l',
  memberOf: 'memberOf',
};

/** Where and how to read people; the password is used to bind and never logged. */
export interface LdapSettings {
  url: string;
  bindDn?: string | undefined;
  bindPassword?: string | undefined;
  baseDn: string;
  userFilter: string;
  groupBaseDn?: string | undefined;
  /** `none`: memberships come from memberOf on the people only. */
  groupFilter: string;
  /** field=attribute pairs over the defaults. */
  attributes: string[];
  pageSize: number;
  timeoutMs?: number;
}

export function attributeMap(pairs: readonly string[]): Record<LdapField, string> {
  const map = { ...defaultLdapAttributes };
  for (const pair of pairs) {
    const [field, attribute] = pair.split('=') as [LdapField, string];
    if (ldapFields.includes(field) && attribute) map[field] = attribute;
  }
  return map;
}
