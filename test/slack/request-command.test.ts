import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from './fake-slack-api.js';
import { current, elementsOf, posted } from './slack-driver.js';
import { postCommand, startSlackApp, type SlackHarness } from './slack-harness.js';

describe('The /request slash command', () => {
  let h: SlackHarness;
  let number: string;
  let seq = 0;
  beforeAll(async () => {
    h = await startSlackApp();
    const nina = (await h.deps.directory.findByEmail('nina.petrova@example.com'))!;
    const submitted = await h.deps.lifecycle.submit({ requestTypeId: 'laptop', requester: nina, channel: 'api', fields: { model: 'macbook-air-13', reason: 'additional', 'delivery-location': 'London office' } });
    number = submitted.number;
    await h.settle();
  });
  afterAll(async () => { await h.close(); });

  /** Runs the command as `user`; returns what was answered through its response_url. */
  async function run(user: string, text: string): Promise<SlackCall[]> {
    const id = `cmd-${++seq}`;
    const res = await postCommand(h.app, {
      token: 'legacy', team_id: 'T1', channel_id: 'CGENERAL', channel_name: 'general', user_id: user, user_name: user.toLowerCase(),
      command: '/request', text, api_app_id: 'A1', response_url: h.slack.responseUrl(id), trigger_id: `trigger-${id}`,
    });
    expect(res.statusCode).toBe(200);
    await h.settle();
    return h.slack.calls.filter((c) => c.method === 'response_url' && c.responseId === id);
  }
  const shown = (calls: SlackCall[]) => calls.map((c) => `${String(c.args.text)} ${JSON.stringify(c.args.blocks)}`).join('\n');

  it('When a person asks for help, then only they see the subcommands', async () => {
    const answers = await run('UNINA', 'help');
    expect(answers.every((a) => a.args.response_type === 'ephemeral')).toBe(true);
    expect(shown(answers)).toMatch(/status \[REQ-n\]/);
    expect(shown(answers)).toMatch(/cancel REQ-n/);
  });

  it('When the requester asks for the status of a request, then they see where it is and who it waits on, privately', async () => {
    const answers = await run('UNINA', `status ${number}`);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.args.response_type).toBe('ephemeral');
    expect(shown(answers)).toContain(number);
    expect(shown(answers)).toContain('Marcus Chen');
    expect(shown(await run('UNINA', 'mine'))).toContain(number);
  });

  it('When the approver asks for their approvals, then the card comes with its buttons, privately', async () => {
    const answers = await run('UMARCUS', 'approvals');
    expect(answers.every((a) => a.args.response_type === 'ephemeral')).toBe(true);
    expect(shown(answers)).toContain(number);
    expect(shown(answers)).toContain('approval.approve');
  });

  it('When someone else tries to cancel the request, then they are refused and nothing changes', async () => {
    const answers = await run('UMARCUS', `cancel ${number}`);
    expect(shown(answers)).toMatch(/only the requester/i);
    const marcus = (await h.deps.directory.findByEmail('marcus.chen@example.com'))!;
    expect((await h.deps.lifecycle.pendingApprovals(marcus)).map((a) => a.requestNumber)).toContain(number);
  });

  it('When the requester cancels, then they are told privately and the approver\'s card says it was withdrawn', async () => {
    const answers = await run('UNINA', `cancel ${number}`);
    expect(answers[0]!.args.response_type).toBe('ephemeral');
    expect(shown(answers)).toContain(`${number} is cancelled`);
    const card = posted(h.slack.calls, 'DUMARCUS').find((m) => m.text.includes(number))!;
    const now = current(h.slack.calls, card);
    expect(elementsOf(now)).toEqual([]);
    expect(`${now.text} ${JSON.stringify(now.blocks)}`).toMatch(/withdrawn/i);
  });

  it('When the command carries free text, then the conversation starts in the DM', async () => {
    const answers = await run('USAM', 'I need a new laptop');
    expect(shown(answers)).toMatch(/direct messages/);
    const dm = posted(h.slack.calls, 'DUSAM');
    expect(dm.length).toBeGreaterThan(0);
    expect(elementsOf(dm.at(-1)!).length).toBeGreaterThan(0);
  });

  it('When someone the directory does not know runs it, then they get a clear private message', async () => {
    const answers = await run('UOUTSIDER', 'status');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.args.response_type).toBe('ephemeral');
    expect(shown(answers)).toMatch(/can.t find you in the company directory/);
  });
});
