import type { ReportDefinition } from './report.js';
import { percent } from './report-statistics.js';

/**
 * Conversations started in the period that ended without an agent (no message of theirs went
 * to the service desk), and the share of conversations whose first classified message the
 * classifier sent to triage. Request type and team filters do not apply: a conversation has none.
 */
export const deflectionReport: ReportDefinition = {
  title: 'Deflection and triage',
  async build({ read, window }) {
    const conversations = await read.conversations(window);
    const deflected = conversations.filter((c) => !c.withAgent).length;
    const firstEver = await read.firstDecisionAt(window);
    const firsts = new Map<string, string>();
    for (const d of await read.nluDecisions(window)) {
      if (!firsts.has(d.conversationId) && firstEver.get(d.conversationId) === d.at) firsts.set(d.conversationId, d.routed);
    }
    const triaged = [...firsts.values()].filter((r) => r === 'triage').length;
    const rows: Array<[string, number, number | null]> = [
      ['Conversations started', conversations.length, null],
      ['Ended without an agent (deflected)', deflected, percent(deflected, conversations.length)],
      ['Handed to an agent', conversations.length - deflected, percent(conversations.length - deflected, conversations.length)],
      ['First messages classified', firsts.size, null],
      ['First messages sent to triage', triaged, percent(triaged, firsts.size)],
    ];
    return {
      summary: [
        { label: 'Deflection rate', value: percent(deflected, conversations.length), unit: 'percent' },
        { label: 'Triage rate of first messages', value: percent(triaged, firsts.size), unit: 'percent' },
      ],
      tables: [{
        id: 'conversations', title: 'Conversations and first messages',
        columns: [{ key: 'measure', label: 'Measure' }, { key: 'count', label: 'Count' }, { key: 'sharePercent', label: 'Share (%)' }],
        rows,
        chart: { kind: 'bar', labels: ['Deflected', 'Handed to an agent', 'First message to triage'], series: [{ label: 'Share (%)', data: [rows[1]![2], rows[2]![2], rows[4]![2]] }] },
      }],
    };
  },
};
