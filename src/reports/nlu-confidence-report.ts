import type { ReportDefinition } from './report.js';
import { percent } from './report-statistics.js';

const buckets = 10;

/**
 * The classifier's confidence in its top intent for free-text messages in the period, in
 * tenths (0.0–0.1 ... 0.9–1.0; 1.0 falls in the last), and how many of each went to triage.
 * Request type and team filters do not apply.
 */
export const nluConfidenceReport: ReportDefinition = {
  title: 'Classifier confidence',
  async build({ read, window }) {
    const decisions = await read.nluDecisions(window);
    const rows = Array.from({ length: buckets }, (_, i) => ({ label: `${(i / buckets).toFixed(1)}–${((i + 1) / buckets).toFixed(1)}`, n: 0, triage: 0 }));
    for (const d of decisions) {
      const row = rows[Math.min(buckets - 1, Math.max(0, Math.floor(d.confidence * buckets)))]!;
      row.n += 1;
      if (d.routed === 'triage') row.triage += 1;
    }
    const triaged = decisions.filter((d) => d.routed === 'triage').length;
    return {
      summary: [
        { label: 'Messages classified', value: decisions.length, unit: 'count' },
        { label: 'Sent to triage', value: percent(triaged, decisions.length), unit: 'percent' },
      ],
      tables: [{
        id: 'distribution', title: 'Top-intent confidence',
        columns: [{ key: 'confidence', label: 'Confidence' }, { key: 'messages', label: 'Messages' }, { key: 'toTriage', label: 'Sent to triage' }],
        rows: rows.map((r) => [r.label, r.n, r.triage]),
        chart: { kind: 'bar', labels: rows.map((r) => r.label), series: [{ label: 'Messages', data: rows.map((r) => r.n) }, { label: 'Sent to triage', data: rows.map((r) => r.triage) }] },
      }],
    };
  },
};
