import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FrontdoorError } from '../../shared/errors.js';
import type { RequestLifecycle } from '../../requests/request-lifecycle.js';
import { setFlash, takeFlash } from '../../http/sign-in/index.js';
import { signedInOf, type ConsoleContext, type ConsolePage } from '../console-page.js';
import { inboxView, type DenyProblem } from './inbox-view.js';

const path = '/console/approvals';

const decisionBodySchema = z.object({
  decision: z.enum(['approve', 'deny']),
  reason: z
    .string()
    .max(2000)
    .optional()
    .transform((text) => text?.trim() || undefined),
  _csrf: z.string().optional(),
});

/**
 * The approvals inbox for approvers who do not use chat: what waits for them, with each
 * request's detail; approve, or deny with a reason. The same use cases as
 * GET /api/v1/approvals and POST /api/v1/approvals/:id/decision.
 */
export function approvalsInbox(deps: { lifecycle: RequestLifecycle }): ConsolePage {
  const show = async (context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, problem?: DenyProblem) => {
    const approvals = await deps.lifecycle.pendingApprovals(signedInOf(request).person);
    const flash = problem ? undefined : takeFlash(request);
    // The result leads the title: a screen reader reads it first when the page loads after the form.
    const said = problem ? `Not done: ${problem.message}` : flash?.text;
    return context.render(request, reply, {
      title: said ? `${said} – Approvals` : 'Approvals',
      current: path,
      status: problem ? 400 : 200,
      main: inboxView({ approvals, csrfToken: reply.generateCsrf(), flash, problem }),
    });
  };

  return {
    path,
    label: 'Approvals',
    roles: ['approver'],
    register(console, context) {
      const scope = console.withTypeProvider<ZodTypeProvider>();
      scope.get(path, { preHandler: context.requirePerson('approver') }, async (request, reply) => show(context, request, reply));

      scope.post(
        `${path}/:id/decision`,
        {
          preHandler: [context.requirePerson('approver'), scope.csrfProtection],
          schema: { params: z.object({ id: z.uuid() }), body: decisionBodySchema },
        },
        async (request, reply) => {
          const { decision, reason } = request.body;
          if (decision === 'deny' && !reason) {
            return show(context, request, reply, { approvalId: request.params.id, message: 'Give a reason for denying: the requester sees it.' });
          }
          const person = signedInOf(request).person;
          try {
            const result = await deps.lifecycle.decide({
              approvalId: request.params.id,
              actor: person,
              decision,
              ...(reason ? { comment: reason } : {}),
              channel: 'api',
            });
            setFlash(request, { text: result.message, problem: false });
          } catch (error) {
            // Decided elsewhere meanwhile, withdrawn, not theirs: said on the page; anything else is ours.
            if (!(error instanceof FrontdoorError) || error.httpStatus >= 500) throw error;
            setFlash(request, { text: error.userMessage, problem: true });
          }
          return reply.redirect(path, 303);
        },
      );
    },
  };
}
