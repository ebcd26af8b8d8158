import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, teamsOf, type Auth, type Principal } from '../auth/index.js';
import { ForbiddenError } from '../shared/errors.js';
import type { Fulfilment } from '../fulfilment/fulfilment.js';
import { fulfilmentSubStatuses } from '../request-records/request-status-codes.js';
import { slaStatuses } from '../fulfilment/task-sla.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const person = z.object({ email: z.string(), name: z.string() });
const taskView = z.object({
  id: z.string(), requestNumber: z.string(), requestTitle: z.string(), requester: z.string(), title: z.string(), team: z.string(),
  status: z.string(), subStatus: z.string().nullable(),
  subStatusText: z.string().nullable().describe('The sub-status in the words the requester was told'),
  subStatusDate: z.string().nullable().describe('YYYY-MM-DD: parts expected, or work scheduled'),
  askedOfRequester: z.string().nullable().describe('Awaiting the requester: what they were asked to do'),
  note: z.string().nullable(), createdAt: z.string(),
  dueAt: z.string().describe("When the task is due, from its team's SLA in teams.yaml"), requestDueAt: z.string(),
  sla: z.enum(slaStatuses), breachedAt: z.string().nullable(), assignee: person.nullable(),
  awaitingApproval: z.boolean().describe('An extra approval the team asked for is open; the task waits for it'),
});
const noteView = z.object({ id: z.string(), taskId: z.string(), by: person, at: z.string(), text: z.string(), visibleToRequester: z.boolean() });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is a date as YYYY-MM-DD');
const taskErrors = { 404: errorBody, 409: errorBody, ...authErrors };
const taskParams = z.object({ id: z.uuid() });
const stepView = z.object({
  id: z.string(), title: z.string(), kind: z.string(), team: z.string().nullable(), integration: z.string().nullable(),
  status: z.string(), subStatus: z.string().nullable(), error: z.string().nullable(), note: z.string().nullable(), attempts: z.number(),
});
const failedStepView = stepView.extend({ requestNumber: z.string(), requestTitle: z.string(), ownerTeam: z.string(), failedAt: z.string() });
const why = (required: string) => z.string().trim().min(1, required).max(2000);

