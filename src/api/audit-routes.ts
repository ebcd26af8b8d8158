import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Auth } from '../auth/index.js';
import type { LifecycleContext } from '../requests/lifecycle-context.js';
import { requestAuditTrail } from '../requests/request-audit-trail.js';
import { visibleRequest } from '../requests/request-status.js';
import { principalOf } from '../auth/index.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import { authErrors, errorBody, numberParams, security } from './api-schemas.js';

const auditEntry = z.object({
  at: z.string(), actor: z.string(), action: z.string(), targetType: z.string(), targetId: z.string(),
  before: z.unknown(), after: z.unknown(), reason: z.string().nullable(), channel: z.string(),
});

/** The audit trail of a request, its approvals and its steps (auditors only; values already masked). */
export function auditRoutes(deps: { lifecycleContext: LifecycleContext; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/audit/requests/:number', {
      preHandler: deps.auth.requireRole('auditor'),
      schema: {
        tags: ['audit'], summary: 'Audit trail of one request', security,
        params: numberParams,
        response: { 200: z.object({ number: z.string(), entries: z.array(auditEntry) }), 404: errorBody, ...authErrors },
      },
    }, async (request) => {
      const row = await visibleRequest(deps.lifecycleContext, principalOf(request), request.params.number);
      return { number: formatRequestNumber(row.number), entries: await requestAuditTrail(deps.lifecycleContext, row) };
    });
  };
}
