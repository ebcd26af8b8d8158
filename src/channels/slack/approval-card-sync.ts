import type { RequestLifecycle } from '../../requests/request-lifecycle.js';
import type { SlackPoster } from './slack-poster.js';

interface Log {
  warn(obj: object, msg: string): void;
}

/**
 * The lifecycle, with every Slack copy of an approval card updated once a decision is made,
 * whether it came from Slack, the web chat or the API: the decider's own copies are not
 * otherwise told (other approvers' copies are, through the notifier).
 */
export function withApprovalCardSync(lifecycle: RequestLifecycle, poster: Pick<SlackPoster, 'updateApprovalCopies'>, log: Log): RequestLifecycle {
  return {
    submit: (input) => lifecycle.submit(input),
    precheck: (input) => lifecycle.precheck(input),
    status: (person, query) => lifecycle.status(person, query),
    cancel: (input) => lifecycle.cancel(input),
    pendingApprovals: (person) => lifecycle.pendingApprovals(person),
    async decide(input) {
      const result = await lifecycle.decide(input);
      if (result.card?.outcome) {
        try {
          await poster.updateApprovalCopies(result.card);
        } catch (error) {
          log.warn({ err: error instanceof Error ? error.message : String(error), approvalId: input.approvalId }, 'updating Slack approval cards failed');
        }
      }
      return result;
    },
  };
}
