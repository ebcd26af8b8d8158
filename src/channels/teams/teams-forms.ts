import type { TeamsActivity } from './activity-schema.js';
import type { InvokeAnswer, TurnConnector } from './bot-framework.js';

/** The whole request form as one card in a task module (a Teams dialog). */
export class TeamsForms {
  async fetch(_activity: TeamsActivity, _connector: TurnConnector): Promise<InvokeAnswer> {
    return { status: 200, body: { task: { type: 'message', value: 'Not available yet.' } } };
  }

  async submit(_activity: TeamsActivity, _connector: TurnConnector): Promise<InvokeAnswer> {
    return { status: 200, body: { task: { type: 'message', value: 'Not available yet.' } } };
  }
}
