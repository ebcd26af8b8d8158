import type { LifecycleContext } from '../lifecycle-context.js';
import type { HrEvent } from './hr-event.js';

/** What one event type's handler gives back: the requests it made, and a mover's old access to review. */
export interface HrEventOutcome {
  requestNumbers: string[];
  oldAccess?: string[];
}

/** Joiner, mover and leaver: each turns a valid event into requests, through the same submit as the API. */
export type HrEventHandler = (ctx: LifecycleContext, event: HrEvent, key: string) => Promise<HrEventOutcome>;
