import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setFlash } from '../../http/sign-in/index.js';
import { formatRequestNumber, parseRequestNumber } from '../../request-records/request-number.js';
import { FrontdoorError, NotFoundError } from '../../shared/errors.js';
import type { Principal } from '../../auth/index.js';
import { signedInOf, type ConsoleContext } from '../console-page.js';
import { attentionPath, detailPath } from './page-parts.js';
import type { RequestPagesDeps } from './requests-deps.js';

const text = z
  .string()
  .max(2000)
  .optional()
  .transform((t) => t?.trim() ?? '');
const formBase = { _csrf: z.string().optional(), back: z.enum(['detail', 'attention']).default('detail') };
const numberParam = { number: z.string().max(40) };

/**
 * The service desk's forms on requests, each one use case the API also calls, then back to
 * the page the form was on (Post/Redirect/Get) with what happened. A refusal the use case
 * explains (a 4xx) is shown there; anything else is the pages' error policy.
 */
export function registerRequestActions(console: FastifyInstance, context: ConsoleContext, deps: RequestPagesDeps): void {
  const scope = console.withTypeProvider<ZodTypeProvider>();
  const agentsOnly = [context.requirePerson('agent'), scope.csrfProtection];

  /** Runs the action and redirects back with its result; `missing` is said instead when a required text is empty. */
  const act = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { back: 'detail' | 'attention'; number?: string; missing?: string | undefined; run: () => Promise<string> },
  ) => {
    const to = input.back === 'detail' && input.number ? detailPath(input.number) : attentionPath;
    if (input.missing) {
      setFlash(request, { text: input.missing, problem: true });
      return reply.redirect(to, 303);
    }
    try {
      setFlash(request, { text: await input.run(), problem: false });
    } catch (error) {
      if (!(error instanceof FrontdoorError) || error.httpStatus >= 500) throw error;
      setFlash(request, { text: error.userMessage, problem: true });
    }
    return reply.redirect(to, 303);
  };

  /** The request the URL names, and the step or approval it must own: a form never acts on another request's parts. */
  const requestOf = async (number: string) => {
    const n = parseRequestNumber(number);
    const row = n === undefined ? undefined : await deps.lifecycleContext.store.read.requests.findByNumber(n);
    if (!row) throw new NotFoundError(`There is no request ${number}`);
    return row;
  };
  const stepOf = async (number: string, stepId: string) => {
    const row = await requestOf(number);
    const step = (await deps.fulfilment.steps(row.id)).find((s) => s.id === stepId);
    if (!step) throw new NotFoundError(`${formatRequestNumber(row.number)} has no such step`);
    return step;
  };

  /**
   * A form on one step of the request: `field` holds what the agent must say (why, or what was
   * done instead); `run` calls the use case with it and `done` says what happened to the step.
   */
  const stepForm = (form: {
    action: string;
    field: 'reason' | 'note';
    missing: string;
    run: (input: { stepId: string; actor: Principal; text: string }) => Promise<unknown>;
    done: string;
  }) =>
    scope.post(
      `/console/requests/:number/steps/:stepId/${form.action}`,
      { preHandler: agentsOnly, schema: { params: z.object({ ...numberParam, stepId: z.uuid() }), body: z.object({ ...formBase, ...({ [form.field]: text } as Partial<Record<'reason' | 'note', typeof text>>) }) } },
      async (request, reply) => {
        const { number, stepId } = request.params;
        const said = (request.body[form.field] as string | undefined) ?? '';
        return act(request, reply, {
          back: request.body.back,
          number,
          missing: said ? undefined : form.missing,
          run: async () => {
            const step = await stepOf(number, stepId);
            await form.run({ stepId: step.id, actor: signedInOf(request), text: said });
            return `${number}: "${step.title}" ${form.done}`;
          },
        });
      },
    );

  stepForm({
    action: 'retry',
    field: 'reason',
    missing: 'Say why the step can run again now.',
    run: ({ stepId, actor, text: reason }) => deps.fulfilment.retry({ stepId, actor, reason, channel: 'api' }),
    done: 'runs again.',
  });
  stepForm({
    action: 'override',
    field: 'note',
    missing: 'Say what was done instead of the step.',
    run: ({ stepId, actor, text: note }) => deps.fulfilment.override({ stepId, actor, note, channel: 'api' }),
    done: 'is recorded as done by hand; fulfilment goes on.',
  });
  stepForm({
    action: 'skip',
    field: 'reason',
    missing: 'Say why the plan can go on without the step.',
    run: ({ stepId, actor, text: reason }) => deps.fulfilment.skip({ stepId, actor, reason, channel: 'api' }),
    done: 'is skipped; fulfilment goes on without it.',
  });

  scope.post(
    '/console/requests/:number/approvals/:approvalId/reassign',
    {
      preHandler: agentsOnly,
      schema: { params: z.object({ ...numberParam, approvalId: z.uuid() }), body: z.object({ ...formBase, to: text, reason: text }) },
    },
    async (request, reply) => {
      const { number, approvalId } = request.params;
      const { to, reason, back } = request.body;
      return act(request, reply, {
        back,
        number,
        missing: !to ? 'Give the email of the new approver.' : !reason ? 'Say why the approval moves.' : undefined,
        run: async () => {
          const row = await requestOf(number);
          const approval = await deps.lifecycleContext.store.read.approvals.findById(approvalId);
          if (!approval || approval.requestId !== row.id) throw new NotFoundError(`${number} has no such approval`);
          return (await deps.lifecycle.reassignApproval({ approvalId, actor: signedInOf(request).person, to, reason, channel: 'api' })).message;
        },
      });
    },
  );

  scope.post(
    '/console/requests/:number/route',
    { preHandler: agentsOnly, schema: { params: z.object(numberParam), body: z.object({ ...formBase, approver: text, reason: text }) } },
    async (request, reply) => {
      const { number } = request.params;
      const { approver, reason, back } = request.body;
      return act(request, reply, {
        back,
        number,
        missing: !approver ? 'Give the email of the approver.' : !reason ? 'Say why this person decides.' : undefined,
        run: async () => (await deps.lifecycle.route({ number, actor: signedInOf(request).person, approver, reason, channel: 'api' })).message,
      });
    },
  );

  scope.post(
    '/console/requests/dead-letters/:id/retry',
    { preHandler: agentsOnly, schema: { params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }), body: z.object(formBase) } },
    async (request, reply) =>
      act(request, reply, {
        back: 'attention',
        run: async () => {
          const retried = await deps.deadLetters.retry(request.params.id, signedInOf(request).person.id);
          return retried.state === 'delivered'
            ? `The notification for ${retried.personId} was delivered.`
            : `The notification for ${retried.personId} is offered again from its first attempt.`;
        },
      }),
  );
}
