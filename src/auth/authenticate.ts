import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { DirectoryProvider } from '../directory/person.js';
import { ForbiddenError, UnauthenticatedError } from '../shared/errors.js';
import { embeddedRolesFor, type Principal, type Role } from './roles.js';
import type { TokenService } from './token-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export const personHeader = 'x-frontdoor-person';

export interface Auth {
  /** Resolves `request.principal` from a bearer token (or, in embedded mode, the picked person); 401 otherwise. */
  authenticate: preHandlerAsyncHookHandler;
  /** Authenticates, then requires at least one of the roles; 403 otherwise. */
  requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
}

/** The principal of an authenticated request; use only behind `authenticate` or `requireRole`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthenticatedError();
  return request.principal;
}

export function createAuth(options: { tokens: TokenService; directory: DirectoryProvider; mode: 'embedded' | 'secure' }): Auth {
  const resolve = async (request: FastifyRequest): Promise<Principal> => {
    if (request.principal) return request.principal;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const principal = match ? await options.tokens.resolve(match[1]!) : undefined;
      if (!principal) throw new UnauthenticatedError('The bearer token is not valid');
      return principal;
    }
    const picked = request.headers[personHeader];
    if (options.mode === 'embedded' && typeof picked === 'string' && picked.trim()) {
      const person = await options.directory.findByEmail(picked.trim().toLowerCase());
      if (!person) throw new UnauthenticatedError(`${picked.trim()} is not in the directory`);
      return { person, roles: embeddedRolesFor(person), via: 'embedded' };
    }
    if (options.mode === 'embedded') {
      throw new UnauthenticatedError(`Name the person you act as with the ${personHeader} header (for example: -H '${personHeader}: sam.patel@example.com'), or send a bearer token`);
    }
    throw new UnauthenticatedError();
  };

  const authenticate: preHandlerAsyncHookHandler = async (request: FastifyRequest, _reply: FastifyReply) => {
    request.principal = await resolve(request);
  };

  return {
    authenticate,
    requireRole(...required: Role[]) {
      return async (request: FastifyRequest, _reply: FastifyReply) => {
        const principal = await resolve(request);
        request.principal = principal;
        if (required.length && !required.some((r) => principal.roles.includes(r))) {
          throw new ForbiddenError(`This needs the ${required.join(' or ')} role`);
        }
      };
    },
  };
}
