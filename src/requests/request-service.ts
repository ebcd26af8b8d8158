import { decideApproval } from '../approvals/approval-engine.js';
import { pendingApprovals } from '../approvals/pending-approvals.js';
import { reassignApproval } from '../approvals/reassign-approval.js';
import type { LifecycleContext } from './lifecycle-context.js';
import type { RequestLifecycle } from './request-lifecycle.js';
import { cancelRequest } from './cancel-request.js';
import { extendAccess } from './extend-access.js';
import { precheckRequest } from './precheck-request.js';
import { requestStatus } from './request-status.js';
import { routeRequest } from './route-request.js';
import { submitRequest } from './submit-request.js';
import { validateRequest } from './validate-request.js';

/** The RequestLifecycle: each method is one use case in its own file. */
export class RequestService implements RequestLifecycle {
  constructor(private readonly ctx: LifecycleContext) {}

  submit: RequestLifecycle['submit'] = (input) => submitRequest(this.ctx, input);
  validate: RequestLifecycle['validate'] = (input) => validateRequest(this.ctx, input);
  precheck: RequestLifecycle['precheck'] = (input) => precheckRequest(this.ctx, input);
  status: RequestLifecycle['status'] = (person, query) => requestStatus(this.ctx, person, query);
  cancel: RequestLifecycle['cancel'] = (input) => cancelRequest(this.ctx, input);
  pendingApprovals: RequestLifecycle['pendingApprovals'] = (person) => pendingApprovals(this.ctx, person);
  decide: RequestLifecycle['decide'] = (input) => decideApproval(this.ctx, input);
  reassignApproval: RequestLifecycle['reassignApproval'] = (input) => reassignApproval(this.ctx, input);
  route: RequestLifecycle['route'] = (input) => routeRequest(this.ctx, input);
  extendAccess: RequestLifecycle['extendAccess'] = (input) => extendAccess(this.ctx, input);
}
