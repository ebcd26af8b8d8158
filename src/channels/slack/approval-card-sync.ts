import type { Person } from '../../directory/person.js';
import type { RequestLifecycle } from '../../requests/request-lifecycle.js';
import type { SlackPoster } from './slack-poster.js';

/** What the Slack side does after a decision, wherever it was made. */
export interface DecisionFollowUp {
  poster: Pick<SlackPoster, 'updateApprovalCopies'>;
  /** Filled by the Slack channel once it exists (the decider's App Home). */
  afterDecision: Array<(actor: Person) => Promise<void>>;
}

interface Log {
  warn(obj: object, msg: string): void;
}

/**
 * The lifecycle, with every Slack copy of an approval card updated (and the decider's App Home
 * republished) once a decision is made, whether it came from Slack, the web chat or the API:
 * the decider is not otherwise told (other approvers are, through the notifier).
 */
export function withApprovalCardSync(lifecycle: RequestLifecycle, slack: DecisionFollowUp, log: Log): RequestLifecycle {
  return {
    submit: (input) => lifecycle.submit(input),
    precheck: (input) => lifecycle.precheck(input),
    status: (person, query) => lifecycle.status(person, query),
    cancel: (input) => lifecycle.cancel(input),
    pendingApprovals: (person) => lifecycle.pendingApprovals(person),
    async decide(input) {
      const result = await lifecycle.decide(input);
      try {
        if (result.card?.outcome) await slack.poster.updateApprovalCopies(result.card);
        for (const follow of slack.afterDecision) await follow(input.actor);
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error), approvalId: input.approvalId }, 'updating Slack after a decision failed');
      }
      return result;
    },
  };
}
