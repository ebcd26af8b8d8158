import { z } from 'zod';

export const coreUserSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const enterpriseUserSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const meta = z.looseObject({ version: z.string().optional() }).optional();

/** A SCIM user as far as the connector reads it (RFC 7643 §4.1); anything else is kept, not needed. */
export const scimUser = z.looseObject({
  id: z.string().min(1),
  userName: z.string(),
  externalId: z.string().optional(),
  active: z.boolean().optional(),
  displayName: z.string().optional(),
  emails: z.array(z.looseObject({ value: z.string(), type: z.string().optional() })).optional(),
  meta,
});
export type ScimUser = z.infer<typeof scimUser>;

/** A SCIM group (RFC 7643 §4.2); `members` may be left out of answers by large services. */
export const scimGroup = z.looseObject({
  id: z.string().min(1),
  displayName: z.string(),
  members: z.array(z.looseObject({ value: z.string() })).optional(),
  meta,
});
export type ScimGroup = z.infer<typeof scimGroup>;

export const listResponse = <T extends z.ZodType>(resource: T) =>
  z.looseObject({
    totalResults: z.number().int().min(0),
    Resources: z.array(resource).optional(),
  });

/** A SCIM error answer (RFC 7644 §3.12). */
export const scimError = z.looseObject({
  status: z.union([z.string(), z.number()]).optional(),
  scimType: z.string().optional(),
  detail: z.string().optional(),
});

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path?: string;
  value?: unknown;
}

/** A filter's string value (RFC 7644 §3.4.2.2): a JSON string, quotes and backslashes escaped. */
export function filterValue(value: string): string {
  return JSON.stringify(value);
}
