import { hkdfSync } from 'node:crypto';
import csrfProtection from '@fastify/csrf-protection';
import secureSession from '@fastify/secure-session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** `__Host-`: sent only over https, to this host, for every path; no subdomain can set it. */
export const sessionCookieName = '__Host-frontdoor-session';

const pendingSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  verifier: z.string().min(1).max(200),
  returnTo: z.string().max(500),
  startedAt: z.number(),
});
const personSchema = z.object({ email: z.string().min(1).max(254), signedInAt: z.number() });
const flashSchema = z.object({ text: z.string().max(2000), problem: z.boolean() });

export type PendingSession = z.infer<typeof pendingSchema>;
export type Flash = z.infer<typeof flashSchema>;

declare module '@fastify/secure-session' {
  interface SessionData {
    /** A sign-in under way: what the callback must match. */
    pending: PendingSession;
    /** Who signed in, and when (a session ends SESSION_HOURS after it). */
    person: z.infer<typeof personSchema>;
    flash: Flash;
    _csrf: string;
  }
}

/**
 * Encrypted, authenticated session cookies (@fastify/secure-session: nothing is stored on the
 * server, so any replica with the same SESSION_SECRET reads them): secure, http-only,
 * SameSite=Lax so the provider's redirect back still carries it. CSRF tokens for forms are
 * kept in the same session (@fastify/csrf-protection).
 */
export async function installSessions(app: FastifyInstance, options: { secrets: string[]; hours: number }): Promise<void> {
  await app.register(secureSession, {
    cookieName: sessionCookieName,
    // The first key encrypts, every key decrypts: add a new secret in front to rotate.
    key: options.secrets.map((secret) => Buffer.from(hkdfSync('sha256', secret, 'frontdoor-session', 'cookie encryption key', 32))),
    expiry: Math.round(options.hours * 3600),
    cookie: { path: '/', httpOnly: true, secure: true, sameSite: 'lax' },
  });
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session', getToken: csrfTokenOf });
}

/** The token of a form (`_csrf`) or of a script (`x-csrf-token`). */
function csrfTokenOf(request: FastifyRequest): string | void {
  const body = request.body as Record<string, unknown> | undefined;
  if (body && typeof body._csrf === 'string') return body._csrf;
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
}

/** Reads of the session, each checked: a cookie from an older version reads as nothing. */
export const sessionData = {
  pending: (request: FastifyRequest): PendingSession | undefined => pendingSchema.safeParse(request.session.get('pending')).data,
  person: (request: FastifyRequest) => personSchema.safeParse(request.session.get('person')).data,
  /** The message a page shows once, after a form posted and redirected. */
  takeFlash(request: FastifyRequest): Flash | undefined {
    const flash = flashSchema.safeParse(request.session.get('flash')).data;
    if (flash) request.session.set('flash', undefined);
    return flash;
  },
  setFlash(request: FastifyRequest, flash: Flash): void {
    request.session.set('flash', flash);
  },
};
