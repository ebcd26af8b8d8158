import type { ChannelName } from '../../messages/turn.js';
import type { TriageItem } from '../../triage/triage-item.js';

export const channelLabels: Record<ChannelName, string> = { webchat: 'Web chat', slack: 'Slack', teams: 'Microsoft Teams', api: 'API' };

/** The agent who took the item over, by name. */
export function takerOf(item: TriageItem): string | undefined {
  const resolution = item.resolution;
  return resolution && 'takenOver' in resolution ? resolution.takenOver.agentName : undefined;
}

export function stateLabel(item: TriageItem): string {
  if (item.status === 'open') return 'Open';
  if (item.status === 'taken') return 'Taken over';
  return 'Resolved';
}

/** Times as people read them on the page, in UTC so every agent reads the same. */
export function timeLabel(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
