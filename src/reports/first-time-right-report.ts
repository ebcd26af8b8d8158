import type { ReportDefinition } from './report.js';
import { milestonesOf } from './request-milestones.js';
import { groupBy, percent } from './report-statistics.js';

/** Audit actions of the service desk's hand on a step: each is rework. */
export const reworkActions = ['fulfilment-step.retried', 'fulfilment-step.overridden'];

/**
 * Of the requests submitted in the period and fulfilled, the share fulfilled first time
 * right: never failed, never waiting on the requester (`awaiting_customer`), submitted once,
 * and none of their steps retried or marked done by the service desk.
 */
export const firstTimeRightReport: ReportDefinition = {
  title: 'First time right',
  async build({ read, window, labels }) {
    const requests = await read.requests(window);
    const milestones = milestonesOf(await read.history(window));
    const steps = await read.steps(window);
    const reworked = new Set(await read.reworkedStepIds(window, reworkActions));
    const reworkedRequests = new Set(steps.filter((s) => reworked.has(s.id)).map((s) => s.requestId));
    const fulfilled = requests.filter((r) => milestones.get(r.id)?.first.has('fulfilled'));
    const right = (id: string) => {
      const m = milestones.get(id)!;
      return !m.failed && !m.returnedToRequester && m.submissions <= 1 && !reworkedRequests.has(id);
    };
    const rows = [...groupBy(fulfilled, (r) => r.requestTypeId)].map(([type, items]) => {
      const ok = items.filter((r) => right(r.id)).length;
      return { type: labels.requestType(type), fulfilled: items.length, ok, rate: percent(ok, items.length) };
    }).sort((a, b) => a.type.localeCompare(b.type));
    const ok = fulfilled.filter((r) => right(r.id)).length;
    return {
      summary: [
        { label: 'First-time-right rate', value: percent(ok, fulfilled.length), unit: 'percent' },
        { label: 'Requests fulfilled', value: fulfilled.length, unit: 'count' },
      ],
      tables: [{
        id: 'by-type', title: 'First time right by request type',
        columns: [{ key: 'requestType', label: 'Request type' }, { key: 'fulfilled', label: 'Fulfilled' }, { key: 'firstTimeRight', label: 'First time right' }, { key: 'ratePercent', label: 'Rate (%)' }],
        rows: rows.map((r) => [r.type, r.fulfilled, r.ok, r.rate]),
        chart: { kind: 'bar', labels: rows.map((r) => r.type), series: [{ label: 'Rate (%)', data: rows.map((r) => r.rate) }] },
      }],
    };
  },
};
