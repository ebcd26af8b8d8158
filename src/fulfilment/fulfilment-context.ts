import type { RecordsContext } from '../request-records/records-context.js';
import type { ReplicaClaims } from '../replicas/replica-claims.js';
import type { TeamSlas } from '../catalog/team-slas.js';
import type { RequestRow } from '../store/repositories/request-repository.js';
import type { Repositories } from '../store/repositories.js';
import type { ApprovalRow } from '../store/repositories/approval-repository.js';
import type { FailurePolicy } from './failure-policy.js';
import type { IntegrationRegistry } from './integration.js';
import type { IntegrationPolicies } from './integration-policies.js';
import { formatRequestNumber } from '../request-records/request-number.js';

/** What the fulfilment module is built from, by the composition root. */
export interface FulfilmentContext extends RecordsContext {
  integrations: IntegrationRegistry;
  /** This replica's claims on the queued work and the steps it runs. */
  claims: ReplicaClaims;
  failurePolicy: FailurePolicy;
  /** Each integration's timeout, circuit breaker, concurrency and pause on this replica; shared with /health/integrations and /metrics. */
  integrationPolicies?: IntegrationPolicies;
  /** Holders of time-bound access are warned this long before it ends (0: not warned). */
  accessWarningMs?: number;
  /** Each team's service levels (teams.yaml); without them a task is due when its request is. */
  teams?: TeamSlas;
  /** Inserts an approval stage into a running request (the approvals module's, given by the composition root). */
  insertApprovalStage?: ApprovalStageInsert;
  /** Runs of queued work this process does at the same time. */
  concurrency?: number;
}

/** "REQ-1042 (Laptop or other hardware)", as messages name a request. */
export function describeRequest(ctx: Pick<FulfilmentContext, 'catalog'>, request: RequestRow): string {
  const title = ctx.catalog().requestType(request.requestTypeId)?.title ?? request.requestTypeId;
  return `${formatRequestNumber(request.number)} (${title})`;
}

/** Opens one more approval stage on a request, in the caller's transaction; its approvers get their cards. */
export type ApprovalStageInsert = (repos: Repositories, input: {
  request: RequestRow;
  requesterName: string;
  stageId: string;
  reason: string;
  approvers: Array<{ personId: string; role: string }>;
  at: number;
}) => Promise<ApprovalRow[]>;
