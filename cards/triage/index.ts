import type { Reply } from '../../src/messages/reply.js';

type TriageReply = Extract<Reply, { kind: 'triage' }>;

export function triageCardData(reply: TriageReply): Record<string, unknown> {
  return {
    triageId: reply.triageId,
    requester: reply.requester,
    text: reply.text,
    transcript: reply.transcript,
    candidates: reply.candidates.map((c) => ({ label: c.label, value: c.value })),
  };
}
