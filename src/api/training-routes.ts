import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Auth } from '../auth/index.js';
import type { TrainingCandidates } from '../triage/training-candidates.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const statusSchema = z.enum(['proposed', 'accepted', 'rejected']);

const candidateView = z.object({
  id: z.string(),
  text: z.string(),
  intent: z.string(),
  triageId: z.string(),
  status: statusSchema,
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
});

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Examples learnt from triage: catalog admins accept them into the training data or reject them. */
export function trainingRoutes(deps: { trainingCandidates: TrainingCandidates; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    const adminOnly = deps.auth.requireRole('catalog-admin');

    app.get('/api/v1/training/candidates', {
      preHandler: adminOnly,
      schema: {
        tags: ['training'], summary: 'Candidate training examples from resolved triage items, oldest first', security,
        querystring: z.object({ status: statusSchema.optional() }),
        response: { 200: z.object({ items: z.array(candidateView) }), ...authErrors },
      },
    }, async (request) => ({ items: await deps.trainingCandidates.list(request.query.status) }));

    for (const decision of ['accept', 'reject'] as const) {
      app.post(`/api/v1/training/candidates/:id/${decision}`, {
        preHandler: adminOnly,
        schema: {
          tags: ['training'],
          summary: decision === 'accept'
            ? 'Accept a candidate: it joins the training data and the classifier retrains in the background'
            : 'Reject a candidate: it is never used for training',
          security,
          params: idParams,
          response: { 200: candidateView, 404: errorBody, 409: errorBody, ...authErrors },
        },
      }, async (request) => deps.trainingCandidates[decision](request.params.id, principalOf(request).person));
    }
  };
}
