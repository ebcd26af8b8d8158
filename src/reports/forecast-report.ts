import type { ReportDefinition } from './report.js';
import { monthLabel, monthStart } from './report-calendar.js';
import { round } from './report-statistics.js';

/**
 * Next month's volume by request type from the last three complete calendar months before
 * the month the period ends in (UTC), which is the month forecast: a straight line fitted to the three counts (least squares) and
 * carried one month on, which is the mean plus twice the slope, (y1 + y2 + y3) / 3 + (y3 − y1);
 * never below zero. The period's start does not matter here.
 */
export const forecastReport: ReportDefinition = {
  title: 'Volume forecast',
  async build({ read, window, labels }) {
    // The month the period ends in is the one forecast; the three before it are complete.
    const forecastMonth = monthStart(window.to);
    const months = [monthStart(forecastMonth, -3), monthStart(forecastMonth, -2), monthStart(forecastMonth, -1)];
    const requests = await read.requests({ ...window, from: months[0]!, to: forecastMonth });
    const types = [...new Set(requests.map((r) => r.requestTypeId))].sort();
    const rows = types.map((type) => {
      const counts = months.map((start, i) => requests.filter((r) => r.requestTypeId === type && r.createdAt >= start && r.createdAt < (months[i + 1] ?? forecastMonth)).length);
      const [y1, y2, y3] = counts as [number, number, number];
      return { type: labels.requestType(type), counts, forecast: Math.max(0, round((y1 + y2 + y3) / 3 + (y3 - y1), 1)) };
    });
    const heads = months.map(monthLabel);
    const target = monthLabel(forecastMonth);
    return {
      summary: [{ label: `Forecast for ${target}`, value: round(rows.reduce((sum, r) => sum + r.forecast, 0), 1), unit: 'count' }],
      tables: [{
        id: 'by-type', title: `Forecast for ${target} by request type`,
        columns: [{ key: 'requestType', label: 'Request type' }, ...heads.map((m) => ({ key: m, label: m })), { key: 'forecast', label: `Forecast ${target}` }],
        rows: rows.map((r) => [r.type, ...r.counts, r.forecast]),
        chart: { kind: 'bar', labels: rows.map((r) => r.type), series: [...heads.map((m, i) => ({ label: m, data: rows.map((r) => r.counts[i]!) })), { label: `Forecast ${target}`, data: rows.map((r) => r.forecast) }] },
      }],
    };
  },
};
