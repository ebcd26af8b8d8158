import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import formBody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { html } from '../http/pages/html.js';
import { installPageErrors } from '../http/pages/page-errors.js';
import { pageStylesheetPath } from '../http/pages/page-shell.js';
import type { SignIn } from '../http/sign-in/index.js';
import type { RequestLifecycle } from '../requests/request-lifecycle.js';
import type { Fulfilment } from '../fulfilment/fulfilment.js';
import { taskBoard } from './tasks/task-board.js';
import { approvalsInbox } from './approvals/approvals-inbox.js';
import { triageWorkspace, type TriageWorkspaceDeps } from './triage/triage-workspace.js';
import type { RequestPagesDeps } from './requests/requests-deps.js';
import { requestPages } from './requests/requests-page.js';
import { dashboardPage } from './dashboard/dashboard-page.js';
import type { Reports } from '../reports/reports.js';
import { consoleRenderer, pagesFor, signedInOf, type ConsoleContext, type ConsolePage } from './console-page.js';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');

/**
 * The console under /console: server-rendered pages for the people who run the service,
 * each behind sign-in and its roles. Forms post with a CSRF token; form bodies are parsed
 * in this scope only.
 */
export function consoleRoutes(deps: { signIn: SignIn; lifecycle: RequestLifecycle; reports: Reports; now: () => number; fulfilment: Fulfilment; timeZone: string } & TriageWorkspaceDeps & RequestPagesDeps): FastifyPluginAsync {
  const pages: ConsolePage[] = [approvalsInbox(deps), triageWorkspace(deps), requestPages(deps), taskBoard(deps), dashboardPage(deps)];
  return async (app) => {
    const stylesheet = await readFile(join(webDir, 'console.css'), 'utf8');
    app.get(pageStylesheetPath, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(stylesheet),
    );

    await app.register(async (scope) => {
      installPageErrors(scope);
      await scope.register(formBody);
      const context: ConsoleContext = { requirePerson: deps.signIn.requirePerson, render: consoleRenderer(pages) };

      scope.get('/console', { preHandler: context.requirePerson() }, async (request, reply) => {
        const principal = signedInOf(request);
        const mine = pagesFor(pages, principal);
        return context.render(request, reply, {
          title: 'Console',
          current: '/console',
          main: html`<h1>Hello, ${principal.person.name}</h1>
            ${
              mine.length
                ? html`<p>What you can do here:</p>
                    <ul>
                      ${mine.map((p) => html`<li><a href="${p.path}">${p.label}</a></li>`)}
                    </ul>`
                : html`<p>Nothing in the console is for your role yet.</p>`
            }
            <p><a href="/chat">Open the chat</a> to ask for something.</p>`,
        });
      });
      for (const page of pages) await page.register(scope, context);
    });
  };
}
