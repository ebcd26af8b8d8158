import { z } from 'zod';

/** The identity system (Okta-style users, groups and lifecycle API). */
export const identityManifest = {
  id: 'identity',
  operations: ['reset-password', 'unlock-account', 'grant-access', 'create-account', 'add-to-group', 'remove-from-group', 'last-login', 'deactivate-account'] as const,
  /** Credentials come from the environment by reference; they are never stored or logged. */
  credentials: z.object({ baseUrl: z.url(), token: z.string().min(1) }),
};

export type IdentityCredentials = z.infer<typeof identityManifest.credentials>;
