import type { Catalog } from '../catalog/catalog.js';
import type { Store } from '../store/store.js';
import { abandonmentReport } from './abandonment-report.js';
import { approvalLatencyReport } from './approval-latency-report.js';
import { automationReport } from './automation-report.js';
import { cycleTimeReport } from './cycle-time-report.js';
import { deflectionReport } from './deflection-report.js';
import { firstTimeRightReport } from './first-time-right-report.js';
import { forecastReport } from './forecast-report.js';
import { nluConfidenceReport } from './nlu-confidence-report.js';
import type { Report, ReportDefinition, ReportLabels, ReportQuery } from './report.js';
import { sharedReads, type ReportReads } from './report-reads.js';
import { slaReport } from './sla-report.js';
import { volumeReport } from './volume-report.js';

/** Every report by the name the API and the dashboard use; a new figure is one line here. */
export const reportDefinitions = {
  volume: volumeReport,
  'cycle-time': cycleTimeReport,
  'approval-latency': approvalLatencyReport,
  'first-time-right': firstTimeRightReport,
  automation: automationReport,
  deflection: deflectionReport,
  abandonment: abandonmentReport,
  sla: slaReport,
  'nlu-confidence': nluConfidenceReport,
  forecast: forecastReport,
} satisfies Record<string, ReportDefinition>;

export type ReportName = keyof typeof reportDefinitions;
export const reportNames = Object.keys(reportDefinitions) as ReportName[];

/** The reports over the database, named with the catalog's words. */
export class Reports {
  constructor(private readonly deps: { store: Store; catalog: Catalog; now: () => number }) {}

  async run(name: ReportName, query: ReportQuery): Promise<Report> {
    return this.build(name, query, this.deps.store.read.reports);
  }

  /** Every report over one period (the dashboard), each set of rows read once for all of them. */
  async runAll(query: ReportQuery): Promise<Report[]> {
    const read = sharedReads(this.deps.store.read.reports);
    return Promise.all(reportNames.map((name) => this.build(name, query, read)));
  }

  private async build(name: ReportName, query: ReportQuery, read: ReportReads): Promise<Report> {
    const definition: ReportDefinition = reportDefinitions[name];
    const built = await definition.build({
      read,
      window: { from: query.from.getTime(), to: query.to.getTime(), requestTypes: this.requestTypes(query) },
      query,
      labels: this.labels(),
      now: this.deps.now(),
    });
    return { figure: name, title: definition.title, ...built };
  }

  /** The request types and teams a period can be filtered by. */
  filters(): { requestTypes: Array<{ id: string; title: string }>; teams: string[] } {
    const types = this.deps.catalog.requestTypes;
    return { requestTypes: types.map((t) => ({ id: t.id, title: t.title })), teams: [...new Set(types.map((t) => t.ownerTeam))].sort() };
  }

  /** The request types a query covers: the one named, those its team owns, or every one (undefined). */
  private requestTypes(query: ReportQuery): string[] | undefined {
    if (query.requestType === undefined && query.team === undefined) return undefined;
    return this.deps.catalog.requestTypes
      .filter((t) => (query.requestType === undefined || t.id === query.requestType) && (query.team === undefined || t.ownerTeam === query.team))
      .map((t) => t.id);
  }

  private labels(): ReportLabels {
    const { catalog } = this.deps;
    return {
      requestType: (id) => catalog.requestType(id)?.title ?? id,
      teamOf: (id) => catalog.requestType(id)?.ownerTeam ?? 'unknown',
      step: (id, step) => {
        if (step === null) return 'Unknown';
        if (step === 'summary') return 'Summary and confirm';
        if (step === 'pick-change') return 'Choosing what to change';
        return catalog.requestType(id)?.fields.find((f) => f.id === step)?.label ?? step;
      },
    };
  }
}
