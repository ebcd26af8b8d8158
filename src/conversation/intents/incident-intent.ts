import { recordIncident } from '../../incidents/incident-service.js';
import { say } from '../turn-context.js';
import type { IntentHandler } from './intent-handler.js';

/** Something is broken: recorded as an incident with its own number, never as a service request. */
export const incidentIntent: IntentHandler = async (ctx, { intent, text }) => {
  const category = intent.incident?.category ?? intent.id;
  const number = await recordIncident(ctx.deps.store, { person: ctx.person, channel: ctx.turn.channel, category, text, now: ctx.now });
  const answer = intent.incident?.answer ?? 'I have recorded the problem for the service desk.';
  return [say(`${answer} Your incident number is ${number}.`)];
};
