import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { IntegrationError } from '../../../src/shared/errors.js';
import { joinerSchema, parseInput } from '../input.js';
import type { IdentityTransport, IdentityUser } from '../transport.js';


/**
 * Creates the joiner's account (staged until their start date) with a login in the company's
 * domain. The login is looked up first: an account this joiner already has (a step called
 * again after a lost answer) is the result, so a repeated step never creates two; an account
 * of the same login that belongs to someone else is refused, not taken over.
 */
export function createAccount(transport: IdentityTransport): IntegrationOperation {
  return async (input, ctx) => {
    const call = { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal };
    const joiner = parseInput('create-account', joinerSchema, input);
    const parts = joiner.name.split(/\s+/);
    const firstName = parts[0]!;
    const lastName = parts.length > 1 ? parts.slice(1).join(' ') : firstName;
    const domain = joiner.managerEmail.split('@')[1]!;
    const local = `${firstName}.${lastName}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '');
    const login = `${local}@${domain}`;
    const existing = await transport.lookUpUser('create-account', login, call);
    if (existing) {
      if (existing.profile.secondEmail?.toLowerCase() !== joiner.personalEmail.toLowerCase()) {
        throw new IntegrationError('identity', 'create-account', `the login ${login} belongs to another account; choose the joiner's login by hand`);
      }
      return { userId: existing.id, login, status: existing.status };
    }
    const user = await transport.send<IdentityUser>('create-account', 'POST', '/api/v1/users?activate=false', {
      profile: {
        firstName, lastName, login, email: login, secondEmail: joiner.personalEmail,
        department: joiner.department, title: joiner.title, userType: joiner.role,
        managerId: joiner.managerEmail, city: joiner.location, startDate: joiner.startDate,
      },
    }, call);
    return { userId: user.id, login, status: user.status };
  };
}
