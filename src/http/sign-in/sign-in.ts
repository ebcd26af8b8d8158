import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import formBody from '@fastify/formbody';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { directoryRolesFor, type Principal, type Role } from '../../auth/index.js';
import type { Config } from '../../config/config.js';
import type { DirectoryProvider } from '../../directory/person.js';
import { ForbiddenError } from '../../shared/errors.js';
import { html } from '../pages/html.js';
import { installPageErrors } from '../pages/page-errors.js';
import { messagePage, sendPage } from '../pages/page-shell.js';
import { OidcClient } from './oidc-client.js';
import { installSessions, sessionData } from './session.js';

/** A sign-in not finished within this long is dropped: start again. */
const pendingLifetimeMs = 10 * 60_000;

/** Sign-in with the organisation's OpenID provider, and who is signed in. */
export interface SignIn {
  /** Sessions and CSRF protection on the root app, before any route. */
  install(app: FastifyInstance): Promise<void>;
  /** /sign-in, /sign-in/callback, /sign-in/session, /sign-out, /signed-out. */
  routes(): FastifyPluginAsync;
  /** The signed-in person with the directory's roles, or undefined (never signed in, expired, left the directory). */
  principal(request: FastifyRequest): Promise<Principal | undefined>;
  /**
   * For a page: the signed-in person with one of the roles. Someone not signed in is sent
   * to sign in and brought back; someone without the role gets a page that says so.
   */
  requirePerson(...roles: Role[]): preHandlerAsyncHookHandler;
  /**
   * For a script on our pages (the web chat asking for its token): the signed-in person when
   * the request carries the session's CSRF token; a ForbiddenError when it does not.
   */
  scriptPrincipal(request: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, set by `requirePerson`. */
    signedIn?: Principal;
  }
}

