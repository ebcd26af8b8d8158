import type { ReportDefinition } from './report.js';
import { countBy, percent } from './report-statistics.js';

/**
 * Forms started in the period and left unfinished (`abandoned`: quiet until the idle time ran
 * out), by request type and the step they stood at: where people give up a form.
 */
export const abandonmentReport: ReportDefinition = {
  title: 'Form abandonment',
  async build({ read, window, labels }) {
    const dialogs = await read.dialogs(window);
    const started = countBy(dialogs, (d) => d.requestTypeId);
    const abandoned = dialogs.filter((d) => d.outcome === 'abandoned');
    const key = (d: (typeof dialogs)[number]) => JSON.stringify([d.requestTypeId, d.step]);
    const rows = [...countBy(abandoned, key)].map(([k, n]) => {
      const [type, step] = JSON.parse(k) as [string, string | null];
      return { type: labels.requestType(type), step: labels.step(type, step), n, share: percent(n, started.get(type) ?? 0) };
    }).sort((a, b) => b.n - a.n || a.type.localeCompare(b.type) || a.step.localeCompare(b.step));
    return {
      summary: [
        { label: 'Forms started', value: dialogs.length, unit: 'count' },
        { label: 'Abandonment rate', value: percent(abandoned.length, dialogs.length), unit: 'percent' },
      ],
      tables: [{
        id: 'by-step', title: 'Abandoned forms by the step they stood at',
        columns: [
          { key: 'requestType', label: 'Request type' }, { key: 'step', label: 'Step' }, { key: 'abandoned', label: 'Abandoned' },
          { key: 'sharePercent', label: 'Of forms of this type started (%)' },
        ],
        rows: rows.map((r) => [r.type, r.step, r.n, r.share]),
        chart: { kind: 'bar', labels: rows.map((r) => `${r.type}: ${r.step}`), series: [{ label: 'Abandoned', data: rows.map((r) => r.n) }] },
      }],
    };
  },
};
