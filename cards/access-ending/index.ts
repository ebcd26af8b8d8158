import type { Reply } from '../../src/messages/reply.js';

type AccessEndingReply = Extract<Reply, { kind: 'access-ending' }>;

/** The warning, and one button whose submit names the grant and the end it was warned about. */
export function accessEndingCardData(reply: AccessEndingReply): Record<string, unknown> {
  return {
    grantId: reply.grantId,
    endsAt: reply.endsAt,
    text: reply.text,
    extendNote: reply.extendNote,
    fallback: `${reply.text} ${reply.extendNote}`,
  };
}
