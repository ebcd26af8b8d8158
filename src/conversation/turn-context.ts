import type { Person } from '../directory/person.js';
import type { DialogEngine } from '../dialog/dialog-engine.js';
import type { TriageQueue } from '../triage/triage-queue.js';
import type { TriageService } from '../triage/triage-service.js';
import type { ConversationState } from './conversation-state.js';
import type { ConversationEngineDeps } from './engine-deps.js';
import type { Reply } from '../messages/reply.js';
import type { Turn } from '../messages/turn.js';

/** One turn's world, handed to every intent and card-action handler as one argument. */
export interface TurnContext {
  turn: Turn;
  person: Person;
  /** Mutable: handlers change it and the engine saves it after the turn. */
  state: ConversationState;
  now: Date;
  deps: ConversationEngineDeps;
  dialogs: DialogEngine;
  triage: TriageQueue;
  triageDesk: TriageService;
}

export type TurnHandler = (ctx: TurnContext) => Promise<Reply[]>;

export const say = (text: string): Reply => ({ kind: 'text', text });
