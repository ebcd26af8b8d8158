import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { teamsOf } from '../../auth/index.js';
import { isoToday } from '../../calendar/calendar.js';
import { formatWhen } from '../../request-records/format-time.js';
import type { Fulfilment, StepAction } from '../../fulfilment/fulfilment.js';
import { setFlash, takeFlash } from '../../http/sign-in/index.js';
import { fulfilmentSubStatuses } from '../../request-records/request-status-codes.js';
import { FrontdoorError } from '../../shared/errors.js';
import { signedInOf, type ConsoleContext, type ConsolePage } from '../console-page.js';
import { boardPath, boardView, type BoardFilter } from './board-view.js';

const filterSchema = z.object({
  view: z.enum(['team', 'mine']).catch('team').default('team'),
  team: z.string().regex(/^[a-z][a-z0-9-]*$/).optional().catch(undefined),
  sla: z.enum(['on_track', 'due_soon', 'breached']).optional().catch(undefined),
  subStatus: z.enum([...fulfilmentSubStatuses, 'awaiting_approval', 'none']).optional().catch(undefined),
});
const text = (max = 2000) => z.string().max(max).optional().transform((t) => t?.trim() || undefined);
/** Every form returns to the board view it came from, never elsewhere. */
const returnTo = z.string().max(500).regex(/^\/console\/tasks(\?[A-Za-z0-9=&_-]*)?$/).catch(boardPath).default(boardPath);
const formExtras = { _csrf: z.string().optional(), returnTo };

/**
 * The team task board for the people who fulfil requests: their teams' open tasks due
 * first with SLA status, filters, and every action of the task API (take, sub-status,
 * notes, complete, backorder, extra approval); "my work" lists the tasks they hold.
 */
export function taskBoard(deps: { fulfilment: Fulfilment; timeZone: string }): ConsolePage {
  const show = async (context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, filter: BoardFilter) => {
    const principal = signedInOf(request);
    const teams = teamsOf(principal.person);
    const shownTeams = filter.team && teams.includes(filter.team) ? [filter.team] : teams;
    const all = filter.view === 'mine'
      ? await deps.fulfilment.assignedTo(principal.person.id)
      : (await Promise.all(shownTeams.map((t) => deps.fulfilment.tasks(t)))).flat().sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const tasks = all.filter((t) => (!filter.sla || t.sla === filter.sla) && (!filter.subStatus || (t.subStatus ?? 'none') === filter.subStatus));
    const withNotes = await Promise.all(tasks.map(async (task) => ({ task, notes: await deps.fulfilment.notes({ stepId: task.id, actor: principal }) })));
    const flash = takeFlash(request);
    const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '' && !(e[0] === 'view' && e[1] === 'team'))).toString();
    return context.render(request, reply, {
      title: `${flash ? `${flash.text} – ` : ''}${filter.view === 'mine' ? 'My work' : 'Team tasks'}`,
      current: boardPath,
      main: boardView({
        filter, teams, tasks: withNotes, me: principal.person.id, today: isoToday(Date.now(), deps.timeZone),
        when: (iso) => formatWhen(Date.parse(iso), Date.now(), deps.timeZone),
        csrfToken: reply.generateCsrf(), returnTo: query ? `${boardPath}?${query}` : boardPath, flash,
      }),
    });
  };

  return {
    path: boardPath,
    label: 'Team tasks',
    roles: ['fulfiller'],
    register(console, context) {
      const scope = console.withTypeProvider<ZodTypeProvider>();
      scope.get(boardPath, { preHandler: context.requirePerson('fulfiller'), schema: { querystring: filterSchema } }, async (request, reply) => show(context, request, reply, request.query));

      /** One form: runs the use case as the signed-in person, says what happened, and returns to the board (Post/Redirect/Get). */
      const action = <S extends z.ZodObject>(what: string, fields: S, run: (body: z.infer<S>, by: StepAction) => Promise<string>) => {
        scope.post(`${boardPath}/:id/${what}`, {
          preHandler: [context.requirePerson('fulfiller'), scope.csrfProtection],
          schema: { params: z.object({ id: z.uuid() }), body: fields.extend(formExtras) },
        }, async (request, reply) => {
          const body = request.body as z.infer<S> & { returnTo: string };
          try {
            setFlash(request, { text: await run(body, { stepId: request.params.id, actor: signedInOf(request), channel: 'api' }), problem: false });
          } catch (error) {
            // Not the team's, already done, a missing date: said on the board; anything else is ours.
            if (!(error instanceof FrontdoorError) || error.httpStatus >= 500) throw error;
            setFlash(request, { text: `Not done: ${error.userMessage}`, problem: true });
          }
          return reply.redirect(body.returnTo, 303);
        });
      };

      action('take', z.object({}), async (_body, by) => `You took ${(await deps.fulfilment.assign(by)).requestNumber}.`);
      action('notes', z.object({ text: text(), visibleToRequester: z.literal('true').optional() }), async (body, by) => {
        const note = await deps.fulfilment.addNote({ ...by, text: body.text ?? '', visibleToRequester: body.visibleToRequester === 'true' });
        return note.visibleToRequester ? 'Note added; the requester has been told.' : 'Note added.';
      });
      action('complete', z.object({ note: text() }), async (body, by) => {
        const task = await deps.fulfilment.complete({ ...by, note: body.note ?? '' });
        return `Completed: ${task.title} (${task.requestNumber}).`;
      });
      action('sub-status', z.object({ subStatus: z.enum(fulfilmentSubStatuses), date: text(10), note: text() }), async (body, by) => {
        const task = await deps.fulfilment.setSubStatus({ ...by, subStatus: body.subStatus, ...(body.date ? { date: body.date } : {}), ...(body.note ? { note: body.note } : {}) });
        return `${task.requestNumber} is now ${task.subStatusText ?? 'updated'}; the requester has been told.`;
      });
      action('backorder', z.object({ expectedDate: text(10), note: text() }), async (body, by) => {
        const task = await deps.fulfilment.backorder({ ...by, expectedDate: body.expectedDate ?? '', ...(body.note ? { note: body.note } : {}) });
        return `${task.requestNumber} is backordered (${task.subStatusText}); the requester has been told.`;
      });
      action('extra-approval', z.object({ reason: text(), approver: z.enum(['cost-centre-owner', 'person']), approverEmail: text(320) }), async (body, by) => {
        const approver = body.approver === 'person' ? { kind: 'person' as const, email: body.approverEmail ?? '' } : { kind: 'cost-centre-owner' as const };
        const task = await deps.fulfilment.askExtraApproval({ ...by, reason: body.reason ?? '', approver });
        return `Extra approval asked for ${task.requestNumber}; the task waits for it.`;
      });
    },
  };
}
