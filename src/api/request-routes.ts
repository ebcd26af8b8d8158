import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Auth } from '../auth/index.js';
import type { LifecycleContext } from '../requests/lifecycle-context.js';
import type { RequestLifecycle } from '../requests/request-lifecycle.js';
import { visibleRequest } from '../requests/request-status.js';
import { requestView } from '../requests/request-view.js';
import { authErrors, errorBody, numberParams, security, statusLineView } from './api-schemas.js';

const requestViewSchema = z.object({
  id: z.string(), number: z.string(), requestTypeId: z.string(), requestTypeVersion: z.number(), catalogVersion: z.string(),
  title: z.string(), requester: z.object({ email: z.string(), name: z.string() }), channel: z.string(),
  status: z.string(), subStatus: z.string().nullable(), fields: z.record(z.string(), z.unknown()), cost: z.number().nullable(),
  createdAt: z.string(), dueAt: z.string(), closedAt: z.string().nullable(), statusLine: statusLineView,
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), subStatus: z.string().nullable(), by: z.string(), reason: z.string().nullable(), at: z.string() })),
  approvals: z.array(z.object({ id: z.string(), stage: z.string(), approver: z.string(), role: z.string().nullable(), status: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), comment: z.string().nullable() })),
  steps: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), team: z.string().nullable(), integration: z.string().nullable(), status: z.string(), subStatus: z.string().nullable(), error: z.string().nullable(), note: z.string().nullable() })),
  /** Work notes the fulfilment teams wrote for the requester. */
  notes: z.array(z.object({ task: z.string(), by: z.string(), at: z.string(), text: z.string() })),
});

/** API intake and the requester's view: create (same validation as the chat), get, list mine, cancel. */
export function requestRoutes(deps: { lifecycle: RequestLifecycle; lifecycleContext: LifecycleContext; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/v1/requests', {
      preHandler: deps.auth.requireRole('requester'),
      schema: {
        tags: ['requests'], summary: 'Submit a request (validated like the chat dialog)', security,
        body: z.object({ requestTypeId: z.string().min(1).max(100), fields: z.record(z.string(), z.unknown()).default({}) }),
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional().describe('Sending the same key again with the same body returns the request the first call created instead of a new one; with a different body, 422') }),
        response: { 201: z.object({ id: z.string(), number: z.string(), status: z.string(), next: z.string() }), 422: errorBody.describe('The Idempotency-Key was used for a different request'), 429: errorBody, ...authErrors },
      },
    }, async (request, reply) => {
      const requester = principalOf(request).person;
      const key = request.headers['idempotency-key'];
      const submitted = await deps.lifecycle.submit({
        requestTypeId: request.body.requestTypeId, requester, fields: request.body.fields, channel: 'api',
        ...(key ? { submissionKey: `api:${requester.id}:${key}` } : {}),
      });
      return reply.status(201).send(submitted);
    });

    app.get('/api/v1/requests', {
      preHandler: deps.auth.requireRole('requester'),
      schema: {
        tags: ['requests'], summary: 'My requests (open ones unless includeClosed=true)', security,
        querystring: z.object({ includeClosed: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ requests: z.array(statusLineView) }), ...authErrors },
      },
    }, async (request) => ({
      requests: await deps.lifecycle.status(principalOf(request).person, { includeClosed: request.query.includeClosed === 'true' }),
    }));

    app.get('/api/v1/requests/:number', {
      preHandler: deps.auth.requireRole('requester', 'approver', 'agent', 'fulfiller', 'auditor'),
      schema: {
        tags: ['requests'], summary: 'One request: status, history, approvals and steps (sensitive answers masked)', security,
        params: numberParams,
        response: { 200: requestViewSchema, 404: errorBody, ...authErrors },
      },
    }, async (request) => {
      const principal = principalOf(request);
      const row = await visibleRequest(deps.lifecycleContext, principal, request.params.number);
      return requestView(deps.lifecycleContext, row, principal.person);
    });

    app.post('/api/v1/requests/:number/cancel', {
      preHandler: deps.auth.requireRole('requester'),
      schema: {
        tags: ['requests'], summary: 'Cancel my request while it is open', security,
        params: numberParams,
        body: z.object({ reason: z.string().trim().max(1000).optional() }).default({}),
        response: { 200: z.object({ number: z.string(), message: z.string() }), 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.lifecycle.cancel({ person: principalOf(request).person, number: request.params.number, reason: request.body.reason, channel: 'api' }));

    app.post('/api/v1/requests/:number/route', {
      preHandler: deps.auth.requireRole('agent'),
      schema: {
        tags: ['requests'],
        summary: 'Service desk: route a request that needs routing (nobody could be asked) to an approver, with why (audited)',
        security,
        params: numberParams,
        body: z.object({ approver: z.email().max(254), reason: z.string().trim().min(1).max(1000) }),
        response: { 200: z.object({ number: z.string(), message: z.string() }), 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.lifecycle.route({
      number: request.params.number, actor: principalOf(request).person, approver: request.body.approver, reason: request.body.reason, channel: 'api',
    }));
  };
}
