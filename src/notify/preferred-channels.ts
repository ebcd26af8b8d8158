import type { ChannelName } from '../messages/turn.js';
import type { Reply } from '../messages/reply.js';

/**
 * The one rule for where a person is reached, best first: a message that belongs to a
 * channel (an employee's words for the agent who took them over there) goes to that
 * channel; anything else to the channel the person talked to us on most recently, then the
 * ones before it. `recent` is the person's channels, most recent first.
 */
export function preferredChannels(replies: Reply[], recent: string[]): ChannelName[] {
  const belongs = replies.flatMap((r) => (r.kind === 'text' && r.relayToAgent?.thread ? [r.relayToAgent.thread.channel] : []));
  return [...new Set([...belongs, ...recent])] as ChannelName[];
}

/** `channels` in the order of `preferred`; channels the person never used keep their order, last. */
export function inPreferredOrder<T extends { readonly channel: string }>(channels: T[], preferred: string[]): T[] {
  const rank = (channel: string) => {
    const i = preferred.indexOf(channel);
    return i === -1 ? preferred.length : i;
  };
  return [...channels].sort((a, b) => rank(a.channel) - rank(b.channel));
}
