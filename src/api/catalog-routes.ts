import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Auth } from '../auth/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { RequestType } from '../catalog/schema.js';
import type { Person } from '../directory/person.js';
import { NotFoundError } from '../shared/errors.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const summaryView = z.object({
  id: z.string(), version: z.number(), title: z.string(), description: z.string(), category: z.string(),
  ownerTeam: z.string(), risk: z.string(), slaHours: z.number(),
});

const fieldView = z.object({
  id: z.string(), label: z.string(), type: z.string(), prompt: z.string(), required: z.boolean(), sensitive: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string(), description: z.string().optional() })).optional(),
  min: z.number().optional(), max: z.number().optional(), minLength: z.number().optional(), maxLength: z.number().optional(),
  pattern: z.string().optional(),
});

function summary(t: RequestType): z.infer<typeof summaryView> {
  return { id: t.id, version: t.version, title: t.title, description: t.description, category: t.category, ownerTeam: t.ownerTeam, risk: t.risk, slaHours: t.sla.hours };
}

/** What can be requested: the list, a search, and one type's fields with the options this caller may pick. */
export function catalogRoutes(deps: { catalog: Catalog; auth: Auth }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/catalog', {
      preHandler: deps.auth.requireRole('requester', 'agent', 'catalog-admin'),
      schema: {
        tags: ['catalog'], summary: 'Request types, or a search with ?q=', security,
        querystring: z.object({ q: z.string().trim().min(1).max(200).optional() }),
        response: { 200: z.object({ version: z.string(), requestTypes: z.array(summaryView) }), ...authErrors },
      },
    }, async (request) => {
      const types = request.query.q ? deps.catalog.search(request.query.q, 10) : deps.catalog.requestTypes.filter((t) => t.intake !== 'hr-only');
      return { version: deps.catalog.version, requestTypes: types.map(summary) };
    });

    app.get('/api/v1/catalog/:id', {
      preHandler: deps.auth.requireRole('requester', 'agent', 'catalog-admin'),
      schema: {
        tags: ['catalog'], summary: 'One request type with its fields (options as offered to the caller)', security,
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: summaryView.extend({ fields: z.array(fieldView) }), 404: errorBody, ...authErrors },
      },
    }, async (request) => {
      const type = deps.catalog.requestType(request.params.id);
      if (!type) throw new NotFoundError(`There is no request type ${request.params.id}`);
      const person: Person = principalOf(request).person;
      return {
        ...summary(type),
        fields: type.fields.map((f) => ({
          id: f.id, label: f.label, type: f.type, prompt: f.prompt, required: f.required, sensitive: f.sensitive,
          ...(f.options || f.lookup ? { options: deps.catalog.optionsFor(f, { requester: person, fields: {} }).map((o) => ({ value: o.value, label: o.label, ...(o.description ? { description: o.description } : {}) })) } : {}),
          ...(f.min !== undefined ? { min: f.min } : {}), ...(f.max !== undefined ? { max: f.max } : {}),
          ...(f.minLength !== undefined ? { minLength: f.minLength } : {}), ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
          ...(f.pattern ? { pattern: f.pattern } : {}),
        })),
      };
    });
  };
}
