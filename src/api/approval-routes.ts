import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Auth } from '../auth/index.js';
import type { RequestLifecycle } from '../requests/request-lifecycle.js';
import { approvalCardView, authErrors, errorBody, security } from './api-schemas.js';

/** An approver's queue and decisions (the same rules as a card click). */
export function approvalRoutes(deps: { lifecycle: RequestLifecycle; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/approvals', {
      preHandler: deps.auth.requireRole('approver'),
      schema: {
        tags: ['approvals'], summary: 'My pending approvals, as approval cards', security,
        response: { 200: z.object({ approvals: z.array(approvalCardView) }), ...authErrors },
      },
    }, async (request) => ({ approvals: await deps.lifecycle.pendingApprovals(principalOf(request).person) }));

    app.post('/api/v1/approvals/:id/decision', {
      preHandler: deps.auth.requireRole('approver'),
      schema: {
        tags: ['approvals'], summary: 'Approve or deny (deny needs a comment)', security,
        params: z.object({ id: z.uuid() }),
        body: z.object({ decision: z.enum(['approve', 'deny']), comment: z.string().trim().max(2000).optional() }),
        response: { 200: z.object({ message: z.string(), card: approvalCardView.optional() }), 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.lifecycle.decide({
      approvalId: request.params.id, actor: principalOf(request).person, decision: request.body.decision, comment: request.body.comment, channel: 'api',
    }));

    app.post('/api/v1/approvals/:id/reassign', {
      preHandler: deps.auth.requireRole('agent'),
      schema: {
        tags: ['approvals'], summary: 'Service desk: move an open approval whose approver left the directory to someone else (audited)', security,
        params: z.object({ id: z.uuid() }),
        body: z.object({ to: z.email().max(254), reason: z.string().trim().min(1).max(1000) }),
        response: { 200: z.object({ message: z.string() }), 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.lifecycle.reassignApproval({
      approvalId: request.params.id, actor: principalOf(request).person, to: request.body.to, reason: request.body.reason, channel: 'api',
    }));
  };
}
