import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardChange } from '../../src/messages/card-change.js';
import type { Reply } from '../../src/messages/reply.js';
import type { ChannelDelivery } from '../../src/notify/notifier.js';
import { enqueueCardChange } from '../../src/notify/outbox-notifier.js';
import { startHarness, type Harness } from './harness.js';

/** A channel at the edge of the system: records what it was handed, reaches only some people. */
class RecordingChannel implements ChannelDelivery {
  readonly delivered: Array<{ personId: string; replies: Reply[] }> = [];
  readonly changes: Array<{ personId: string; change: CardChange }> = [];
  constructor(readonly channel: 'slack' | 'webchat', private readonly reachable: Set<string>) {}
  async deliver(personId: string, replies: Reply[]): Promise<boolean> {
    if (!this.reachable.has(personId)) return false;
    this.delivered.push({ personId, replies });
    return true;
  }
  async applyCardChange(personId: string, change: CardChange): Promise<number> {
    this.changes.push({ personId, change });
    return 1;
  }
}

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

describe('outbox notifier', () => {
  it('When a person cannot be reached yet, then the message stays in the outbox and goes out once they can be (they talk to us)', async () => {
    const reachable = new Set(['dana.lee@example.com']);
    const slack = new RecordingChannel('slack', reachable);
    h.deps.notifier.register(slack);
    await h.deps.notifier.notify('dana.lee@example.com', [{ kind: 'text', text: 'hello Dana' }]);
    await h.deps.notifier.notify('ravi.shah@example.com', [{ kind: 'text', text: 'hello Ravi' }]);
    expect(slack.delivered.map((d) => d.personId)).toEqual(['dana.lee@example.com']);
    const ravi = await h.deps.store.read.outbox.forPerson('ravi.shah@example.com');
    expect(ravi.at(-1)!.deliveredAt).toBeNull();

    // Until then, flushes leave it waiting for its next attempt.
    await h.deps.notifier.flush();
    expect(slack.delivered.map((d) => d.personId)).toEqual(['dana.lee@example.com']);

    reachable.add('ravi.shah@example.com');
    await h.deps.notifier.reachable('ravi.shah@example.com');
    expect(slack.delivered.at(-1)).toEqual({ personId: 'ravi.shah@example.com', replies: [{ kind: 'text', text: 'hello Ravi' }] });
    expect((await h.deps.store.read.outbox.forPerson('ravi.shah@example.com')).at(-1)!.deliveredAt).not.toBeNull();
    await h.deps.notifier.flush();
    expect(slack.delivered.filter((d) => d.personId === 'ravi.shah@example.com')).toHaveLength(1);
  });

  const decidedCard = (approvalId: string) => ({
    kind: 'approval' as const, approvalId, requestNumber: 'REQ-9001', title: 'Laptop', requester: 'Nina Petrova', summary: [], risk: 'low', reason: 'Manager approval',
    outcome: { decision: 'approved' as const, by: 'Grace Holloway' },
  });

  it('When a card changes, then every channel is handed the change, not only the first that can reach the person', async () => {
    const person = 'lena.novak@example.com';
    const slack = new RecordingChannel('slack', new Set([person]));
    const webchat = new RecordingChannel('webchat', new Set([person]));
    h.deps.notifier.register(slack);
    h.deps.notifier.register(webchat);
    const change = { kind: 'card-changed' as const, card: decidedCard('appr-lena'), tell: false };
    await h.deps.store.transaction((repos) => enqueueCardChange(repos, person, change, Date.now()));
    await h.deps.notifier.flush();

    expect(slack.changes).toEqual([{ personId: person, change }]);
    expect(webchat.changes).toEqual([{ personId: person, change }]);
    // She made the change herself: nothing is sent to her as a message.
    expect([...slack.delivered, ...webchat.delivered].filter((d) => d.personId === person)).toEqual([]);
    expect((await h.deps.store.read.outbox.forPerson(person)).at(-1)!.deliveredAt).not.toBeNull();
  });

  it('When a card change is to be told, then every channel applies it and the card goes once, to the person\'s preferred channel', async () => {
    const person = 'omar.haddad@example.com';
    const slack = new RecordingChannel('slack', new Set([person]));
    const webchat = new RecordingChannel('webchat', new Set([person]));
    h.deps.notifier.register(webchat);
    h.deps.notifier.register(slack);
    const change = { kind: 'card-changed' as const, card: decidedCard('appr-omar'), tell: true };
    await h.deps.store.transaction((repos) => enqueueCardChange(repos, person, change, Date.now()));
    await h.deps.notifier.flush();

    expect(slack.changes.map((c) => c.personId)).toEqual([person]);
    expect(webchat.changes.map((c) => c.personId)).toEqual([person]);
    const told = [...webchat.delivered, ...slack.delivered].filter((d) => d.personId === person);
    expect(told).toEqual([{ personId: person, replies: [change.card] }]);
  });
});
