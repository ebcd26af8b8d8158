import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Auth } from '../auth/index.js';
import { reportCsv } from '../reports/report-csv.js';
import { reportQuerySchema, resolveReportQuery } from '../reports/report-query.js';
import { reportNames, type Reports } from '../reports/reports.js';
import { NotFoundError } from '../shared/errors.js';
import { authErrors, errorBody, security } from './api-schemas.js';

const cell = z.union([z.string(), z.number(), z.null()]);

const reportView = z.object({
  figure: z.string(),
  title: z.string(),
  from: z.string().describe('First day of the period (UTC), included'),
  to: z.string().describe('Last day of the period (UTC), included'),
  requestType: z.string().optional(),
  team: z.string().optional(),
  summary: z.array(z.object({ label: z.string(), value: z.number().nullable(), unit: z.enum(['count', 'percent', 'hours']) })),
  tables: z.array(z.object({
    id: z.string(),
    title: z.string(),
    columns: z.array(z.object({ key: z.string(), label: z.string() })),
    rows: z.array(z.array(cell)),
    chart: z.object({
      kind: z.enum(['bar', 'line']),
      labels: z.array(z.string()),
      series: z.array(z.object({ label: z.string(), data: z.array(z.number().nullable()) })),
    }),
  })),
});

const querystring = reportQuerySchema.extend({
  format: z.enum(['json', 'csv']).default('json').describe('csv: one table as text/csv (the first, or the one named by `table`)'),
  table: z.string().max(50).optional().describe('With format=csv: the id of the table to export'),
});

/**
 * The dashboard's figures as data: one route per report, JSON by default, one table as CSV
 * with `format=csv`. For the service desk, auditors and catalog administrators.
 */
export function reportRoutes(deps: { reports: Reports; auth: Auth; now: () => number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/v1/reports/:figure', {
      preHandler: deps.auth.requireRole('agent', 'auditor', 'catalog-admin'),
      schema: {
        tags: ['reports'],
        summary: 'A report over a period (docs/operations.md defines each figure)',
        security,
        params: z.object({ figure: z.enum(reportNames as [string, ...string[]]) }),
        querystring,
        response: { 200: reportView.describe('The report (JSON), or with format=csv one table as text/csv'), 404: errorBody, ...authErrors },
      },
    }, async (request, reply) => {
      const { format, table: tableId, ...filters } = request.query;
      const query = resolveReportQuery(filters, deps.now());
      const report = await deps.reports.run(request.params.figure as (typeof reportNames)[number], query);
      if (format === 'csv') {
        const table = tableId ? report.tables.find((t) => t.id === tableId) : report.tables[0];
        if (!table) throw new NotFoundError(`The ${report.figure} report has no table ${tableId ?? ''}`.trim());
        const file = `${report.figure}-${table.id}-${query.firstDay}-${query.lastDay}.csv`;
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).serializer((body: string) => body)
          // Text, not the JSON the schema describes: the serializer above passes it through as it is.
          .send(reportCsv(table) as never);
      }
      return {
        ...report,
        from: query.firstDay,
        to: query.lastDay,
        ...(query.requestType ? { requestType: query.requestType } : {}),
        ...(query.team ? { team: query.team } : {}),
      };
    });
  };
}
