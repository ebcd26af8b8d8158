import type { ReportWindow } from '../store/repositories/report-repository.js';
import type { ReportReads } from './report-reads.js';

/** A cell of a report table: a label, a number, or nothing (no data to compute it from). */
export type ReportCell = string | number | null;

/**
 * One table of a report, with the chart that shows the same numbers: the table is the
 * accessible form and the CSV export, the chart a picture of it.
 */
export interface ReportTable {
  id: string;
  title: string;
  columns: Array<{ key: string; label: string }>;
  rows: ReportCell[][];
  chart: { kind: 'bar' | 'line'; labels: string[]; series: Array<{ label: string; data: Array<number | null> }> };
}

/** A headline number of a report (a rate, a median), with its unit. */
export interface ReportFigure {
  label: string;
  value: number | null;
  unit: 'count' | 'percent' | 'hours';
}

export interface Report {
  figure: string;
  title: string;
  summary: ReportFigure[];
  tables: ReportTable[];
}

/** What a report is asked for: the period (`from` inclusive, `to` exclusive) and the filters. */
export interface ReportQuery {
  from: Date;
  to: Date;
  requestType?: string | undefined;
  team?: string | undefined;
}

/** Names the catalog gives to what the reports count. */
export interface ReportLabels {
  requestType(id: string): string;
  /** The team that owns a request type. */
  teamOf(requestTypeId: string): string;
  /** A form step's label: the field's label, or what the summary steps are called. */
  step(requestTypeId: string, step: string | null): string;
}

/** Everything a report reads: the window's rows, the catalog's names, and the time it is asked. */
export interface ReportInput {
  read: ReportReads;
  window: ReportWindow;
  query: ReportQuery;
  labels: ReportLabels;
  now: number;
}

export interface ReportDefinition {
  title: string;
  build(input: ReportInput): Promise<Omit<Report, 'figure' | 'title'>>;
}
