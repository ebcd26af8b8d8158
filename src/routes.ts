import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from './deps.js';
import { peopleRoutes } from './api/people-routes.js';
import { catalogRoutes } from './api/catalog-routes.js';
import { requestRoutes } from './api/request-routes.js';
import { approvalRoutes } from './api/approval-routes.js';
import { taskRoutes } from './api/task-routes.js';
import { auditRoutes } from './api/audit-routes.js';
import { triageRoutes } from './api/triage-routes.js';
import { trainingRoutes } from './api/training-routes.js';
import { tokenRoutes } from './api/token-routes.js';
import { outboxRoutes } from './api/outbox-routes.js';
import { reconciliationRoutes } from './api/reconciliation-routes.js';
import { pageRoutes } from './channels/webchat/page-routes.js';
import { consoleRoutes } from './console/console-routes.js';
import { reportRoutes } from './api/report-routes.js';
import { hrEventRoutes } from './api/hr-event-routes.js';
import { hrHookRoutes } from './api/hr-hook/hr-hook-routes.js';

/** Every route plugin of the app, in one list: the REST API, the web pages (web chat; sign-in and the console when configured), then each channel's (src/channels/index.ts). */
export function routePlugins(deps: Deps): FastifyPluginAsync[] {
  return [
    peopleRoutes(deps.directory, deps.config),
    catalogRoutes(deps),
    requestRoutes(deps),
    approvalRoutes(deps),
    taskRoutes(deps),
    auditRoutes(deps),
    triageRoutes(deps),
    trainingRoutes(deps),
    tokenRoutes(deps),
    outboxRoutes(deps),
    reconciliationRoutes(deps),
    reportRoutes(deps),
    pageRoutes({ secure: deps.config.FRONTDOOR_MODE === 'secure', ...(deps.signIn ? { signedIn: deps.signIn.principal } : {}) }),
    ...(deps.signIn ? [deps.signIn.routes(), consoleRoutes({ ...deps, signIn: deps.signIn, timeZone: deps.config.TIME_ZONE })] : []),
    ...deps.channels.map((channel) => channel.routes()),
    hrEventRoutes(deps),
    // Joiners, movers and leavers from HR: only with a secret to check their signatures.
    ...(deps.config.HR_WEBHOOK_SECRET ? [hrHookRoutes({ secret: deps.config.HR_WEBHOOK_SECRET, context: deps.lifecycleContext })] : []),
  ];
}