/** A path on this site to come back to after signing in; anything else goes to the console. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s\\]{0,499}$/.test(value) ? value : '/console';
}

const callbackQuerySchema = z.object({ error: z.string().max(200).optional(), error_description: z.string().max(500).optional() }).loose();

/** Sign-in when OIDC_ISSUER is configured; undefined otherwise. */
export function signInFrom(config: Config, directory: DirectoryProvider, now: () => number = Date.now): SignIn | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID) return undefined;
  const redirectUrl = config.OIDC_REDIRECT_URL ?? new URL('/sign-in/callback', config.PUBLIC_URL).href;
  const client = new OidcClient({
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUrl,
    scopes: config.OIDC_SCOPES,
  });
  const sessionMs = config.SESSION_HOURS * 3_600_000;
  const emailClaim = config.OIDC_EMAIL_CLAIM;

  const principal = async (request: FastifyRequest): Promise<Principal | undefined> => {
    const signedIn = sessionData.person(request);
    if (!signedIn || signedIn.signedInAt + sessionMs <= now()) return undefined;
    const person = await directory.findByEmail(signedIn.email);
    return person ? { person, roles: directoryRolesFor(person), via: 'session', until: signedIn.signedInAt + sessionMs } : undefined;
  };

  const refusal = (reply: FastifyReply, status: number, heading: string, body: string) =>
    sendPage(
      reply,
      messagePage({
        title: heading,
        heading,
        body,
        action: { href: '/sign-in', label: 'Sign in again' },
      }),
      status,
    );

  return {
    async install(app) {
      await installSessions(app, { secrets: config.SESSION_SECRET, hours: config.SESSION_HOURS });
    },

    principal,

    requirePerson(...roles) {
      return async (request, reply) => {
        const found = await principal(request);
        if (!found) {
          // A form posted after the session ended is not replayed: the person comes back to the console.
          const back = request.method === 'GET' ? request.url : '/console';
          return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(safeReturnPath(back))}`, 303);
        }
        if (roles.length && !roles.some((r) => found.roles.includes(r))) {
          return sendPage(
            reply,
            messagePage({
              title: 'Not for your role',
              heading: 'This page is not for your role',
              body: `It needs the ${roles.join(' or ')} role, which the directory does not give you. Ask the service desk if you need it.`,
              action: { href: '/console', label: 'Back to the console' },
            }),
            403,
          );
        }
        request.signedIn = found;
      };
    },

    async scriptPrincipal(request, reply) {
      const found = await principal(request);
      if (!found) return undefined;
      await new Promise<void>((resolve, reject) => {
        request.server.csrfProtection(request, reply, ((error?: Error) =>
          error ? reject(new ForbiddenError('The page is out of date; reload it')) : resolve()) as () => void);
      });
      return found;
    },

    routes() {
      return async (root) => {
        const app = root.withTypeProvider<ZodTypeProvider>();
        app.get('/sign-in', { schema: { hide: true, querystring: z.object({ returnTo: z.string().max(500).optional() }) } }, async (request, reply) => {
          let started;
          try {
            started = await client.start();
          } catch (err) {
            request.log.error({ err }, 'the OpenID provider could not be reached');
            return sendPage(
              reply,
              messagePage({
                title: 'Sign-in unavailable',
                heading: 'Sign-in is unavailable',
                body: 'The organisation’s sign-in service did not answer. Try again in a minute.',
                action: { href: '/sign-in', label: 'Try again' },
              }),
              503,
            );
          }
          request.session.set('pending', { ...started.pending, returnTo: safeReturnPath(request.query.returnTo), startedAt: now() });
          return reply.redirect(started.url, 303);
        });

        app.get('/sign-in/callback', { schema: { hide: true } }, async (request, reply) => {
          const pending = sessionData.pending(request);
          request.session.set('pending', undefined);
          const query = callbackQuerySchema.safeParse(request.query);
          if (query.success && query.data.error) {
            request.log.info({ error: query.data.error }, 'the provider did not sign the person in');
            return refusal(reply, 400, 'Not signed in', `The sign-in service did not sign you in (${query.data.error_description ?? query.data.error}).`);
          }
          if (!pending || pending.startedAt + pendingLifetimeMs <= now()) {
            return refusal(reply, 400, 'Sign-in expired', 'This sign-in was not started in this browser or took too long. Start again.');
          }
          let claims;
          try {
            claims = await client.finish(request.url.split('?')[1] ?? '', pending);
          } catch (err) {
            // The reason (state, nonce, PKCE, signature) is for the log; the person just starts again.
            request.log.warn({ reason: err instanceof Error ? err.message : 'unknown' }, 'a sign-in callback was refused');
            return refusal(
              reply,
              400,
              'Sign-in refused',
              'The answer from the sign-in service did not match the sign-in started in this browser. Start again.',
            );
          }
          const claimed = claims[emailClaim];
          const email = typeof claimed === 'string' ? claimed.trim().toLowerCase() : '';
          if (!email || (emailClaim === 'email' && claims.email_verified === false)) {
            return refusal(
              reply,
              403,
              'No email address',
              'The sign-in service did not give a verified email address for you, so Frontdoor cannot tell who you are.',
            );
          }
          const person = await directory.findByEmail(email);
          if (!person) {
            request.log.info('a signed-in person is not in the directory');
            return sendPage(
              reply,
              messagePage({
                title: 'Not in the directory',
                heading: 'You are not in Frontdoor’s directory',
                body: html`You signed in as <strong>${email}</strong>, but nobody with that address is in the directory Frontdoor uses. If you work here, ask
                  the service desk to check your directory entry.`,
              }),
              403,
            );
          }
          // A new session for the signed-in person: nothing from before the sign-in carries over.
          request.session.regenerate();
          request.session.set('person', { email: person.email, signedInAt: now() });
          return reply.redirect(pending.returnTo, 303);
        });

        app.get('/sign-in/session', { schema: { hide: true } }, async (request, reply) => {
          const found = await principal(request);
          if (!found)
            return reply.status(401).header('cache-control', 'no-store').send({ error: 'unauthenticated', message: 'Not signed in', signIn: '/sign-in' });
          return reply.header('cache-control', 'no-store').send({
            person: { email: found.person.email, name: found.person.name },
            roles: found.roles,
            csrfToken: reply.generateCsrf(),
          });
        });

        await app.register(async (forms) => {
          installPageErrors(forms);
          await forms.register(formBody);
          forms.post('/sign-out', { schema: { hide: true }, preHandler: forms.csrfProtection }, async (request, reply) => {
            request.session.delete();
            return reply.redirect('/signed-out', 303);
          });
        });

        app.get('/signed-out', { schema: { hide: true } }, async (_request, reply) =>
          sendPage(
            reply,
            messagePage({
              title: 'Signed out',
              heading: 'You are signed out',
              body: 'You are signed out of Frontdoor in this browser.',
              action: { href: '/sign-in', label: 'Sign in again' },
            }),
          ),
        );
      };
    },
  };
}
