import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { takeFlash } from '../../http/sign-in/index.js';
import { openIncidents } from '../../incidents/incident-service.js';
import { parseRequestNumber, formatRequestNumber } from '../../request-records/request-number.js';
import { needsAttention, requestsOfRequester } from '../../requests/needs-attention.js';
import { requestAuditTrail } from '../../requests/request-audit-trail.js';
import { visibleRequest } from '../../requests/request-status.js';
import { requestView } from '../../requests/request-view.js';
import { signedInOf, type ConsoleContext, type ConsolePage } from '../console-page.js';
import { attentionView, searchView } from './attention-view.js';
import { detailPath } from './page-parts.js';
import { registerRequestActions } from './request-actions.js';
import type { RequestPagesDeps } from './requests-deps.js';
import { requestDetailView, type RequestDetail } from './request-detail-view.js';

const path = '/console/requests';

/** Dead letters and incidents listed at once: the rest are behind the API's lists. */
const listLimit = 50;

/**
 * The service desk's requests: any request's detail, what needs attention with what to do
 * next, and a search by number or requester. Agents act through forms (the same use cases
 * as the API); auditors read the same pages without them.
 */
export function requestPages(deps: RequestPagesDeps): ConsolePage {
  const mayAct = (request: FastifyRequest) => signedInOf(request).roles.includes('agent');

  const showList = async (context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, query: string) => {
    const flash = takeFlash(request);
    const csrfToken = mayAct(request) ? reply.generateCsrf() : undefined;
    const titled = (title: string) => (flash ? `${flash.problem ? `Not done: ${flash.text}` : flash.text} – ${title}` : title);
    if (query) {
      const results = await requestsOfRequester(deps.lifecycleContext, query);
      return context.render(request, reply, { title: titled(`Search: ${query}`), current: path, main: searchView({ query, results, flash }) });
    }
    const [attention, deadLetters, incidents] = await Promise.all([
      needsAttention(deps.lifecycleContext),
      deps.deadLetters.list(listLimit),
      openIncidents(deps.lifecycleContext.store, listLimit),
    ]);
    return context.render(request, reply, {
      title: titled('Needs attention'),
      current: path,
      main: attentionView({ page: { attention, deadLetters, incidents }, ...(csrfToken ? { csrfToken } : {}), flash }),
    });
  };

  const detailOf = async (request: FastifyRequest, number: string): Promise<RequestDetail> => {
    const ctx = deps.lifecycleContext;
    const principal = signedInOf(request);
    const row = await visibleRequest(ctx, principal, number);
    const [view, progress, approvals, trail, grants] = await Promise.all([
      requestView(ctx, row, principal.person),
      deps.fulfilment.steps(row.id),
      ctx.store.read.approvals.listByRequest(row.id),
      requestAuditTrail(ctx, row),
      ctx.store.read.accessGrants.listByRequest(row.id),
    ]);
    const open = approvals.filter((a) => a.status === 'pending' || a.status === 'waiting');
    const left = await Promise.all(open.map(async (a) => ((await ctx.directory.findByEmail(a.approverId)) ? [] : [a.id])));
    const requestType = ctx.catalog().requestType(row.requestTypeId);
    return {
      view,
      labels: Object.fromEntries((requestType?.fields ?? []).map((f) => [f.id, f.label])),
      attempts: Object.fromEntries(progress.map((s) => [s.id, s.attempts])),
      approverLeft: new Set(left.flat()),
      trail,
      access: await Promise.all(
        grants.map(async (g) => {
          const extension = g.extensionRequestId ? await ctx.store.read.requests.findById(g.extensionRequestId) : undefined;
          return {
            group: g.groupName,
            state: g.state,
            endsAt: g.endsAt === null ? null : new Date(g.endsAt).toISOString(),
            extensionNumber: extension ? formatRequestNumber(extension.number) : null,
          };
        }),
      ),
    };
  };

  return {
    path,
    label: 'Requests',
    roles: ['agent', 'auditor'],
    register(console, context) {
      const scope = console.withTypeProvider<ZodTypeProvider>();
      const readers = context.requirePerson('agent', 'auditor');

      scope.get(
        path,
        { preHandler: readers, schema: { querystring: z.object({ view: z.enum(['attention']).optional(), q: z.string().trim().max(200).default('') }) } },
        async (request, reply) => {
          const { q } = request.query;
          // A request number opens that request.
          const number = parseRequestNumber(q) ?? (/^\d{1,9}$/.test(q) ? Number(q) : undefined);
          if (number !== undefined) return reply.redirect(detailPath(formatRequestNumber(number)), 303);
          return showList(context, request, reply, q);
        },
      );

      scope.get(`${path}/:number`, { preHandler: readers, schema: { params: z.object({ number: z.string().max(40) }) } }, async (request, reply) => {
        const detail = await detailOf(request, request.params.number);
        const flash = takeFlash(request);
        const csrfToken = mayAct(request) ? reply.generateCsrf() : undefined;
        const title = `${detail.view.number}: ${detail.view.title}`;
        return context.render(request, reply, {
          title: flash ? `${flash.problem ? `Not done: ${flash.text}` : flash.text} – ${title}` : title,
          current: path,
          main: requestDetailView({ detail, ...(csrfToken ? { csrfToken } : {}), flash }),
        });
      });

      registerRequestActions(scope, context, deps);
    },
  };
}
