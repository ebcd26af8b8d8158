import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportCsv } from '../../reports/report-csv.js';
import { reportQuerySchema, resolveReportQuery, type ReportQueryInput } from '../../reports/report-query.js';
import { reportNames, type Reports } from '../../reports/reports.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import type { ConsolePage } from '../console-page.js';
import { dashboardView } from './dashboard-view.js';

const path = '/console/dashboard';
const exportPath = `${path}/export`;
const roles = ['agent', 'auditor', 'catalog-admin'] as const;

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web');
/** The chart.js package folder, from its main file (dist/chart.js; the package exports no package.json). */
const chartPackage = resolve(dirname(fileURLToPath(import.meta.resolve('chart.js'))), '..');

/**
 * The KPI dashboard for the service desk, auditors and catalog administrators: every report
 * over a period, as charts, tables and CSV. Chart.js is served from its own package build
 * under a versioned name (cached for a year), never from a CDN; web/dashboard.js draws each
 * chart from its canvas's data attribute, so the page needs no inline script.
 */
export function dashboardPage(deps: { reports: Reports; now: () => number }): ConsolePage {
  return {
    path,
    label: 'Dashboard',
    roles: [...roles],
    async register(console, context) {
      const scope = console.withTypeProvider<ZodTypeProvider>();
      const version = (JSON.parse(await readFile(join(chartPackage, 'package.json'), 'utf8')) as { version: string }).version;
      const chartPath = `/console/assets/chart-${version}.umd.js`;
      const chartScript = await readFile(join(chartPackage, 'dist', 'chart.umd.js'), 'utf8');
      const dashboardScript = await readFile(join(webDir, 'dashboard.js'), 'utf8');
      const script = (reply: FastifyReply, body: string, cache: string) => reply.header('cache-control', cache).type('text/javascript; charset=utf-8').send(body);
      scope.get(chartPath, { schema: { hide: true } }, async (_request, reply) => script(reply, chartScript, 'public, max-age=31536000, immutable'));
      scope.get('/console/assets/dashboard.js', { schema: { hide: true } }, async (_request, reply) => script(reply, dashboardScript, 'public, max-age=3600'));

      scope.get(path, { preHandler: context.requirePerson(...roles), schema: { querystring: reportQuerySchema } }, async (request, reply) => {
        const input: ReportQueryInput = request.query;
        let problem: string | undefined;
        let query;
        try {
          query = resolveReportQuery(input, deps.now());
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          problem = `${error.userMessage}. Showing the last 30 days instead.`;
          query = resolveReportQuery({ requestType: input.requestType, team: input.team }, deps.now());
        }
        const reports = await deps.reports.runAll(query);
        return context.render(request, reply, {
          title: problem ? `Not shown: ${problem} – Dashboard` : 'Dashboard',
          current: path,
          main: dashboardView({
            reports,
            form: { from: query.firstDay, to: query.lastDay, requestType: query.requestType ?? '', team: query.team ?? '' },
            filters: deps.reports.filters(),
            problem,
            scripts: [chartPath, '/console/assets/dashboard.js'],
            exportPath,
          }),
        });
      });

      scope.get(`${exportPath}/:figure/:table`, {
        preHandler: context.requirePerson(...roles),
        schema: { params: z.object({ figure: z.enum(reportNames as [string, ...string[]]), table: z.string().max(50) }), querystring: reportQuerySchema },
      }, async (request, reply) => {
        const query = resolveReportQuery(request.query, deps.now());
        const report = await deps.reports.run(request.params.figure as (typeof reportNames)[number], query);
        const table = report.tables.find((t) => t.id === request.params.table);
        if (!table) throw new NotFoundError(`The ${report.title} report has no such table`);
        return reply
          .header('content-disposition', `attachment; filename="${report.figure}-${table.id}-${query.firstDay}-${query.lastDay}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(reportCsv(table));
      });
    },
  };
}
