import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../src/deps.js';
import { FakeBotConnector } from '../support/fake-bot-connector.js';
import { buildTestApp } from '../support/test-app.js';
import { FakeSlackApi } from '../slack/fake-slack-api.js';
import { people, signingSecret } from '../slack/slack-harness.js';
import { click, elementsOf, posted, say as sayInSlack } from '../slack/slack-driver.js';
import { actionsOf, cardOf, personalChatOf, say, tenantId, users, type TeamsHarness } from './teams-harness.js';
import { approvalCardInTeams, requestInTeams } from './teams-driver.js';

describe('Teams next to Slack: one person, the channel they last used, one card everywhere', () => {
  let slack: FakeSlackApi;
  let h: TeamsHarness & { deps: Deps; app: FastifyInstance };
  beforeAll(async () => {
    slack = new FakeSlackApi(people);
    await slack.start();
    const connector = new FakeBotConnector(Object.values(users));
    await connector.start();
    const built = await buildTestApp({
      name: 'teams-slack',
      env: {
        TEAMS_ENABLED: 'true',
        TEAMS_ALLOWED_TENANT_IDS: tenantId,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_API_URL: `${slack.url}/api/`,
        SLACK_API_RETRIES: '0',
      },
    });
    const settle = async () => {
      for (let i = 0; i < 3; i += 1) {
        await built.deps.slack?.idle();
        await built.deps.notifier.flush();
      }
    };
    h = {
      app: built.app,
      deps: built.deps,
      connector,
      settle,
      close: async () => {
        await built.close();
        await connector.stop();
        await slack.stop();
      },
    };
  });
  afterAll(async () => {
    await h.close();
  });

  it('When Marcus last talked in Teams, then his approval card goes there; when he approves in Slack, then the Teams copy shows the decision', async () => {
    await sayInSlack(h.app, 'UMARCUS', 'help');
    await h.settle();
    await say(h, users.marcus, 'help');
    const number = await requestInTeams(h, users.nina, 'I need a new laptop', {
      model: 'macbook-air-13',
      reason: 'additional',
      'delivery-location': 'London office, 3rd floor',
      'asset-tag': 'unknown',
      justification: 'My current laptop cannot run the finance models any more.',
    });
    const teamsCard = approvalCardInTeams(h, users.marcus, number);
    // The preferred channel only: nothing about it in his Slack DM.
    expect(posted(slack.calls, 'DUMARCUS').some((m) => m.text.includes(number))).toBe(false);

    await sayInSlack(h.app, 'UMARCUS', 'my approvals');
    await h.settle();
    const slackCard = posted(slack.calls, 'DUMARCUS').find(
      (m) => m.text.includes(number) && elementsOf(m).some((e) => e.element.action_id === 'approval.approve'),
    );
    expect(slackCard).toBeDefined();
    expect(await click(h.app, 'UMARCUS', slackCard!, 'approval.approve')).toBe(200);
    await h.settle();

    const now = h.connector.current(teamsCard);
    expect(actionsOf(cardOf(now))).toEqual([]);
    expect(JSON.stringify(cardOf(now))).toMatch(/Approved by Marcus Chen/);
    // Nina talked in Teams: she hears of it there.
    expect(JSON.stringify(h.connector.posted(personalChatOf(users.nina)).map((c) => c.body))).toMatch(new RegExp(`${number}[^"]*approved by Marcus Chen`));
  });
});
