import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Auth } from '../auth/index.js';
import type { LifecycleContext } from '../requests/lifecycle-context.js';
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
      const { store } = deps.lifecycleContext;
      const row = await visibleRequest(deps.lifecycleContext, principalOf(request), request.params.number);
      const related = [
        ...(await store.read.approvals.listByRequest(row.id)).map((a) => a.id),
        ...(await deps.lifecycleContext.fulfilment.steps(row.id)).map((s) => s.id),
      ];
      const entries = await store.read.audit.listForRequest(row.id, related);
      return {
        number: formatRequestNumber(row.number),
        entries: entries.map((e) => ({ at: new Date(e.at).toISOString(), actor: e.actorId, action: e.action, targetType: e.targetType, targetId: e.targetId, before: e.before, after: e.after, reason: e.reason, channel: e.channel })),
      };
    });
  };
}
