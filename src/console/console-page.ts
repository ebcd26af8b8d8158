import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, Role } from '../auth/index.js';
import type { Html } from '../http/pages/html.js';
import { pageShell, sendPage } from '../http/pages/page-shell.js';
import type { SignIn } from '../http/sign-in/sign-in.js';

/**
 * One page (or a few) of the console: its place in the navigation and who may see it. The
 * agent workspace, the team board and the dashboards are further entries in the same list.
 */
export interface ConsolePage {
  path: string;
  label: string;
  /** Any of these roles opens the page. */
  roles: Role[];
  /** Registers the page's routes in the console's scope (sessions, CSRF, form bodies, page errors). */
  register(scope: FastifyInstance, context: ConsoleContext): Promise<void> | void;
}

export interface ConsoleContext {
  /** Requires a signed-in person with one of the roles (a preHandler); sets `request.signedIn`. */
  requirePerson: SignIn['requirePerson'];
  /** Renders a page of the console for the signed-in person, with the navigation for their roles. */
  render(request: FastifyRequest, reply: FastifyReply, page: { title: string; current: string; main: Html; status?: number }): FastifyReply;
}

/** The signed-in person of a console route (behind `requirePerson`). */
export function signedInOf(request: FastifyRequest): Principal {
  if (!request.signedIn) throw new Error('console route without requirePerson');
  return request.signedIn;
}

/** The pages a person may open: those of any of their roles. */
export function pagesFor(pages: ConsolePage[], principal: Principal): ConsolePage[] {
  return pages.filter((p) => p.roles.some((r) => principal.roles.includes(r)));
}

export function consoleRenderer(pages: ConsolePage[]): ConsoleContext['render'] {
  return (request, reply, page) => {
    const principal = signedInOf(request);
    const navigation = pagesFor(pages, principal)
      .map((p) => ({ href: p.path, label: p.label, current: p.path === page.current }));
    return sendPage(
      reply,
      pageShell({
        title: page.title,
        main: page.main,
        navigation,
        signedIn: { name: principal.person.name, email: principal.person.email, csrfToken: reply.generateCsrf() },
      }),
      page.status ?? 200,
    );
  };
}
