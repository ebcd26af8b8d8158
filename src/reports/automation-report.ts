import type { ReportDefinition } from './report.js';
import { groupBy, percent } from './report-statistics.js';

/**
 * Of the fulfilment steps done for requests submitted in the period, the share an
 * integration did: an integration step done by its call, not marked done by a person.
 */
export const automationReport: ReportDefinition = {
  title: 'Automation rate',
  async build({ read, window, labels }) {
    const requests = new Map((await read.requests(window)).map((r) => [r.id, r.requestTypeId]));
    const done = (await read.steps(window)).filter((s) => s.status === 'done');
    const automated = (s: (typeof done)[number]) => s.kind === 'integration' && s.completedBy === null;
    const rows = [...groupBy(done, (s) => requests.get(s.requestId) ?? '')].map(([type, steps]) => {
      const auto = steps.filter(automated).length;
      return { type: labels.requestType(type), done: steps.length, auto, manual: steps.length - auto, rate: percent(auto, steps.length) };
    }).sort((a, b) => a.type.localeCompare(b.type));
    const auto = done.filter(automated).length;
    return {
      summary: [
        { label: 'Automation rate', value: percent(auto, done.length), unit: 'percent' },
        { label: 'Steps done', value: done.length, unit: 'count' },
      ],
      tables: [{
        id: 'by-type', title: 'Steps done by integrations and by people',
        columns: [
          { key: 'requestType', label: 'Request type' }, { key: 'stepsDone', label: 'Steps done' }, { key: 'byIntegration', label: 'By integration' },
          { key: 'byPeople', label: 'By people' }, { key: 'ratePercent', label: 'Automation (%)' },
        ],
        rows: rows.map((r) => [r.type, r.done, r.auto, r.manual, r.rate]),
        chart: { kind: 'bar', labels: rows.map((r) => r.type), series: [{ label: 'By integration', data: rows.map((r) => r.auto) }, { label: 'By people', data: rows.map((r) => r.manual) }] },
      }],
    };
  },
};
