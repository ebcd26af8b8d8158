import type { Reply } from '../../src/messages/reply.js';

type SummaryReply = Extract<Reply, { kind: 'summary' }>;

export function summaryCardData(reply: SummaryReply): Record<string, unknown> {
  return {
    title: reply.title,
    requestTypeId: reply.requestTypeId,
    fields: reply.fields.map((f) => ({ label: f.label, value: f.value || '-' })),
    cost: reply.cost ?? null,
    notes: reply.notes,
    firstFieldId: reply.fields[0]?.fieldId ?? null,
    changeChoices: reply.fields.map((f) => ({ title: f.label, value: f.fieldId })),
  };
}
