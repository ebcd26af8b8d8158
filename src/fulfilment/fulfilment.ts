import type { AuditChannel } from '../audit/index.js';
import type { Principal } from '../auth/index.js';
import type { Person } from '../directory/person.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import type { SlaStatus } from './task-sla.js';
import type { FulfilmentSubStatus } from '../request-records/request-status-codes.js';
import type { Repositories } from '../store/repositories.js';
import type { RequestRow } from '../store/repositories/request-repository.js';

/** Who caused a change to fulfilment, and through which channel. */
export interface FulfilmentCause {
  actorId: string;
  channel: AuditChannel;
}

/** One step of a request's plan as the rest of the system sees it. */
export interface StepProgress {
  id: string;
  title: string;
  kind: string;
  team: string | null;
  integration: string | null;
  /** waiting, pending (a team has it, or it waits for an event), running, done, skipped, failed, cancelled */
  status: string;
  subStatus: string | null;
  error: string | null;
  note: string | null;
  attempts: number;
}

/** A step that failed after its last attempt, listed for the team that owns the request type. */
export interface FailedStep extends StepProgress {
  requestNumber: string;
  requestTitle: string;
  ownerTeam: string;
  failedAt: string;
}

export interface ManualTask {
  id: string;
  requestNumber: string;
  requestTitle: string;
  requester: string;
  title: string;
  team: string;
  status: string;
  subStatus: string | null;
  /** The sub-status in the requester's words, as they were told. */
  subStatusText: string | null;
  /** YYYY-MM-DD: parts expected, or work booked. */
  subStatusDate: string | null;
  /** Awaiting the requester: what they were asked to do. */
  askedOfRequester: string | null;
  note: string | null;
  createdAt: string;
  /** When the task is due, from its team's SLA (the request's due time for a team without one). */
  dueAt: string;
  requestDueAt: string;
  sla: SlaStatus;
  /** When the task breached its SLA (recorded once), if it did. */
  breachedAt: string | null;
  assignee: { email: string; name: string } | null;
  /** An extra approval the team asked for is open: the task waits for it. */
  awaitingApproval: boolean;
}

/** A work note on a task: by whom and when; `visibleToRequester` notes are told to the requester too. */
export interface TaskNote {
  id: string;
  taskId: string;
  by: { email: string; name: string };
  at: string;
  text: string;
  visibleToRequester: boolean;
}

/** Who decides an extra approval: a named person, or the owners of the requester's cost centre. */
export type ExtraApprover = { kind: 'person'; email: string } | { kind: 'cost-centre-owner' };

/** An approver's decision on an extra approval stage of a request in fulfilment, in the approval's transaction. */
export interface ExtraApprovalDecision {
  approval: ApprovalRow;
  request: RequestRow;
  approved: boolean;
  actor: Person;
  comment: string | null;
  channel: AuditChannel;
  at: number;
}

/** A person acting on a step: a team member on their task, or the service desk. */
export interface StepAction {
  stepId: string;
  actor: Principal;
  channel: AuditChannel;
}

/**
 * What the use cases ask of fulfilment. `start` and `cancel` write in the caller's
 * transaction, so they commit (or not) with the caller's decision; the work itself runs
 * later on a worker (any replica), which the caller only wakes after its commit.
 */
export interface FulfilmentRequests {
  /**
   * Queues "start the plan of this approved request", in the name of whoever approved it; not
   * before `notBefore` when given, nor before the day its type's `fulfilment.startsOn` names.
   */
  start(repos: Repositories, request: RequestRow, by: FulfilmentCause, options?: { notBefore?: number }): Promise<void>;
  /** Cancels the steps not yet done or running, with the request. */
  cancel(repos: Repositories, request: RequestRow, by: FulfilmentCause & { reason: string; at: number }): Promise<void>;
  /** After the caller's commit: this process looks for work now instead of at its next sweep. */
  wake(): void;
  /** The request's steps, in order. */
  steps(requestId: string): Promise<StepProgress[]>;
  /**
   * An extra approval stage a team inserted into the running request was decided: approved,
   * the task goes on; denied, the task and the request fail. What to tell the requester and
   * the approver.
   */
  extraApprovalDecided(repos: Repositories, decision: ExtraApprovalDecision): Promise<{ told: string; message: string }>;
}

