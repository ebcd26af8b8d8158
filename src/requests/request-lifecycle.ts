import type { ChannelName } from '../messages/turn.js';
import type { Reply, StatusLine } from '../messages/reply.js';
import type { Person } from '../directory/person.js';

/**
 * What the conversation engine and the REST API ask of the request lifecycle. One
 * implementation (src/requests/request-service.ts and friends); channels never reach past it.
 * Methods throw FrontdoorError subclasses (ValidationError with field errors, NotEligibleError,
 * ThrottledError, ForbiddenError, ConflictError, NotFoundError) whose userMessage is safe to show.
 */
export interface RequestLifecycle {
  /** Validates the fields again on the server, checks eligibility and throttling, records the
   * request pinned to the catalog version, builds the approval plan and starts it. */
  /**
   * `submissionKey` names what is submitting (a dialog, an API call's Idempotency-Key):
   * submitting with the same key again records nothing and answers with the request the
   * first submission recorded.
   */
  submit(input: { requestTypeId: string; requester: Person; fields: Record<string, unknown>; channel: ChannelName; submissionKey?: string }): Promise<SubmittedRequest>;
  /** The answers checked exactly as `submit` checks them (types, options for this requester,
   * limits, required visible fields, dates in TIME_ZONE), recording nothing: the cleaned fields,
   * or a ValidationError with one message per field. For forms that show errors inline. */
  validate(input: { requestTypeId: string; requester: Person; fields: Record<string, unknown> }): Promise<Record<string, unknown>>;
  /** Eligibility and throttle checks before the summary (the dialog's pre-checks). Returns a
   * message to show when the person may not ask, or undefined. */
  precheck(input: { requestTypeId: string; requester: Person; fields: Record<string, unknown> }): Promise<string | undefined>;
  /** Status of one request by number ("REQ-1042"), or of the person's open requests, or the
   * latest of a type ("where is my laptop?"). */
  status(person: Person, query: { number?: string; requestTypeId?: string; includeClosed?: boolean }): Promise<StatusLine[]>;
  cancel(input: { person: Person; number: string; reason?: string; channel: ChannelName }): Promise<{ number: string; message: string }>;
  /** Pending approvals of a person, as approval cards. */
  pendingApprovals(person: Person): Promise<Array<Extract<Reply, { kind: 'approval' }>>>;
  decide(input: { approvalId: string; actor: Person; decision: 'approve' | 'deny'; comment?: string; channel: ChannelName }): Promise<{ message: string; card?: Extract<Reply, { kind: 'approval' }> }>;
  /** The service desk moves an open approval whose approver left the directory to someone else (`to`, an email), with why. */
  reassignApproval(input: { approvalId: string; actor: Person; to: string; reason: string; channel: ChannelName }): Promise<{ message: string }>;
  /** The service desk routes a request that needs routing: stages nobody could be found for go to `approver` (an email), with why. */
  route(input: { number: string; actor: Person; approver: string; reason: string; channel: ChannelName }): Promise<{ number: string; message: string }>;
  /** The holder of time-bound access asks to keep it for the same time again (the warning's "Extend"): a request approved again, or the answer why not. */
  extendAccess(input: { grantId: string; endsAt?: string; person: Person; channel: ChannelName }): Promise<{ message: string; number?: string }>;
}

export interface SubmittedRequest {
  id: string;
  number: string;
  status: string;
  /** What happens next, in a sentence ("Waiting for Dana Lee (your manager) to approve."). */
  next: string;
}
