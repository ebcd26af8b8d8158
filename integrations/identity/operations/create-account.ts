import { z } from 'zod';
import type { IntegrationOperation } from '../../../src/fulfilment/integration.js';
import { parseInput } from '../input.js';
import type { IdentityTransport, IdentityUser } from '../transport.js';

const schema = z.object({
  name: z.string().trim().regex(/^[\p{L}][\p{L}' .-]{1,99}$/u),
  personalEmail: z.email(),
  department: z.string().max(100).default(''),
  role: z.string().max(100).default(''),
  title: z.string().max(200).default(''),
  managerEmail: z.email(),
  location: z.string().max(100).default(''),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

/** Creates the joiner's account (staged until their start date) with a login in the company's domain. */
export function createAccount(transport: IdentityTransport): IntegrationOperation {
  return async (input) => {
    const joiner = parseInput('create-account', schema, input);
    const parts = joiner.name.split(/\s+/);
    const firstName = parts[0]!;
    const lastName = parts.length > 1 ? parts.slice(1).join(' ') : firstName;
    const domain = joiner.managerEmail.split('@')[1]!;
    const local = `${firstName}.${lastName}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '');
    const login = `${local}@${domain}`;
    const user = await transport.send<IdentityUser>('create-account', 'POST', '/api/v1/users?activate=false', {
      profile: {
        firstName, lastName, login, email: login, secondEmail: joiner.personalEmail,
        department: joiner.department, title: joiner.title, userType: joiner.role,
        managerId: joiner.managerEmail, city: joiner.location, startDate: joiner.startDate,
      },
    });
    return { userId: user.id, login, status: user.status };
  };
}
