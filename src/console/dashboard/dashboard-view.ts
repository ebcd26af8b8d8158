import { html, type Html } from '../../http/pages/html.js';
import type { Report, ReportCell, ReportFigure, ReportTable } from '../../reports/report.js';

export interface DashboardInput {
  reports: Report[];
  /** The period and filters shown in the form (as asked, or the defaults). */
  form: { from: string; to: string; requestType: string; team: string };
  filters: { requestTypes: Array<{ id: string; title: string }>; teams: string[] };
  /** A period that could not be read, said above the form. */
  problem?: string | undefined;
  /** Where the charts' scripts are served. */
  scripts: string[];
  exportPath: string;
}

/**
 * The KPI dashboard: the period and filters as a GET form, then per report its headline
 * numbers and, for each table, a chart drawn from the table's data, the table itself (what a
 * screen reader reads) and a link to the same table as CSV.
 */
export function dashboardView(input: DashboardInput): Html {
  const { form } = input;
  const query = new URLSearchParams({ from: form.from, to: form.to, ...(form.requestType ? { requestType: form.requestType } : {}), ...(form.team ? { team: form.team } : {}) }).toString();
  return html`<h1>Dashboard</h1>
    ${input.problem ? html`<div role="alert" class="result problem"><p>${input.problem}</p></div>` : ''}
    <form class="report-filters" method="get" action="/console/dashboard">
      <div><label for="from">From</label><input type="date" id="from" name="from" value="${form.from}" required /></div>
      <div><label for="to">To</label><input type="date" id="to" name="to" value="${form.to}" required /></div>
      <div>
        <label for="requestType">Request type</label>
        <select id="requestType" name="requestType">
          <option value="">All request types</option>
          ${input.filters.requestTypes.map((t) => html`<option value="${t.id}" ${t.id === form.requestType ? html`selected` : ''}>${t.title}</option>`)}
        </select>
      </div>
      <div>
        <label for="team">Team</label>
        <select id="team" name="team">
          <option value="">All teams</option>
          ${input.filters.teams.map((t) => html`<option value="${t}" ${t === form.team ? html`selected` : ''}>${t}</option>`)}
        </select>
      </div>
      <button type="submit">Show</button>
    </form>
    <p class="period">From ${form.from} to ${form.to} (UTC, both days included).</p>
    ${input.reports.map((report) => reportSection(report, input.exportPath, query))}
    ${input.scripts.map((src) => html`<script src="${src}" defer></script>`)}`;
}

function reportSection(report: Report, exportPath: string, query: string): Html {
  const headingId = `report-${report.figure}`;
  return html`<section class="report" aria-labelledby="${headingId}">
    <h2 id="${headingId}">${report.title}</h2>
    <dl class="kpis">
      ${report.summary.map((f) => html`<div><dt>${f.label}</dt><dd>${figureText(f)}</dd></div>`)}
    </dl>
    ${report.tables.map((table) => tableBlock(report, table, `${exportPath}/${report.figure}/${table.id}?${query}`))}
  </section>`;
}

function tableBlock(report: Report, table: ReportTable, csvHref: string): Html {
  const id = `${report.figure}-${table.id}`;
  return html`<figure class="report-table" id="${id}">
    <div class="chart">
      <canvas role="img" aria-label="Chart of ${table.title}; the table below gives the same numbers" data-chart="${JSON.stringify(table.chart)}"></canvas>
    </div>
    <table>
      <caption>${table.title}</caption>
      <thead>
        <tr>${table.columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr>
      </thead>
      <tbody>
        ${table.rows.length === 0 ? html`<tr><td colspan="${table.columns.length}">No data in this period.</td></tr>` : ''}
        ${table.rows.map((row) => html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cellText(cell)}</th>` : html`<td>${cellText(cell)}</td>`))}</tr>`)}
      </tbody>
    </table>
    <p><a href="${csvHref}" download>Download ${table.title} as CSV</a></p>
  </figure>`;
}

function cellText(cell: ReportCell): string {
  return cell === null ? '–' : String(cell);
}

function figureText(f: ReportFigure): string {
  if (f.value === null) return '–';
  return f.unit === 'percent' ? `${f.value}%` : f.unit === 'hours' ? `${f.value} h` : String(f.value);
}
