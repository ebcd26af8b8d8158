import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import type { DirectoryProvider } from '../directory/person.js';

const personView = z.object({
  email: z.string(),
  name: z.string(),
  department: z.string(),
  title: z.string(),
  role: z.string(),
  managerEmail: z.string().optional(),
  costCentre: z.string(),
  location: z.string(),
  groups: z.array(z.string()),
});

/**
 * The people the web chat's person picker offers. Only in the embedded (dev) mode: in the
 * secure mode the directory is not open to anonymous callers, so the route does not exist.
 */
export function peopleRoutes(directory: DirectoryProvider, config: Pick<Config, 'FRONTDOOR_MODE'>): FastifyPluginAsyncZod {
  return async (app) => {
    if (config.FRONTDOOR_MODE !== 'embedded') return;
    app.get('/api/v1/people', {
      schema: {
        tags: ['directory'],
        summary: 'People in the directory (embedded mode only)',
        response: { 200: z.object({ people: z.array(personView) }) },
      },
    }, async () => {
      const people = await directory.list();
      people.sort((a, b) => a.name.localeCompare(b.name));
      return {
        people: people.map((p) => ({
          email: p.email, name: p.name, department: p.department, title: p.title, role: p.role,
          managerEmail: p.managerEmail, costCentre: p.costCentre, location: p.location, groups: p.groups,
        })),
      };
    });
  };
}
