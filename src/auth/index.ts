export { createAuth, principalOf, personHeader, type Auth } from './authenticate.js';
export { TokenService, hashToken, createTokenInputSchema, defaultTokenDays, type TokenOperator, type TokenView } from './token-service.js';
export { roles, roleSchema, directoryRolesFor, embeddedRolesFor, teamsOf, type Role, type Principal } from './roles.js';
