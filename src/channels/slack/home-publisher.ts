import type { Person } from '../../directory/person.js';
import type { RequestLifecycle } from '../../requests/request-lifecycle.js';
import { buildHomeView, type HomeInput } from './home/index.js';
import type { SlackWebClient } from './slack-web-client.js';
import type { Logger } from '../../shared/logger.js';

type Log = Pick<Logger, 'warn'>;

/** App Home: the person's open requests and pending approvals, republished whenever they change. */
export class HomePublisher {
  constructor(private readonly deps: { client: SlackWebClient; lifecycle: Pick<RequestLifecycle, 'status' | 'pendingApprovals'>; log: Log }) {}

  async publish(person: Person, slackUserId: string, page?: HomeInput['page']): Promise<void> {
    const [requests, approvals] = await Promise.all([this.deps.lifecycle.status(person, {}), this.deps.lifecycle.pendingApprovals(person)]);
    await this.deps.client.views.publish({ user_id: slackUserId, view: buildHomeView({ person, requests, approvals, ...(page ? { page } : {}) }) });
  }

  /** Home is a convenience: a failure is logged, never the caller's failure. */
  async refresh(person: Person, slackUserId: string): Promise<void> {
    try {
      await this.publish(person, slackUserId);
    } catch (error) {
      this.deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'publishing App Home failed');
    }
  }
}
