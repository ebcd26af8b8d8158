import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf, type Auth, type Principal, type TokenService } from '../../auth/index.js';
import type { Config } from '../../config/config.js';
import type { ConversationEngine, SensitiveQuestions } from '../../conversation/conversation-engine.js';
import type { DirectoryProvider, Person } from '../../directory/person.js';
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors.js';
import type { Store } from '../../store/store.js';
import {
  activitySetSchema, conversationParamsSchema, conversationResponseSchema, errorResponseSchema, incomingActivitySchema,
  resourceResponseSchema, startConversationBodySchema, tokenRequestBodySchema, watermarkQuerySchema,
} from './activity-schema.js';
import { bearerToken, DirectLineTokens, type DirectLineClaims } from './directline-token.js';
import { WebChatConversations, type Identity } from './webchat-conversations.js';

export interface DirectLineRouteDeps {
  config: Pick<Config, 'FRONTDOOR_MODE' | 'DIRECTLINE_SECRET' | 'WEBCHAT_TOKEN_MAX_HOURS' | 'WEBCHAT_MAX_ACTIVITIES_PER_CONVERSATION' | 'WEBCHAT_MAX_CONVERSATIONS_PER_PERSON_PER_DAY'>;
  store: Store;
  directory: DirectoryProvider;
  engine: ConversationEngine & SensitiveQuestions;
  /** The API's bearer-token check; secure mode issues web chat tokens only to its callers with the requester role. */
  auth: Pick<Auth, 'requireRole'>;
  /** Whether the API token a web chat token came from is still good (not revoked, not expired). */
  tokens: Pick<TokenService, 'isActive'>;
  /**
   * The person signed in with the organisation's provider, for the web chat page's own script
   * (session cookie and its CSRF token); absent when sign-in is not configured.
   */
  signedIn?: (request: FastifyRequest, reply: FastifyReply) => Promise<Principal | undefined>;
  /** Flushed when a person opens a web chat, so what was queued for them arrives; held while a turn is answered. */
  notifier?: { reachable(personId: string): Promise<number>; hold(personId: string): () => Promise<void> };
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 413: errorResponseSchema, 429: errorResponseSchema };
/** A chat message (4,000 characters) or a card submit fits easily; anything bigger is refused before it is parsed. */
const activityBodyLimit = 32 * 1024;
const smallBodyLimit = 4 * 1024;

/**
 * The Direct Line 3.0 subset under /v3/directline that Microsoft's Web Chat needs when it polls
 * (`webSocket: false`). Every call but the token routes carries a token bound to one
 * conversation. In embedded mode the activity's `from.id` says who is talking; in secure mode
 * the token does.
 */
