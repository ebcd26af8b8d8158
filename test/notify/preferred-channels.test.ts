import { describe, expect, it } from 'vitest';
import { inPreferredOrder, preferredChannels } from '../../src/notify/preferred-channels.js';

const relayed = { kind: 'text' as const, text: 'Is it fixed yet?', relayToAgent: { triageId: 't1', thread: { channel: 'slack', conversationId: 'slack:C1:1.1', channelId: 'C1', ts: '1.1' } } };

describe('the preferred channel of a person', () => {
  const cases: Array<{ name: string; replies: Parameters<typeof preferredChannels>[0]; recent: string[]; expected: string[] }> = [
    { name: 'a plain message goes where the person talked last', replies: [{ kind: 'text', text: 'REQ-1 was approved' }], recent: ['webchat', 'slack'], expected: ['webchat', 'slack'] },
    { name: 'a person who never talked to us has no preference', replies: [{ kind: 'text', text: 'hi' }], recent: [], expected: [] },
    { name: 'words for an agent go to the channel of the agent\'s thread first', replies: [relayed], recent: ['webchat', 'slack'], expected: ['slack', 'webchat'] },
  ];
  for (const c of cases) {
    it(`When ${c.name}, then the order is ${c.expected.join(', ') || 'empty'}`, () => {
      expect(preferredChannels(c.replies, c.recent)).toEqual(c.expected);
    });
  }

  it('When channels are ordered, then preferred ones come first and the rest keep their registration order', () => {
    const channels = [{ channel: 'webchat' }, { channel: 'slack' }, { channel: 'teams' }];
    expect(inPreferredOrder(channels, ['teams']).map((c) => c.channel)).toEqual(['teams', 'webchat', 'slack']);
    expect(inPreferredOrder(channels, ['slack', 'webchat']).map((c) => c.channel)).toEqual(['slack', 'webchat', 'teams']);
    expect(inPreferredOrder(channels, []).map((c) => c.channel)).toEqual(['webchat', 'slack', 'teams']);
  });
});
