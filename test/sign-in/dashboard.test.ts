import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBrowser } from '../support/http-browser.js';
import { expectedCycle, expectedTopAbandonment, inPeriod, period } from '../reports/report-expectations.js';
import { seedReports } from '../reports/report-seed.js';
import { startSignInApp, type SignInHarness } from './sign-in-harness.js';

const agent = 'carlos.mendes@example.com';
const requester = 'nina.petrova@example.com';

/** The cells of the row whose header cell is `first`, in the table captioned `caption`. */
function rowOf(page: string, caption: string, first: string): string[] {
  const table = page.slice(page.indexOf(`<caption>${caption}</caption>`));
  const row = new RegExp(`<tr><th scope="row">${first.replace(/[()]/g, '\\$&')}</th>((?:<td>[^<]*</td>)*)</tr>`).exec(table.slice(0, table.indexOf('</table>')));
  return row ? [...row[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]!) : [];
}

describe('The dashboard in the browser', () => {
  let h: SignInHarness;
  let browser: HttpBrowser;
  beforeAll(async () => {
    h = await startSignInApp();
    await seedReports(h.deps.store);
    browser = new HttpBrowser();
    await browser.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole%2Fdashboard`, agent);
  });
  afterAll(async () => {
    await h?.close();
  });

  const open = async (query: Record<string, string>) => {
    const res = await browser.request(`${h.origin}/console/dashboard?${new URLSearchParams(query)}`);
    return { res, text: await res.text() };
  };

  it('When an agent opens the dashboard for November, then every table shows the seed\'s figures and the charts carry the same data', async () => {
    const { res, text } = await open(period);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(text).toContain('<input type="date" id="from" name="from" value="2026-11-01" required />');
    expect(rowOf(text, 'Requests by type', 'Laptop or other hardware')).toEqual([String(inPeriod((r) => r.type === 'laptop').length)]);
    const cycle = expectedCycle();
    expect(rowOf(text, 'Time in each stage (hours)', 'Submitted → fulfilled (cycle)')).toEqual([String(cycle.count), String(cycle.median), String(cycle.p90)]);
    const top = expectedTopAbandonment();
    expect(rowOf(text, 'Abandoned forms by the step they stood at', 'Laptop or other hardware')).toEqual(['Device', String(top.n), String(top.share)]);
    expect(text).toMatch(/<canvas role="img" aria-label="Chart of Requests by type[^"]*" data-chart="\{&quot;kind&quot;:&quot;bar&quot;/);
    expect(text).toContain(`<script src="/console/assets/dashboard.js" defer></script>`);
  });

  it('When the team filter is chosen, then the figures are that team\'s', async () => {
    const { text } = await open({ ...period, team: 'network' });
    expect(text).toContain('<option value="network" selected>network</option>');
    expect(rowOf(text, 'Requests by owning team', 'network')).toEqual([String(inPeriod((r) => r.team === 'network').length)]);
    expect(text).not.toContain('<th scope="row">it-hardware</th>');
  });

  it('When the agent follows a table\'s CSV link, then the same table downloads as CSV', async () => {
    const { text } = await open(period);
    const href = /href="(\/console\/dashboard\/export\/volume\/by-type\?[^"]+)"/.exec(text)![1]!.replace(/&amp;/g, '&');
    const res = await browser.request(`${h.origin}${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await res.text();
    expect(csv.split('\r\n')).toContain(`Laptop or other hardware,${inPeriod((r) => r.type === 'laptop').length}`);
  });

  it('When the period is upside down, then the page says so and shows the default period', async () => {
    const { res, text } = await open({ from: '2026-11-30', to: '2026-11-01' });
    expect(res.status).toBe(200);
    expect(text).toContain('<div role="alert" class="result problem"><p>The period starts after it ends. Showing the last 30 days instead.</p></div>');
  });

  it('When the scripts are fetched, then Chart.js comes from our own origin with a long cache', async () => {
    const { text } = await open(period);
    const chart = /<script src="(\/console\/assets\/chart-[0-9.]+\.umd\.js)"/.exec(text)![1]!;
    const res = await fetch(`${h.origin}${chart}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toContain('Chart');
  });

  it('When someone without a reporting role signs in, then the dashboard is refused and not in their navigation', async () => {
    const other = new HttpBrowser();
    await other.signIn(`${h.origin}/sign-in?returnTo=%2Fconsole`, requester);
    const res = await other.request(`${h.origin}/console/dashboard`);
    expect(res.status).toBe(403);
    const home = await (await other.request(`${h.origin}/console`)).text();
    expect(home).not.toContain('href="/console/dashboard"');
  });
});