export function directLineRoutes(deps: DirectLineRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const secure = deps.config.FRONTDOOR_MODE === 'secure';
    // Embedded mode may run without a configured secret; its tokens then last one process.
    const tokens = new DirectLineTokens(deps.config.DIRECTLINE_SECRET ?? randomBytes(32).toString('base64url'));
    const conversations = new WebChatConversations({
      store: deps.store, directory: deps.directory, engine: deps.engine, log: app.log, outbox: deps.notifier,
      limits: { activitiesPerConversation: deps.config.WEBCHAT_MAX_ACTIVITIES_PER_CONVERSATION, conversationsPerPersonPerDay: deps.config.WEBCHAT_MAX_CONVERSATIONS_PER_PERSON_PER_DAY },
    });

    const claimsOf = (request: FastifyRequest, conversationId?: string): DirectLineClaims => {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw new UnauthenticatedError('A Direct Line token is required');
      const claims = tokens.verify(token);
      if (!claims) throw new ForbiddenError('The Direct Line token is not valid or has expired');
      if (conversationId !== undefined && claims.cid !== conversationId) {
        throw new ForbiddenError('The Direct Line token is for another conversation');
      }
      return claims;
    };
    const identityOf = (claims: DirectLineClaims): Identity => {
      if (!secure) return { trust: 'activity' };
      if (!claims.sub) throw new ForbiddenError('The Direct Line token names no person');
      return { trust: 'token', email: claims.sub, ...(claims.rol ? { roles: claims.rol } : {}) };
    };
    const maxLifetimeSeconds = deps.config.WEBCHAT_TOKEN_MAX_HOURS * 3600;
    const issue = async (person?: Person, apiToken?: { id?: string | undefined; roles: readonly string[] }, until?: number) => {
      const conversationId = await conversations.open({ personId: person?.id });
      // A chat opened from a sign-in session ends with that session at the latest.
      const lifetime = until === undefined ? maxLifetimeSeconds : Math.max(1, Math.min(maxLifetimeSeconds, Math.floor((until - Date.now()) / 1000)));
      const { token, expiresIn } = tokens.issue({ conversationId, email: secure ? person?.email : undefined, maxLifetimeSeconds: lifetime, ...(apiToken?.id ? { apiTokenId: apiToken.id } : {}), ...(apiToken ? { roles: apiToken.roles } : {}) });
      return { conversationId, token, expires_in: expiresIn };
    };

    const requireRequesterToken = deps.auth.requireRole('requester');
    // Secure mode: an API token, or a person signed in on the web chat page (without a bearer header).
    const generateGuard = secure ? async function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
      const signedIn = request.headers.authorization === undefined ? await deps.signedIn?.(request, reply) : undefined;
      if (!signedIn) return requireRequesterToken.call(this as never, request, reply);
      if (!signedIn.roles.includes('requester')) throw new ForbiddenError('This needs the requester role');
      request.principal = signedIn;
    } : async () => undefined;
    app.post('/v3/directline/tokens/generate', {
      bodyLimit: smallBodyLimit,
      preHandler: generateGuard,
      schema: {
        tags: ['web chat'], summary: 'Issue a token for a new web chat conversation',
        description: 'Embedded mode: open. Secure mode: needs an API bearer token, or the web chat page\'s sign-in session with its CSRF token (`x-csrf-token`); the web chat token then carries that person.',
        body: tokenRequestBodySchema, response: { 200: conversationResponseSchema, ...errors },
      },
    }, async (request) => {
      // Embedded mode trusts the picked person; the conversation is theirs from the start.
      if (!secure) return issue(await conversations.knownPerson(request.body?.user?.id));
      const principal = principalOf(request);
      return issue(principal.person, { id: principal.tokenId, roles: principal.roles }, principal.until);
    });

    app.post('/v3/directline/tokens/refresh', {
      bodyLimit: smallBodyLimit,
      schema: { tags: ['web chat'], summary: 'Extend a web chat token', response: { 200: conversationResponseSchema, ...errors } },
    }, async (request) => {
      const claims = claimsOf(request);
      // A chain of refreshes ends at its maximum, and with the API token it started from.
      if (claims.max !== undefined && claims.max * 1000 <= Date.now()) throw new ForbiddenError('The web chat session has reached its maximum length; sign in again');
      if (claims.tid !== undefined && !(await deps.tokens.isActive(claims.tid))) throw new ForbiddenError('The token this web chat was opened with is no longer valid');
      const { token, expiresIn } = tokens.issue({ conversationId: claims.cid, email: claims.sub, ...(claims.max !== undefined ? { max: claims.max } : { maxLifetimeSeconds }), ...(claims.tid ? { apiTokenId: claims.tid } : {}), ...(claims.rol ? { roles: claims.rol } : {}) });
      return { conversationId: claims.cid, token, expires_in: expiresIn };
    });

    app.post('/v3/directline/conversations', {
      bodyLimit: smallBodyLimit,
      schema: {
        tags: ['web chat'], summary: 'Start a conversation (the one a token was issued for, or a new one in embedded mode)',
        body: startConversationBodySchema, response: { 201: conversationResponseSchema, ...errors },
      },
    }, async (request, reply) => {
      if (!request.headers.authorization && !secure) return reply.status(201).send(await issue());
      const claims = claimsOf(request);
      identityOf(claims);
      await conversations.open({ conversationId: claims.cid, personId: claims.sub });
      return reply.status(201).send({ conversationId: claims.cid, token: bearerToken(request.headers.authorization)!, expires_in: Math.max(0, claims.exp - Math.floor(Date.now() / 1000)) });
    });

    app.post('/v3/directline/conversations/:id/activities', {
      bodyLimit: activityBodyLimit,
      schema: {
        tags: ['web chat'], summary: 'Send an activity (a message or an Adaptive Card submit)',
        params: conversationParamsSchema, body: incomingActivitySchema, response: { 200: resourceResponseSchema, ...errors },
      },
    }, async (request) => {
      const identity = identityOf(claimsOf(request, request.params.id));
      return conversations.post(request.params.id, request.body, identity);
    });

    app.get('/v3/directline/conversations/:id/activities', {
      // Web Chat polls twice a second: only problems are logged.
      logLevel: 'warn',
      schema: {
        tags: ['web chat'], summary: 'Activities after a watermark',
        params: conversationParamsSchema, querystring: watermarkQuerySchema, response: { 200: activitySetSchema, ...errors },
      },
    }, async (request) => {
      claimsOf(request, request.params.id);
      const watermark = request.query.watermark ? Number(request.query.watermark) : undefined;
      const set = await conversations.activitiesAfter(request.params.id, watermark);
      return { activities: set.activities, watermark: String(set.watermark) };
    });
  };
}