/**
 * The fulfilment module: plans (graphs of steps) run from a queue in the database, by a
 * worker on any replica; a plan given up is undone by compensation steps.
 */
export interface Fulfilment extends FulfilmentRequests {
  /** A team's manual tasks, open ones (and done ones when asked). */
  tasks(team: string, options?: { includeDone?: boolean }): Promise<ManualTask[]>;
  /** Open tasks taken by or given to a person, of any team, due first. */
  assignedTo(personId: string): Promise<ManualTask[]>;
  /**
   * "in progress", "awaiting parts" (with the expected date), "scheduled" (with the date),
   * "awaiting customer" (with what the requester must do): shown on the request and told to
   * the requester in plain words.
   */
  setSubStatus(input: StepAction & { subStatus: FulfilmentSubStatus; note?: string; date?: string }): Promise<ManualTask>;
  /** A team member takes the task (no `assigneeId`) or gives it to another member of the team. */
  assign(input: StepAction & { assigneeId?: string }): Promise<ManualTask>;
  /** Adds a work note; a note visible to the requester is also told to them. */
  addNote(input: StepAction & { text: string; visibleToRequester: boolean }): Promise<TaskNote>;
  /** The task's notes, oldest first. */
  notes(input: Omit<StepAction, 'channel'>): Promise<TaskNote[]>;
  /** Out of stock: awaiting parts until `expectedDate`; the request's due date moves with it; the requester is told. */
  backorder(input: StepAction & { expectedDate: string; note?: string }): Promise<ManualTask>;
  /** Beyond the standard build: an approval stage is inserted into the running request and the task waits for it. */
  askExtraApproval(input: StepAction & { approver: ExtraApprover; reason: string }): Promise<ManualTask>;
  /** Records once each open task past its SLA (audit) and tells its team; returns how many breached now. */
  recordSlaBreaches(): Promise<number>;
  /** A team's task is done, with a work note; the plan resumes on the worker. */
  complete(input: StepAction & { note: string }): Promise<ManualTask>;
  /** A team cannot do its task: the step and the request fail, and the requester is told. */
  fail(input: StepAction & { reason: string }): Promise<ManualTask>;
  /** The service desk runs a failed step again (after fixing its cause); the request goes back to fulfilment. */
  retry(input: StepAction & { reason: string }): Promise<StepProgress>;
  /** The service desk records a failed or open step as done by hand, with why; the plan resumes. */
  override(input: StepAction & { note: string }): Promise<StepProgress>;
  /** The service desk leaves a failed or open step out, with why (audited); the steps after it run. */
  skip(input: StepAction & { reason: string }): Promise<StepProgress>;
  /**
   * The service desk gives a failed request's plan up: open steps are cancelled and the done
   * steps are undone in reverse order of completion (the catalog's `compensate`); the
   * requester is told.
   */
  abandon(input: StepAction & { reason: string }): Promise<StepProgress[]>;
  /** Something the plan waits for happened (a wait step's `event`); the steps after it run. False when no step waited for it. */
  signal(requestId: string, event: string, by: FulfilmentCause): Promise<boolean>;
  /** Failed steps of the request types a team owns, with their error, for the team to retry, skip or complete by hand. */
  failedSteps(team: string): Promise<FailedStep[]>;
  /** Claims and runs what is due here, including work of a replica that died; returns how many runs. */
  sweep(): Promise<number>;
  /** Warns holders of access ending soon and removes access that has ended; returns how many grants were removed. */
  expireAccess(): Promise<number>;
  /** Resolves once this process's worker has nothing it can run now. */
  idle(): Promise<void>;
  /** Stops waking the worker; resolves when the run in progress has ended. */
  stop(): Promise<void>;
}
