import type { Reply } from '../../src/messages/reply.js';

type StatusReply = Extract<Reply, { kind: 'status' }>;

export function statusCardData(reply: StatusReply): Record<string, unknown> {
  const emptyText = reply.emptyText ?? 'You have no open requests.';
  return {
    emptyText,
    requests: reply.requests.map((r) => ({ ...r, due: r.due ?? null })),
    fallback: reply.requests.length
      ? reply.requests.map((r) => `${r.number} ${r.title}: ${r.status}, waiting on ${r.waitingOn}`).join('\n')
      : emptyText,
  };
}
