import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Catalog } from '../../catalog/catalog.js';
import { intentLabel, intentOptions } from '../../catalog/intent-label.js';
import type { AgentHandoff } from '../../conversation/agent-handoff.js';
import type { DirectoryProvider } from '../../directory/person.js';
import { setFlash, takeFlash } from '../../http/sign-in/index.js';
import { FrontdoorError, ValidationError } from '../../shared/errors.js';
import { triageFilterSchema } from '../../triage/triage-filter.js';
import { formSoFar, serviceDeskGroup } from '../../triage/triage-queue.js';
import type { TriageService } from '../../triage/triage-service.js';
import { signedInOf, type ConsoleContext, type ConsolePage } from '../console-page.js';
import { itemView } from './item-view.js';
import { queueView, shownInQueue } from './queue-view.js';
import { transcriptItems } from './transcript-view.js';
import { csrfBody, handBackBody, itemParams, linesQuery, messageBody, noteBody } from './workspace-forms.js';

const path = '/console/triage';
const triageScriptPath = '/console/assets/triage.js';
const script = join(dirname(fileURLToPath(import.meta.url)), '../../../web/console-triage.js');

export interface TriageWorkspaceDeps {
  triage: TriageService;
  engine: { handoff: AgentHandoff };
  catalog: Catalog;
  directory: DirectoryProvider;
}

/** Intents an agent hands a conversation on with: everything but the conversation's own controls. */
const notToHandBackWith: ReadonlySet<string> = new Set(['agent', 'cancel', 'greeting']);

/**
 * The agent workspace: the triage queue, newest first, and each item with its conversation,
 * where an agent takes over, talks with the employee in whichever channel they used, hands
 * back with an intent or resolves with a note. The same use cases as /api/v1/triage.
 */
export function triageWorkspace(deps: TriageWorkspaceDeps): ConsolePage {
  const { triage, catalog, directory } = deps;
  const { handoff } = deps.engine;
  const intents = intentOptions(
    catalog,
    catalog.intents.filter((i) => !notToHandBackWith.has(i.kind)).map((i) => i.id),
  ).sort((a, b) => a.label.localeCompare(b.label));

  const nameOf = async (email: string) => (await directory.findByEmail(email))?.name ?? email;

  const showItem = async (context: ConsoleContext, request: FastifyRequest, reply: FastifyReply, id: string) => {
    const item = await triage.get(id);
    const flash = takeFlash(request);
    const employeeName = await nameOf(item.personId);
    return context.render(request, reply, {
      title: `${flash ? `${flash.text} – ` : ''}Message from ${employeeName}`,
      current: path,
      main: itemView({
        item,
        employeeName,
        agentId: signedInOf(request).person.id,
        csrfToken: reply.generateCsrf(),
        form: item.dialog ? formSoFar(catalog, item.dialog) : undefined,
        candidates: item.candidates.map((c) => ({ label: intentLabel(catalog, c.intent), confidence: c.confidence })),
        intents,
        intentLabel: (intent) => intentLabel(catalog, intent),
        flash,
      }),
    });
  };

  /** Runs an action and says on the item's page what came of it (Post/Redirect/Get). */
  const act = async (request: FastifyRequest, reply: FastifyReply, id: string, action: () => Promise<string>) => {
    try {
      setFlash(request, { text: await action(), problem: false });
    } catch (error) {
      // Taken by someone else meanwhile, already resolved, an empty message: said on the page.
      if (!(error instanceof FrontdoorError) || error.httpStatus >= 500) throw error;
      setFlash(request, { text: error.userMessage, problem: true });
    }
    return reply.redirect(`${path}/${encodeURIComponent(id)}`, 303);
  };

  return {
    path,
    label: 'Triage',
    roles: ['agent'],
    async register(console, context) {
      const scope = console.withTypeProvider<ZodTypeProvider>();
      const agent = context.requirePerson('agent');
      const posted = { preHandler: [agent, scope.csrfProtection] };
      const source = await readFile(script, 'utf8');
      scope.get(triageScriptPath, { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) =>
        reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(source),
      );

      scope.get(path, { preHandler: agent, schema: { querystring: triageFilterSchema } }, async (request, reply) => {
        const filter = request.query;
        const items = (await triage.search(filter)).reverse();
        const people = [...new Set(items.slice(0, shownInQueue).map((i) => i.personId))];
        const names = new Map(await Promise.all(people.map(async (email) => [email, await nameOf(email)] as const)));
        const desk = await directory.membersOf(serviceDeskGroup);
        return context.render(request, reply, {
          title: 'Triage queue',
          current: path,
          main: queueView({ items, filter, names, agents: desk.map((p) => ({ id: p.id, name: p.name })) }),
        });
      });

      scope.get(`${path}/:id`, { preHandler: agent, schema: { params: itemParams } }, async (request, reply) =>
        showItem(context, request, reply, request.params.id),
      );

      // What the item page's script asks every few seconds while the conversation is with an agent.
      scope.get(`${path}/:id/lines`, { preHandler: agent, schema: { params: itemParams, querystring: linesQuery } }, async (request) => {
        const item = await triage.get(request.params.id);
        const after = Math.min(request.query.after, item.transcript.length);
        return { status: item.status, count: item.transcript.length, html: transcriptItems(item.transcript.slice(after)).text };
      });

      scope.post(`${path}/:id/take-over`, { ...posted, schema: { params: itemParams, body: csrfBody } }, async (request, reply) => {
        const { id } = request.params;
        return act(request, reply, id, async () => {
          await handoff.takeOver({ triageId: id, agent: signedInOf(request).person, via: 'api' });
          return `You have the conversation: ${await nameOf((await triage.get(id)).personId)} is told you joined.`;
        });
      });

      scope.post(`${path}/:id/messages`, { ...posted, schema: { params: itemParams, body: messageBody } }, async (request, reply) => {
        const { id } = request.params;
        return act(request, reply, id, async () => {
          await handoff.relay({ triageId: id, agent: signedInOf(request).person, text: request.body.text });
          return 'Sent.';
        });
      });

      scope.post(`${path}/:id/hand-back`, { ...posted, schema: { params: itemParams, body: handBackBody } }, async (request, reply) => {
        const { id } = request.params;
        const { intent } = request.body;
        const person = signedInOf(request).person;
        return act(request, reply, id, async () => {
          const item = await triage.get(id);
          // An open item was never taken over: picking its intent is the queue's own resolution.
          if (item.status === 'open') {
            if (!intent) throw new ValidationError('Pick the intent the conversation continues with, or take it over first.', { intent: 'is required' });
            await triage.resolve(id, person, { intent }, { via: 'api' });
          } else {
            await handoff.handBack({ triageId: id, agent: person, via: 'api', ...(intent ? { intent } : {}) });
          }
          return intent ? `Handed back: the assistant continues with ${intentLabel(catalog, intent)}.` : 'Handed back to the assistant.';
        });
      });

      scope.post(`${path}/:id/resolve`, { ...posted, schema: { params: itemParams, body: noteBody } }, async (request, reply) => {
        const { id } = request.params;
        return act(request, reply, id, async () => {
          await handoff.resolve({ triageId: id, agent: signedInOf(request).person, note: request.body.note, via: 'api' });
          return 'Resolved: the employee has your note.';
        });
      });
    },
  };
}