/** Manual fulfilment tasks (a team's queue, progress, completion or failure) and the service desk's retry, override, skip or giving up of a step. */
export function taskRoutes(deps: { fulfilment: Fulfilment; auth: Auth }): FastifyPluginAsyncZod {
  /** The route options of a service-desk action on one step: agents only, the step's id in the path, a body that says why. */
  const agentStepAction = <Body extends z.ZodRawShape, Result extends z.ZodType = typeof stepView>(summary: string, body: Body, result?: Result) => ({
    preHandler: deps.auth.requireRole('agent'),
    schema: { tags: ['tasks'], summary, security, params: taskParams, body: z.object(body), response: { 200: result ?? stepView, ...taskErrors } },
  });

  return async (app) => {
    app.get('/api/v1/tasks', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: "A team's open manual tasks", security,
        querystring: z.object({ team: z.string().regex(/^[a-z][a-z0-9-]*$/), includeDone: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ tasks: z.array(taskView) }), ...authErrors },
      },
    }, async (request) => {
      requireTeam(principalOf(request), request.query.team);
      return { tasks: await deps.fulfilment.tasks(request.query.team, { includeDone: request.query.includeDone === 'true' }) };
    });

    app.patch('/api/v1/tasks/:id', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], security,
        summary: 'Set the sub-status; the requester is told in plain words',
        description: '`scheduled` and `awaiting_parts` take `date` (the day booked, or the day parts are expected; today or later) and the requester is told it; `awaiting_customer` needs `note`: what the requester must do.',
        params: taskParams,
        body: z.object({ subStatus: z.enum(fulfilmentSubStatuses), note: z.string().trim().max(2000).optional(), date: isoDay.optional() }),
        response: { 200: taskView, ...taskErrors },
      },
    }, async (request) => deps.fulfilment.setSubStatus({
      stepId: request.params.id, actor: principalOf(request), subStatus: request.body.subStatus, channel: 'api',
      ...(request.body.note ? { note: request.body.note } : {}), ...(request.body.date ? { date: request.body.date } : {}),
    }));

    app.get('/api/v1/tasks/mine', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: { tags: ['tasks'], summary: 'Open tasks the caller took or was given, due first', security, response: { 200: z.object({ tasks: z.array(taskView) }), ...authErrors } },
    }, async (request) => ({ tasks: await deps.fulfilment.assignedTo(principalOf(request).person.id) }));

    app.post('/api/v1/tasks/:id/assign', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: 'Take the task (no assignee) or give it to another member of its team', security,
        params: taskParams,
        body: z.object({ assignee: z.email().optional() }).default({}),
        response: { 200: taskView, ...taskErrors },
      },
    }, async (request) => deps.fulfilment.assign({ stepId: request.params.id, actor: principalOf(request), channel: 'api', ...(request.body.assignee ? { assigneeId: request.body.assignee } : {}) }));

    app.get('/api/v1/tasks/:id/notes', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: { tags: ['tasks'], summary: "The task's work notes, oldest first", security, params: taskParams, response: { 200: z.object({ notes: z.array(noteView) }), 404: errorBody, ...authErrors } },
    }, async (request) => ({ notes: await deps.fulfilment.notes({ stepId: request.params.id, actor: principalOf(request) }) }));

    app.post('/api/v1/tasks/:id/notes', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: 'Add a work note; a note visible to the requester is also told to them', security,
        params: taskParams,
        body: z.object({ text: why('Write the note'), visibleToRequester: z.boolean().default(false) }),
        response: { 201: noteView, ...taskErrors },
      },
    }, async (request, reply) => reply.code(201).send(await deps.fulfilment.addNote({ stepId: request.params.id, actor: principalOf(request), text: request.body.text, visibleToRequester: request.body.visibleToRequester, channel: 'api' })));

    app.post('/api/v1/tasks/:id/backorder', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: "Out of stock: awaiting parts until the expected date; the request's due date moves and the requester is told", security,
        params: taskParams,
        body: z.object({ expectedDate: isoDay, note: z.string().trim().max(2000).optional() }),
        response: { 200: taskView, ...taskErrors },
      },
    }, async (request) => deps.fulfilment.backorder({ stepId: request.params.id, actor: principalOf(request), expectedDate: request.body.expectedDate, channel: 'api', ...(request.body.note ? { note: request.body.note } : {}) }));

    app.post('/api/v1/tasks/:id/extra-approval', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], security,
        summary: 'Beyond the standard build: insert an approval stage into the running request; the task waits for it',
        description: 'The approver gets a normal approval card. Approved: the task goes on. Denied: the task and the request fail and the requester is told.',
        params: taskParams,
        body: z.object({
          reason: why('Say why the extra approval is needed'),
          approver: z.discriminatedUnion('kind', [z.object({ kind: z.literal('person'), email: z.email() }), z.object({ kind: z.literal('cost-centre-owner') })]),
        }),
        response: { 200: taskView, ...taskErrors },
      },
    }, async (request) => deps.fulfilment.askExtraApproval({ stepId: request.params.id, actor: principalOf(request), reason: request.body.reason, approver: request.body.approver, channel: 'api' }));

    app.post('/api/v1/tasks/:id/complete', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: 'Complete the task with a work note; fulfilment continues', security,
        params: taskParams,
        body: z.object({ note: z.string().trim().min(1, 'A work note is required').max(2000) }),
        response: { 200: taskView, ...taskErrors },
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

    app.post('/api/v1/steps/:id/retry',
      agentStepAction('Run a failed fulfilment step again; the request goes back to fulfilment', { reason: why('Say why it can run again now') }),
      async (request) => deps.fulfilment.retry({ stepId: request.params.id, actor: principalOf(request), reason: request.body.reason, channel: 'api' }));

    app.post('/api/v1/steps/:id/override',
      agentStepAction('Record a failed or open fulfilment step as done by hand; fulfilment continues', { note: why('Say what was done instead') }),
      async (request) => deps.fulfilment.override({ stepId: request.params.id, actor: principalOf(request), note: request.body.note, channel: 'api' }));

    app.post('/api/v1/steps/:id/skip',
      agentStepAction('Leave a failed or open fulfilment step out, with why (audited); the steps after it run', { reason: why('Say why the step is not needed') }),
      async (request) => deps.fulfilment.skip({ stepId: request.params.id, actor: principalOf(request), reason: request.body.reason, channel: 'api' }));

    app.post('/api/v1/steps/:id/abandon',
      agentStepAction("Give up a failed step's request: what was done is undone in reverse order and the requester is told", { reason: why('Say why the request is given up') }, z.object({ steps: z.array(stepView) })),
      async (request) => ({ steps: await deps.fulfilment.abandon({ stepId: request.params.id, actor: principalOf(request), reason: request.body.reason, channel: 'api' }) }));

    app.get('/api/v1/steps/failed', {
      preHandler: deps.auth.requireRole('fulfiller', 'agent'),
      schema: {
        tags: ['tasks'], summary: 'Failed fulfilment steps of the request types a team owns, with their error', security,
        querystring: z.object({ team: z.string().regex(/^[a-z][a-z0-9-]*$/) }),
        response: { 200: z.object({ steps: z.array(failedStepView) }), ...authErrors },
      },
    }, async (request) => {
      requireTeam(principalOf(request), request.query.team);
      return { steps: await deps.fulfilment.failedSteps(request.query.team) };
    });
  };
}

/** A team's lists are for its members and the service desk (agents). */
function requireTeam(principal: Principal, team: string): void {
  if (!principal.roles.includes('agent') && !teamsOf(principal.person).includes(team)) throw new ForbiddenError(`You are not in the ${team} team`);
}
