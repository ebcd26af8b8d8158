import type { ReportHistoryRow } from '../store/repositories/report-repository.js';
import { groupBy } from './report-statistics.js';

/** When a request first reached each status, and whether it was ever sent back or failed. */
export interface RequestMilestones {
  /** First time at each status (`submitted`, `approved`, `fulfilled`...). */
  first: Map<string, number>;
  /** How often it was submitted: more than once is a re-submission. */
  submissions: number;
  /** A step failed so far that the request stopped (`failed`). */
  failed: boolean;
  /** It waited on the requester (`awaiting_customer`): returned for more information. */
  returnedToRequester: boolean;
}

export function milestonesOf(history: ReportHistoryRow[]): Map<string, RequestMilestones> {
  const byRequest = new Map<string, RequestMilestones>();
  for (const [requestId, rows] of groupBy(history, (h) => h.requestId)) {
    const first = new Map<string, number>();
    for (const row of rows) if (!first.has(row.toStatus)) first.set(row.toStatus, row.at);
    byRequest.set(requestId, {
      first,
      submissions: rows.filter((r) => r.toStatus === 'submitted').length,
      failed: rows.some((r) => r.toStatus === 'failed'),
      returnedToRequester: rows.some((r) => r.subStatus === 'awaiting_customer'),
    });
  }
  return byRequest;
}

/** When the approval stage ended: approved, or straight into fulfilment when nobody had to approve. */
export function approvedAt(m: RequestMilestones | undefined): number | undefined {
  if (!m) return undefined;
  const times = [m.first.get('approved'), m.first.get('in_fulfilment')].filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : undefined;
}
