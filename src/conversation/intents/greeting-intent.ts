import { say } from '../turn-context.js';
import type { IntentHandler } from './intent-handler.js';

export const greetingIntent: IntentHandler = async (ctx) => {
  const firstName = ctx.person.name.split(' ')[0];
  return [say(`Hi ${firstName}! I can request software, hardware and access for you, tell you where a request is, and show approvals waiting for you. What do you need?`)];
};
