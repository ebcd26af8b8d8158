export { createAuth, principalOf, personHeader, type Auth } from './authenticate.js';
export { TokenService, hashToken, createTokenInputSchema } from './token-service.js';
export { roles, roleSchema, embeddedRolesFor, teamsOf, type Role, type Principal } from './roles.js';
