import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardChange } from '../../src/messages/card-change.js';
import type { Reply } from '../../src/messages/reply.js';
import type { ChannelDelivery } from '../../src/notify/notifier.js';
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
  it('When a person cannot be reached yet, then the message stays in the outbox and goes out on a later flush', async () => {
    const reachable = new Set(['dana.lee@example.com']);
    const slack = new RecordingChannel('slack', reachable);
    h.deps.notifier.register(slack);
    await h.deps.notifier.notify('dana.lee@example.com', [{ kind: 'text', text: 'hello Dana' }]);
    await h.deps.notifier.notify('ravi.shah@example.com', [{ kind: 'text', text: 'hello Ravi' }]);
    expect(slack.delivered.map((d) => d.personId)).toEqual(['dana.lee@example.com']);
    const ravi = await h.deps.store.read.outbox.forPerson('ravi.shah@example.com');
    expect(ravi.at(-1)!.deliveredAt).toBeNull();

    reachable.add('ravi.shah@example.com');
    await h.deps.notifier.flush();
    expect(slack.delivered.at(-1)).toEqual({ personId: 'ravi.shah@example.com', replies: [{ kind: 'text', text: 'hello Ravi' }] });
    expect((await h.deps.store.read.outbox.forPerson('ravi.shah@example.com')).at(-1)!.deliveredAt).not.toBeNull();
    await h.deps.notifier.flush();
    expect(slack.delivered.filter((d) => d.personId === 'ravi.shah@example.com')).toHaveLength(1);
  });
});
