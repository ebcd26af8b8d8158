import type { ReportDefinition } from './report.js';
import { weekOf, weeksBetween } from './report-calendar.js';
import { countBy } from './report-statistics.js';

/** Requests submitted in the period: by request type, by owning team, and by week. */
export const volumeReport: ReportDefinition = {
  title: 'Request volume',
  async build({ read, window, labels }) {
    const requests = await read.requests(window);
    const byType = [...countBy(requests, (r) => r.requestTypeId)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const byTeam = [...countBy(requests, (r) => labels.teamOf(r.requestTypeId))].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const perWeek = countBy(requests, (r) => weekOf(r.createdAt));
    const weeks = weeksBetween(window.from, window.to).map((week) => [week, perWeek.get(week) ?? 0] as const);
    return {
      summary: [{ label: 'Requests submitted', value: requests.length, unit: 'count' }],
      tables: [
        {
          id: 'by-type', title: 'Requests by type',
          columns: [{ key: 'requestType', label: 'Request type' }, { key: 'requests', label: 'Requests' }],
          rows: byType.map(([id, n]) => [labels.requestType(id), n]),
          chart: { kind: 'bar', labels: byType.map(([id]) => labels.requestType(id)), series: [{ label: 'Requests', data: byType.map(([, n]) => n) }] },
        },
        {
          id: 'by-team', title: 'Requests by owning team',
          columns: [{ key: 'team', label: 'Team' }, { key: 'requests', label: 'Requests' }],
          rows: byTeam.map(([team, n]) => [team, n]),
          chart: { kind: 'bar', labels: byTeam.map(([team]) => team), series: [{ label: 'Requests', data: byTeam.map(([, n]) => n) }] },
        },
        {
          id: 'by-week', title: 'Requests by week (week starting Monday, UTC)',
          columns: [{ key: 'week', label: 'Week of' }, { key: 'requests', label: 'Requests' }],
          rows: weeks.map(([week, n]) => [week, n]),
          chart: { kind: 'line', labels: weeks.map(([week]) => week), series: [{ label: 'Requests', data: weeks.map(([, n]) => n) }] },
        },
      ],
    };
  },
};
