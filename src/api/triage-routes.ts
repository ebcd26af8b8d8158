import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Auth } from '../auth/index.js';
import type { AgentHandoff } from '../conversation/agent-handoff.js';
import { triageFilterSchema } from '../triage/triage-filter.js';
import { storedResolutionSchema, triageResolutionSchema } from '../triage/triage-item.js';
import type { TriageService } from '../triage/triage-service.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const triageItemView = z.object({
  id: z.string(),
  channel: z.string(),
  conversationId: z.string(),
  personId: z.string(),
  text: z.string(),
  candidates: z.array(z.object({ intent: z.string(), confidence: z.number() })),
  transcript: z.array(z.string()),
  dialog: z.object({ requestTypeId: z.string(), fields: z.record(z.string(), z.unknown()) }).optional(),
  status: z.enum(['open', 'taken', 'resolved']),
  resolution: storedResolutionSchema.optional(),
  resolvedBy: z.string().optional(),
  takenBy: z.string().optional(),
  handedBack: z.object({ at: z.string(), intent: z.string().optional(), note: z.string().optional() }).optional(),
  createdAt: z.string(),
  resolvedAt: z.string().optional(),
});

const itemParams = z.object({ id: z.string().min(1).max(100) });
const actionErrors = { 404: errorBody, 409: errorBody, ...authErrors };

/** The service desk's queue: messages the engine could not place and hand-offs. */
export function triageRoutes(deps: { triage: TriageService; auth: Auth; engine: { handoff: AgentHandoff } }): FastifyPluginAsyncZod {
  return async (app) => {
    const agentOnly = deps.auth.requireRole('agent');
    const { handoff } = deps.engine;

    app.get('/api/v1/triage', {
      preHandler: agentOnly,
      schema: {
        tags: ['triage'],
        summary: 'Triage items, oldest first; narrowed by state, channel, the agent who took it over (takenBy) and words (q)',
        security,
        querystring: triageFilterSchema,
        response: { 200: z.object({ items: z.array(triageItemView) }), ...authErrors },
      },
    }, async (request) => ({ items: await deps.triage.search(request.query) }));

    app.post('/api/v1/triage/:id/resolve', {
      preHandler: agentOnly,
      schema: {
        tags: ['triage'],
        summary: 'Resolve an item: pick the intent (the employee\'s dialog starts) or answer as a person (also ends a take-over of yours without a dialog)',
        security,
        params: itemParams,
        body: triageResolutionSchema,
        response: { 200: triageItemView, ...actionErrors },
      },
    }, async (request) => {
      const { id } = request.params;
      const agent = principalOf(request).person;
      if ('intent' in request.body) return deps.triage.resolve(id, agent, request.body, { via: 'api' });
      await handoff.resolve({ triageId: id, agent, note: request.body.answer, via: 'api' });
      return deps.triage.get(id);
    });

    app.post('/api/v1/triage/:id/take-over', {
      preHandler: agentOnly,
      schema: {
        tags: ['triage'],
        summary: 'Take the conversation over: the employee talks with you until you hand it back (service-desk agents only)',
        security,
        params: itemParams,
        response: { 200: triageItemView, ...actionErrors },
      },
    }, async (request) => {
      await handoff.takeOver({ triageId: request.params.id, agent: principalOf(request).person, via: 'api' });
      return deps.triage.get(request.params.id);
    });

    app.post('/api/v1/triage/:id/messages', {
      preHandler: agentOnly,
      schema: {
        tags: ['triage'],
        summary: 'Say something to the employee of a conversation you took over',
        security,
        params: itemParams,
        body: z.strictObject({ text: z.string().trim().min(1).max(4000) }),
        response: { 200: triageItemView, ...actionErrors },
      },
    }, async (request) => {
      await handoff.relay({ triageId: request.params.id, agent: principalOf(request).person, text: request.body.text });
      return deps.triage.get(request.params.id);
    });

    app.post('/api/v1/triage/:id/hand-back', {
      preHandler: agentOnly,
      schema: {
        tags: ['triage'],
        summary: 'Hand the conversation back to the assistant, optionally with the intent its dialog continues with',
        security,
        params: itemParams,
        body: z.strictObject({ intent: z.string().min(1).max(100).optional() }).nullish(),
        response: { 200: triageItemView, ...actionErrors },
      },
    }, async (request) => {
      const intent = request.body?.intent;
      await handoff.handBack({ triageId: request.params.id, agent: principalOf(request).person, via: 'api', ...(intent ? { intent } : {}) });
      return deps.triage.get(request.params.id);
    });
  };
}
