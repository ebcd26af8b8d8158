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

/** An open incident as the service desk lists it. */
export interface IncidentView {
  number: string;
  personId: string;
  channel: string;
  category: string;
  text: string;
  createdAt: string;
}

/** Incidents still open, newest first. */
export async function openIncidents(store: Store, limit?: number): Promise<IncidentView[]> {
  return (await store.read.incidents.listOpen(limit)).map((i) => ({
    number: formatIncidentNumber(i.number), personId: i.personId, channel: i.channel, category: i.category, text: i.text, createdAt: new Date(i.createdAt).toISOString(),
  }));
}
