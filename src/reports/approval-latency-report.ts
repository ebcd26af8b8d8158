import type { ReportApprovalRow } from '../store/repositories/report-repository.js';
import type { ReportDefinition } from './report.js';
import { groupBy, hours, median, percentile } from './report-statistics.js';

/**
 * How long approvers took, by approver group (what the approver is to the request: "your
 * manager", "security group"; the stage id when the policy names none). An approval's wait
 * starts when its stage opened: when the request asked for approval for the first stage,
 * when the previous stage's last decision came for a later one.
 */
export const approvalLatencyReport: ReportDefinition = {
  title: 'Approval latency',
  async build({ read, window }) {
    const approvals = await read.approvals(window);
    const waits: Array<{ group: string; ms: number | null }> = [];
    for (const rows of groupBy(approvals, (a) => a.requestId).values()) {
      for (const approval of rows) {
        if (approval.status === 'cancelled' || approval.status === 'waiting') continue;
        const decided = approval.decidedAt !== null && (approval.status === 'approved' || approval.status === 'denied');
        waits.push({ group: approval.approverRole ?? approval.stageId, ms: decided ? approval.decidedAt! - stageOpenedAt(approval, rows) : null });
      }
    }
    const groups = [...groupBy(waits, (w) => w.group)].map(([group, items]) => {
      const decided = items.filter((i) => i.ms !== null).map((i) => i.ms!);
      return { group, decided: decided.length, pending: items.length - decided.length, median: hours(median(decided)), p90: hours(percentile(decided, 90)) };
    }).sort((a, b) => a.group.localeCompare(b.group));
    const all = waits.filter((w) => w.ms !== null).map((w) => w.ms!);
    return {
      summary: [
        { label: 'Median approval latency', value: hours(median(all)), unit: 'hours' },
        { label: 'Approvals decided', value: all.length, unit: 'count' },
      ],
      tables: [{
        id: 'by-group', title: 'Approval latency by approver group (hours)',
        columns: [
          { key: 'group', label: 'Approver group' }, { key: 'decided', label: 'Decided' }, { key: 'pending', label: 'Still pending' },
          { key: 'medianHours', label: 'Median (h)' }, { key: 'p90Hours', label: '90th percentile (h)' },
        ],
        rows: groups.map((g) => [g.group, g.decided, g.pending, g.median, g.p90]),
        chart: { kind: 'bar', labels: groups.map((g) => g.group), series: [{ label: 'Median (h)', data: groups.map((g) => g.median) }, { label: '90th percentile (h)', data: groups.map((g) => g.p90) }] },
      }],
    };
  },
};

function stageOpenedAt(approval: ReportApprovalRow, ofRequest: ReportApprovalRow[]): number {
  const earlier = ofRequest.filter((a) => a.stageIndex < approval.stageIndex && a.decidedAt !== null).map((a) => a.decidedAt!);
  return earlier.length ? Math.max(...earlier) : approval.createdAt;
}
