import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, teamsOf, type Auth } from '../auth/index.js';
import { ForbiddenError } from '../shared/errors.js';
import type { Fulfilment } from '../fulfilment/fulfilment.js';
import { fulfilmentSubStatuses } from '../request-records/request-status-codes.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const taskView = z.object({
  id: z.string(), requestNumber: z.string(), requestTitle: z.string(), requester: z.string(), title: z.string(), team: z.string(),
  status: z.string(), subStatus: z.string().nullable(), note: z.string().nullable(), createdAt: z.string(), dueAt: z.string(),
});
const taskParams = z.object({ id: z.uuid() });
const stepView = z.object({
  id: z.string(), title: z.string(), kind: z.string(), team: z.string().nullable(), integration: z.string().nullable(),
  status: z.string(), subStatus: z.string().nullable(), error: z.string().nullable(), note: z.string().nullable(), attempts: z.number(),
});
const failedStepView = stepView.extend({ requestNumber: z.string(), requestTitle: z.string(), ownerTeam: z.string(), failedAt: z.string() });
const why = (required: string) => z.string().trim().min(1, required).max(2000);

/** Manual fulfilment tasks (a team's queue, progress, completion or failure) and the service desk's retry, override, skip or giving up of a step. */
export function taskRoutes(deps: { fulfilment: Fulfilment; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/tasks', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: "A team's open manual tasks", security,
        querystring: z.object({ team: z.string().regex(/^[a-z][a-z0-9-]*$/), includeDone: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ tasks: z.array(taskView) }), ...authErrors },
      },
    }, async (request) => {
      const principal = principalOf(request);
      if (!principal.roles.includes('agent') && !teamsOf(principal.person).includes(request.query.team)) {
        throw new ForbiddenError(`You are not in the ${request.query.team} team`);
      }
      return { tasks: await deps.fulfilment.tasks(request.query.team, { includeDone: request.query.includeDone === 'true' }) };
    });

    app.patch('/api/v1/tasks/:id', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: 'Set the sub-status (awaiting parts, scheduled, ...); the requester is told', security,
        params: taskParams,
        body: z.object({ subStatus: z.enum(fulfilmentSubStatuses), note: z.string().trim().max(2000).optional() }),
        response: { 200: taskView, 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.fulfilment.setSubStatus({ stepId: request.params.id, actor: principalOf(request), subStatus: request.body.subStatus, note: request.body.note, channel: 'api' }));

    app.post('/api/v1/tasks/:id/complete', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: 'Complete the task with a work note; fulfilment continues', security,
        params: taskParams,
        body: z.object({ note: z.string().trim().min(1, 'A work note is required').max(2000) }),
        response: { 200: taskView, 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.fulfilment.complete({ stepId: request.params.id, actor: principalOf(request), note: request.body.note, channel: 'api' }));

    app.post('/api/v1/tasks/:id/fail', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: 'The team cannot do the task: the request fails and the requester is told why', security,
        params: taskParams,
        body: z.object({ reason: why('Say why the task cannot be done') }),
        response: { 200: taskView, 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.fulfilment.fail({ stepId: request.params.id, actor: principalOf(request), reason: request.body.reason, channel: 'api' }));

    app.post('/api/v1/steps/:id/retry', {
      preHandler: deps.auth.requireRole('agent'),
      schema: {
        tags: ['tasks'], summary: 'Run a failed fulfilment step again; the request goes back to fulfilment', security,
        params: taskParams,
        body: z.object({ reason: why('Say why it can run again now') }),
        response: { 200: stepView, 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.fulfilment.retry({ stepId: request.params.id, actor: principalOf(request), reason: request.body.reason, channel: 'api' }));

    app.post('/api/v1/steps/:id/override', {
      preHandler: deps.auth.requireRole('agent'),
      schema: {
        tags: ['tasks'], summary: 'Record a failed or open fulfilment step as done by hand; fulfilment continues', security,
        params: taskParams,
        body: z.object({ note: why('Say what was done instead') }),
        response: { 200: stepView, 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.fulfilment.override({ stepId: request.params.id, actor: principalOf(request), note: request.body.note, channel: 'api' }));

    app.post('/api/v1/steps/:id/skip', {
      preHandler: deps.auth.requireRole('agent'),
      schema: {
        tags: ['tasks'], summary: 'Leave a failed or open fulfilment step out, with why (audited); the steps after it run', security,
        params: taskParams,
        body: z.object({ reason: why('Say why the step is not needed') }),
        response: { 200: stepView, 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => deps.fulfilment.skip({ stepId: request.params.id, actor: principalOf(request), reason: request.body.reason, channel: 'api' }));

    app.post('/api/v1/steps/:id/abandon', {
      preHandler: deps.auth.requireRole('agent'),
      schema: {
        tags: ['tasks'], summary: "Give up a failed step's request: what was done is undone in reverse order and the requester is told", security,
        params: taskParams,
        body: z.object({ reason: why('Say why the request is given up') }),
        response: { 200: z.object({ steps: z.array(stepView) }), 404: errorBody, 409: errorBody, ...authErrors },
      },
    }, async (request) => ({ steps: await deps.fulfilment.abandon({ stepId: request.params.id, actor: principalOf(request), reason: request.body.reason, channel: 'api' }) }));

    app.get('/api/v1/steps/failed', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: 'Failed fulfilment steps of the request types a team owns, with their error', security,
        querystring: z.object({ team: z.string().regex(/^[a-z][a-z0-9-]*$/) }),
        response: { 200: z.object({ steps: z.array(failedStepView) }), ...authErrors },
      },
    }, async (request) => {
      const principal = principalOf(request);
      if (!principal.roles.includes('agent') && !teamsOf(principal.person).includes(request.query.team)) {
        throw new ForbiddenError(`You are not in the ${request.query.team} team`);
      }
      return { steps: await deps.fulfilment.failedSteps(request.query.team) };
    });
  };
}
