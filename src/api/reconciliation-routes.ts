import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Auth } from '../auth/index.js';
import type { ReconciliationReport } from '../fulfilment/reconcile-identity.js';
import { NotFoundError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const reportView = z.object({
  at: z.string(),
  orphanedAccounts: z.array(z.object({ userName: z.string(), active: z.boolean(), provisionedBy: z.string().optional() })),
  drift: z.array(z.object({ group: z.string(), member: z.string() })),
  checked: z.object({ accounts: z.number().int(), groups: z.number().int(), memberships: z.number().int() }),
});

/** The latest reconciliation of the identity system with what Frontdoor provisioned (service desk and auditors). */
export function reconciliationRoutes(deps: { store: Store; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/reconciliation', {
      preHandler: deps.auth.requireRole('agent', 'auditor'),
      schema: {
        tags: ['audit'], summary: 'The latest reconciliation report: orphaned accounts and memberships nobody asked for', security,
        response: { 200: reportView, 404: errorBody, ...authErrors },
      },
    }, async () => {
      const latest = await deps.store.read.directory.latestReport<ReconciliationReport>();
      if (!latest) throw new NotFoundError('No reconciliation has run yet');
      return latest.report;
    });
  };
}
