import type { ReportDefinition } from './report.js';
import { approvedAt, milestonesOf } from './request-milestones.js';
import { hours, median, percentile } from './report-statistics.js';

/**
 * How long requests submitted in the period took: submitted to fulfilled (the cycle), and
 * the two stages in it, submitted to approved (the approval stage) and approved to fulfilled
 * (fulfilment). Each over the requests that got that far.
 */
export const cycleTimeReport: ReportDefinition = {
  title: 'Cycle time',
  async build({ read, window }) {
    const requests = await read.requests(window);
    const milestones = milestonesOf(await read.history(window));
    const cycle: number[] = [];
    const approval: number[] = [];
    const fulfilment: number[] = [];
    for (const request of requests) {
      const m = milestones.get(request.id);
      const approved = approvedAt(m);
      const fulfilled = m?.first.get('fulfilled');
      if (fulfilled !== undefined) cycle.push(fulfilled - request.createdAt);
      if (approved !== undefined) approval.push(approved - request.createdAt);
      if (approved !== undefined && fulfilled !== undefined) fulfilment.push(fulfilled - approved);
    }
    const stages = [
      { stage: 'Submitted → fulfilled (cycle)', values: cycle },
      { stage: 'Submitted → approved (approval)', values: approval },
      { stage: 'Approved → fulfilled (fulfilment)', values: fulfilment },
    ].map((s) => ({ stage: s.stage, count: s.values.length, median: hours(median(s.values)), p90: hours(percentile(s.values, 90)) }));
    return {
      summary: [
        { label: 'Median cycle time', value: stages[0]!.median, unit: 'hours' },
        { label: '90th percentile cycle time', value: stages[0]!.p90, unit: 'hours' },
        { label: 'Requests fulfilled', value: cycle.length, unit: 'count' },
      ],
      tables: [{
        id: 'stages', title: 'Time in each stage (hours)',
        columns: [{ key: 'stage', label: 'Stage' }, { key: 'requests', label: 'Requests' }, { key: 'medianHours', label: 'Median (h)' }, { key: 'p90Hours', label: '90th percentile (h)' }],
        rows: stages.map((s) => [s.stage, s.count, s.median, s.p90]),
        chart: {
          kind: 'bar', labels: stages.map((s) => s.stage),
          series: [{ label: 'Median (h)', data: stages.map((s) => s.median) }, { label: '90th percentile (h)', data: stages.map((s) => s.p90) }],
        },
      }],
    };
  },
};
