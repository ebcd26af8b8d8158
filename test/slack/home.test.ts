import { beforeAll, describe, expect, it } from 'vitest';
import { Actions } from '../../src/messages/actions.js';
import type { Reply, StatusLine } from '../../src/messages/reply.js';
import type { Person } from '../../src/directory/person.js';
import { loadFileDirectory } from '../../src/directory/file-directory.js';
import { actionValuesFrom, sharedActionId, SlackActions } from '../../src/channels/slack/blocks/index.js';
import { buildHomeView, HomeLists, type HomeInput } from '../../src/channels/slack/home/index.js';
import { blockProblems, hasSlackControlSequence, interactiveElements, mrkdwnTexts } from './blocks-shape.js';

type Json = Record<string, unknown>;
type ApprovalReply = Extract<Reply, { kind: 'approval' }>;

let dana: Person;
beforeAll(async () => {
  const directory = await loadFileDirectory('integrations/sample-directory/people.yaml');
  dana = (await directory.findByEmail('dana.lee@example.com'))!;
});

const line = (i: number, over: Partial<StatusLine> = {}): StatusLine => ({
  number: `REQ-${i}`, title: `Request ${i}`, status: 'in_fulfilment', step: 'Allocate from stock', waitingOn: 'IT hardware team', due: '2026-01-09 17:00', overdue: false, ...over,
});
const approval = (i: number, over: Partial<ApprovalReply> = {}): ApprovalReply => ({
  kind: 'approval', approvalId: `apr-${i}`, requestNumber: `REQ-${100 + i}`, title: 'Access to an application', requester: 'Sam Patel',
  summary: [{ label: 'System', value: 'GitHub' }, { label: 'Level', value: 'Admin' }], risk: 'medium', reason: 'You are Sam Patel\'s manager.', ...over,
});

function home(input: Omit<HomeInput, 'person'>) {
  const view = buildHomeView({ person: dana, ...input });
  expect(view.type).toBe('home');
  expect(blockProblems(view.blocks, 'home')).toEqual([]);
  return view.blocks as unknown as Json[];
}

const clickAll = (blocks: Json[], id: string) => interactiveElements(blocks)
  .filter(({ element }) => sharedActionId(String(element.action_id)) === id)
  .map(({ block, element }) => actionValuesFrom({ type: element.type, action_id: element.action_id, block_id: block.block_id, value: element.value }));

describe('App Home', () => {
  it('When there is nothing open, then Home greets the person, offers a new request and says both lists are empty', () => {
    const blocks = home({ requests: [], approvals: [] });
    const all = JSON.stringify(blocks);
    expect(all).toContain('Dana Lee');
    expect(all).toContain('You have no open requests');
    expect(all).toContain('Nothing is waiting for your approval');
    expect(clickAll(blocks, SlackActions.openCatalog)).toEqual([{ id: SlackActions.openCatalog, values: {} }]);
    expect(clickAll(blocks, Actions.approve)).toEqual([]);
  });

  it('When there are requests and approvals, then each request shows status, step, whom it waits on and due, and each approval has working buttons', () => {
    const blocks = home({
      requests: [line(1), line(2, { overdue: true })],
      approvals: [approval(1), approval(2, { risk: 'high', cost: '2499.00 EUR' }), approval(3, { outcome: { decision: 'approved', by: 'Dana Lee' } })],
    });
    const all = JSON.stringify(blocks);
    for (const shown of ['REQ-1', 'REQ-2', 'in_fulfilment', 'Allocate from stock', 'IT hardware team', '2026-01-09 17:00', 'Overdue', 'REQ-101', 'GitHub', '2499.00 EUR']) {
      expect(all).toContain(shown);
    }
    expect(clickAll(blocks, Actions.approve)).toEqual([
      { id: Actions.approve, values: { approvalId: 'apr-1' } },
      { id: Actions.approve, values: { approvalId: 'apr-2' } },
    ]);
    expect(clickAll(blocks, Actions.deny).map((a) => a?.values.approvalId)).toEqual(['apr-1', 'apr-2']);
    const approves = interactiveElements(blocks).filter(({ element }) => element.action_id === Actions.approve).map(({ element }) => element);
    expect(approves.map((b) => b.confirm !== undefined)).toEqual([false, true]);
    expect(all).not.toContain('REQ-103');
  });

  it('When there are 60 requests and 40 approvals, then Home stays within 100 blocks and "Show more" pages each list', () => {
    const requests = Array.from({ length: 60 }, (_, i) => line(i + 1));
    const approvals = Array.from({ length: 40 }, (_, i) => approval(i + 1));
    const first = home({ requests, approvals });
    expect(first.length).toBeLessThanOrEqual(100);
    expect(clickAll(first, SlackActions.showMore).map((a) => a?.values)).toEqual([
      { list: HomeLists.requests, page: 2 },
      { list: HomeLists.approvals, page: 2 },
    ]);
    expect(JSON.stringify(first)).toContain('*REQ-30*');
    expect(JSON.stringify(first)).not.toContain('*REQ-31*');
    const later = home({ requests, approvals, page: { requests: 2, approvals: 3 } });
    const all = JSON.stringify(later);
    expect(all).toContain('*REQ-31*');
    expect(all).toContain('*REQ-60*');
    expect(all).not.toContain('*REQ-30*');
    expect(all).toContain('*REQ-140*');
    expect(all).not.toContain('*REQ-130*');
    expect(clickAll(later, SlackActions.showMore)).toEqual([]);
  });

  it('When request titles, names or reasons hold mentions or links, then Home shows them inert', () => {
    const evil = '<!channel> <https://evil.example|click> <@U123>';
    const blocks = home({
      requests: [line(1, { title: evil, waitingOn: evil, step: evil })],
      approvals: [approval(1, { title: evil, requester: evil, reason: evil, summary: [{ label: evil, value: evil }] })],
    });
    const texts = mrkdwnTexts(blocks);
    expect(texts.filter(hasSlackControlSequence)).toEqual([]);
    expect(texts.join(' ')).toContain('&lt;!channel&gt;');
  });
});
