import { randomUUID } from 'node:crypto';
import type { ChannelName } from '../messages/turn.js';
import type { Person } from '../directory/person.js';
import type { Store } from '../store/store.js';

export const incidentSequence = 'incident';

export function formatIncidentNumber(number: number): string {
  return `INC-${number}`;
}

/** Records an incident report; incidents never become service requests. */
export async function recordIncident(store: Store, input: { person: Person; channel: ChannelName; category: string; text: string; now: Date }): Promise<string> {
  const number = await store.transaction(async (repos) => {
    const next = await repos.sequences.next(incidentSequence);
    await repos.incidents.insert({
      id: randomUUID(),
      number: next,
      personId: input.person.id,
      channel: input.channel,
      category: input.category,
      text: input.text,
      status: 'open',
      createdAt: input.now.getTime(),
    });
    return next;
  });
  return formatIncidentNumber(number);
}
