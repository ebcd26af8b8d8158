import type { RequestType } from '../catalog/schema.js';
import type { Reply } from '../messages/reply.js';
import type { ChannelName } from '../messages/turn.js';
import type { Person } from '../directory/person.js';
import { NotEligibleError, ThrottledError, ValidationError, ForbiddenError, ConflictError } from '../shared/errors.js';
import type { RequestLifecycle, SubmittedRequest } from '../requests/request-lifecycle.js';

export type SubmitOutcome =
  | { kind: 'submitted'; request: SubmittedRequest; replies: Reply[] }
  /** The server found a field invalid: ask it again with the message. */
  | { kind: 'invalid-field'; fieldId: string; message: string }
  | { kind: 'refused'; replies: Reply[] };

/** Confirm: the lifecycle validates again and records the request. */
export async function submitDialog(input: { lifecycle: RequestLifecycle; requestType: RequestType; requester: Person; fields: Record<string, unknown>; channel: ChannelName; submissionKey: string }): Promise<SubmitOutcome> {
  try {
    const request = await input.lifecycle.submit({ requestTypeId: input.requestType.id, requester: input.requester, fields: input.fields, channel: input.channel, submissionKey: input.submissionKey });
    return { kind: 'submitted', request, replies: [{ kind: 'text', text: `Done: your ${input.requestType.title} request is ${request.number}. ${request.next}`.trim() }] };
  } catch (error) {
    if (error instanceof ValidationError) {
      const [fieldId, message] = Object.entries(error.fieldErrors).find(([id]) => input.requestType.fields.some((f) => f.id === id)) ?? [];
      if (fieldId) return { kind: 'invalid-field', fieldId, message: message ?? error.userMessage };
      return { kind: 'refused', replies: [{ kind: 'text', text: error.userMessage }] };
    }
    if (error instanceof NotEligibleError || error instanceof ThrottledError || error instanceof ForbiddenError || error instanceof ConflictError) {
      return { kind: 'refused', replies: [{ kind: 'text', text: error.userMessage }] };
    }
    throw error;
  }
}
