import type { ReportDefinition } from './report.js';
import { milestonesOf } from './request-milestones.js';
import { groupBy, percent } from './report-statistics.js';

/** Requests that end without fulfilment: no SLA applies to them. */
const noSla = new Set(['rejected', 'cancelled']);

/**
 * Requests submitted in the period, against their due time: met (fulfilled by then),
 * breached (fulfilled later, or still open past it when the report is made), or open and
 * not yet due. Attainment is met over met plus breached.
 */
export const slaReport: ReportDefinition = {
  title: 'SLA attainment',
  async build({ read, window, labels, now }) {
    const requests = (await read.requests(window)).filter((r) => !noSla.has(r.status));
    const milestones = milestonesOf(await read.history(window));
    const judged = requests.map((r) => {
      const fulfilled = milestones.get(r.id)?.first.get('fulfilled');
      const state = fulfilled !== undefined ? (fulfilled <= r.dueAt ? 'met' : 'breached') : now > r.dueAt ? 'breached' : 'open';
      return { type: r.requestTypeId, state };
    });
    const rows = [...groupBy(judged, (j) => j.type)].map(([type, items]) => {
      const met = items.filter((i) => i.state === 'met').length;
      const breached = items.filter((i) => i.state === 'breached').length;
      return { type: labels.requestType(type), total: items.length, met, breached, open: items.length - met - breached, rate: percent(met, met + breached) };
    }).sort((a, b) => a.type.localeCompare(b.type));
    const met = judged.filter((j) => j.state === 'met').length;
    const breached = judged.filter((j) => j.state === 'breached').length;
    return {
      summary: [
        { label: 'SLA attainment', value: percent(met, met + breached), unit: 'percent' },
        { label: 'Breaches', value: breached, unit: 'count' },
      ],
      tables: [{
        id: 'by-type', title: 'SLA met and breached by request type',
        columns: [
          { key: 'requestType', label: 'Request type' }, { key: 'requests', label: 'Requests' }, { key: 'met', label: 'Met' },
          { key: 'breached', label: 'Breached' }, { key: 'open', label: 'Open, not yet due' }, { key: 'attainmentPercent', label: 'Attainment (%)' },
        ],
        rows: rows.map((r) => [r.type, r.total, r.met, r.breached, r.open, r.rate]),
        chart: { kind: 'bar', labels: rows.map((r) => r.type), series: [{ label: 'Met', data: rows.map((r) => r.met) }, { label: 'Breached', data: rows.map((r) => r.breached) }] },
      }],
    };
  },
};
