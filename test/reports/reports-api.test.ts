import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/index.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';
import {
  expectedAutomation, expectedCycle, expectedFirstTimeRight, expectedForecast, expectedSla, expectedTopAbandonment, expectedTriage, inPeriod, period, reportTime,
} from './report-expectations.js';
import { seedReports } from './report-seed.js';

interface ReportBody {
  figure: string;
  summary: Array<{ label: string; value: number | null }>;
  tables: Array<{ id: string; columns: Array<{ key: string }>; rows: Array<Array<string | number | null>>; chart: { labels: string[]; series: Array<{ data: unknown[] }> } }>;
}

let h: TestApp;
const as = async (roles: Role[]) => ({ authorization: `Bearer ${(await h.deps.tokens.create({ email: 'fatima.haddad@example.com', roles }, { id: 'cli:test', channel: 'cli' })).token}` });
let agent: Record<string, string>;

async function report(figure: string, query: Record<string, string> = {}): Promise<ReportBody> {
  const res = await h.app.inject({ url: `/api/v1/reports/${figure}?${new URLSearchParams({ ...period, ...query })}`, headers: agent });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const summary = (body: ReportBody, label: string) => body.summary.find((s) => s.label === label)?.value;
const table = (body: ReportBody, id: string) => body.tables.find((t) => t.id === id)!;
const row = (body: ReportBody, id: string, first: string) => table(body, id).rows.find((r) => r[0] === first);

beforeAll(async () => {
  h = await buildTestApp({ name: 'reports', clock: new TestClock(reportTime) });
  await seedReports(h.deps.store);
  agent = await as(['agent']);
});
afterAll(async () => {
  await h?.close();
});

describe('Reports API', () => {
  it('When an agent asks for the volume of November, then it counts the requests submitted in it by type, team and week', async () => {
    const body = await report('volume');
    expect(summary(body, 'Requests submitted')).toBe(inPeriod().length);
    expect(row(body, 'by-type', 'Laptop or other hardware')?.[1]).toBe(inPeriod((r) => r.type === 'laptop').length);
    expect(row(body, 'by-team', 'network')?.[1]).toBe(inPeriod((r) => r.team === 'network').length);
    // 2 November 2026 is a Monday: r1 and r2 fall in its week.
    expect(row(body, 'by-week', '2026-11-02')?.[1]).toBe(inPeriod((r) => r.created < '2026-11-09').length);
    expect(table(body, 'by-week').rows.map((r) => r[0])).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
  });

  it('When the period is filtered by team or request type, then only that team\'s requests count', async () => {
    expect(summary(await report('volume', { team: 'network' }), 'Requests submitted')).toBe(inPeriod((r) => r.team === 'network').length);
    expect(summary(await report('volume', { requestType: 'laptop' }), 'Requests submitted')).toBe(inPeriod((r) => r.type === 'laptop').length);
    const cycle = await report('cycle-time', { team: 'network' });
    expect(summary(cycle, 'Median cycle time')).toBe(expectedCycle((r) => r.team === 'network').median);
  });

  it('When an agent asks for cycle time, then the median and 90th percentile are those of the fulfilled requests', async () => {
    const body = await report('cycle-time');
    const expected = expectedCycle();
    expect(summary(body, 'Median cycle time')).toBe(expected.median);
    expect(summary(body, '90th percentile cycle time')).toBe(expected.p90);
    expect(row(body, 'stages', 'Submitted → fulfilled (cycle)')).toEqual(['Submitted → fulfilled (cycle)', expected.count, expected.median, expected.p90]);
  });

  it('When an agent asks for approval latency, then each approver group has its median from the moment its stage opened', async () => {
    const body = await report('approval-latency');
    // Managers decided after 4, 10, 2, 5 and 1 hours, one is still pending; security decided 2 hours after the manager.
    expect(row(body, 'by-group', 'your manager')).toEqual(['your manager', 5, 1, 4, 10]);
    expect(row(body, 'by-group', 'security group')).toEqual(['security group', 1, 0, 2, 2]);
  });

  it('When an agent asks for first time right, automation and SLA, then they match the seed', async () => {
    const ftr = expectedFirstTimeRight();
    expect(summary(await report('first-time-right'), 'First-time-right rate')).toBe(ftr.rate);
    const automation = expectedAutomation();
    const auto = await report('automation');
    expect(summary(auto, 'Automation rate')).toBe(automation.rate);
    expect(summary(auto, 'Steps done')).toBe(automation.done);
    const sla = expectedSla();
    const slaBody = await report('sla');
    expect(summary(slaBody, 'Breaches')).toBe(sla.breached);
    expect(summary(slaBody, 'SLA attainment')).toBe(sla.rate);
    expect(row(slaBody, 'by-type', 'Access to an application or shared folder')).toEqual(['Access to an application or shared folder', 1, 0, 1, 0, 0]);
  });

  it('When an agent asks for deflection, triage and confidence, then first messages and conversations are counted as documented', async () => {
    const expected = expectedTriage();
    const deflection = await report('deflection');
    expect(summary(deflection, 'Deflection rate')).toBe(expected.deflectionRate);
    expect(summary(deflection, 'Triage rate of first messages')).toBe(expected.triageRate);
    expect(row(deflection, 'conversations', 'First messages classified')?.[1]).toBe(expected.firsts);
    const nlu = await report('nlu-confidence');
    expect(summary(nlu, 'Messages classified')).toBe(expected.decisions);
    expect(summary(nlu, 'Sent to triage')).toBe(expected.decisionsToTriage);
    expect(row(nlu, 'distribution', '0.8–0.9')?.[1]).toBe(expected.decisionsAbove08);
  });

  it('When an agent asks where forms are abandoned, then the step most people gave up at leads', async () => {
    const expected = expectedTopAbandonment();
    const body = await report('abandonment');
    expect(summary(body, 'Abandonment rate')).toBe(expected.rate);
    // The laptop form's "model" field is labelled "Device" in the catalog.
    expect(table(body, 'by-step').rows[0]).toEqual(['Laptop or other hardware', 'Device', expected.n, expected.share]);
  });

  it("When an agent asks for the forecast, then next month's volume is the three months' mean with their trend", async () => {
    const body = await report('forecast');
    const laptop = expectedForecast('laptop');
    const software = expectedForecast('software');
    expect(row(body, 'by-type', 'Laptop or other hardware')).toEqual(['Laptop or other hardware', ...laptop.counts, laptop.forecast]);
    expect(row(body, 'by-type', 'Software licence')).toEqual(['Software licence', ...software.counts, software.forecast]);
    expect(table(body, 'by-type').columns.map((c) => c.key)).toEqual(['requestType', '2026-09', '2026-10', '2026-11', 'forecast']);
  });

  it('When the export is asked as CSV, then it is the same table with quoting and formula cells neutralised', async () => {
    const res = await h.app.inject({ url: `/api/v1/reports/abandonment?${new URLSearchParams({ ...period, format: 'csv' })}`, headers: agent });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="abandonment-by-step-2026-11-01-2026-11-30.csv"');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('Request type,Step,Abandoned,Of forms of this type started (%)');
    expect(lines[1]).toBe(`Laptop or other hardware,Device,${expectedTopAbandonment().n},${expectedTopAbandonment().share}`);

    // Approver groups a policy author named badly (in August, apart from November's seed): quoted, and never a formula.
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-3', '@SUM(A1)', 'Finance, "EMEA"\nteam'];
    const created = Date.parse('2026-08-03T09:00:00Z');
    await h.deps.store.transaction(async (repos) => {
      await repos.requests.insert({
        id: 'csv-request', number: 9000, requestTypeId: 'laptop', requestTypeVersion: 1, catalogVersion: 'seed', requesterId: 'ethan.brooks@example.com', channel: 'api',
        fields: {}, cost: null, status: 'approved', subStatus: null, createdAt: created, updatedAt: created, dueAt: created, closedAt: null, submissionKey: null,
      });
      await repos.approvals.insert(hostile.map((role, i) => ({
        id: `csv-approval-${i}`, requestId: 'csv-request', stageId: 's', stageIndex: 0, approverId: 'nina.petrova@example.com', approverRole: role, reason: 'x',
        status: 'approved', decidedBy: 'nina.petrova@example.com', decidedAt: created + 3_600_000, comment: null, createdAt: created, askedAt: created,
      })));
    });
    const csv = await h.app.inject({ url: '/api/v1/reports/approval-latency?from=2026-08-01&to=2026-08-31&format=csv', headers: agent });
    const rows = [
      `"'=HYPERLINK(""http://evil.example"",""x"")",1,0,1,1`,
      "'+1+2,1,0,1,1",
      "'-3,1,0,1,1",
      "'@SUM(A1),1,0,1,1",
      '"Finance, ""EMEA""\nteam",1,0,1,1',
    ];
    expect(csv.body.startsWith('Approver group,Decided,Still pending,Median (h),90th percentile (h)\r\n')).toBe(true);
    for (const line of rows) expect(csv.body).toContain(`\r\n${line}\r\n`);
    expect(csv.body.length).toBe('Approver group,Decided,Still pending,Median (h),90th percentile (h)\r\n'.length + rows.reduce((n, r) => n + r.length + 2, 0));
  });

  it('When the OpenAPI document is read, then the reports route is described with its query', async () => {
    const doc = (await h.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }> };
    const route = doc.paths['/api/v1/reports/{figure}']?.get;
    expect(route?.parameters?.map((p) => p.name).sort()).toEqual(['figure', 'format', 'from', 'requestType', 'table', 'team', 'to']);
  });

  it('When the caller has no reporting role or the period is wrong, then it is refused', async () => {
    const requester = await as(['requester']);
    expect((await h.app.inject({ url: '/api/v1/reports/volume', headers: requester })).statusCode).toBe(403);
    expect((await h.app.inject({ url: '/api/v1/reports/volume' })).statusCode).toBe(401);
    for (const roles of [['auditor'], ['catalog-admin']] as Role[][]) {
      expect((await h.app.inject({ url: '/api/v1/reports/volume', headers: await as(roles) })).statusCode).toBe(200);
    }
    expect((await h.app.inject({ url: '/api/v1/reports/volume?from=2026-12-01&to=2026-11-01', headers: agent })).statusCode).toBe(400);
    expect((await h.app.inject({ url: '/api/v1/reports/volume?from=2026-02-30', headers: agent })).statusCode).toBe(400);
    expect((await h.app.inject({ url: '/api/v1/reports/nothing', headers: agent })).statusCode).toBe(400);
    expect((await h.app.inject({ url: '/api/v1/reports/volume?format=csv&table=nope', headers: agent })).statusCode).toBe(404);
  });
});
