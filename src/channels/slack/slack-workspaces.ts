import { z } from 'zod';
import type { SlackWebClient } from './slack-web-client.js';

const authTest = z.object({ team_id: z.string().optional(), enterprise_id: z.string().optional() }).loose();

/** What users.info says about where a Slack user belongs. */
export const slackMembership = z.object({
  team_id: z.string().optional(),
  is_stranger: z.boolean().optional(),
  enterprise_user: z.object({ enterprise_id: z.string().optional() }).loose().optional(),
}).loose();

export type SlackMembership = z.infer<typeof slackMembership>;

/**
 * Which Slack workspaces and organisations are the company's. Configured ids win; with none
 * configured, the bot token's own workspace (and its organisation) are, asked once.
 * A user from anywhere else (Slack Connect, `is_stranger`) is not an employee, whatever
 * email their profile shows.
 */
export class SlackWorkspaces {
  private own: Promise<{ teamIds: Set<string>; enterpriseIds: Set<string> }> | undefined;

  constructor(private readonly deps: { client: SlackWebClient; teamIds: readonly string[]; enterpriseIds: readonly string[] }) {}

  async admits(user: SlackMembership): Promise<boolean> {
    if (user.is_stranger) return false;
    const allowed = await this.allowed();
    const enterpriseId = user.enterprise_user?.enterprise_id;
    if (enterpriseId && allowed.enterpriseIds.has(enterpriseId)) return true;
    return user.team_id !== undefined && allowed.teamIds.has(user.team_id);
  }

  private allowed(): Promise<{ teamIds: Set<string>; enterpriseIds: Set<string> }> {
    const { teamIds, enterpriseIds } = this.deps;
    if (teamIds.length || enterpriseIds.length) return Promise.resolve({ teamIds: new Set(teamIds), enterpriseIds: new Set(enterpriseIds) });
    this.own ??= this.deps.client.auth.test().then((answer) => {
      const own = authTest.parse(answer);
      return { teamIds: new Set(own.team_id ? [own.team_id] : []), enterpriseIds: new Set(own.enterprise_id ? [own.enterprise_id] : []) };
    });
    // A failed auth.test is asked again next time rather than remembered.
    this.own.catch(() => { this.own = undefined; });
    return this.own;
  }
}
