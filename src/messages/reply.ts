import type { AgentThread } from './agent-thread.js';

/**
 * What the engine says, as channel-neutral data. Each kind other than `text` is rendered by
 * the card of the same name under cards/ (Adaptive Card for web chat and Teams, Block Kit
 * for Slack). Channels never invent content; they only render these.
 */
export interface ChoiceOption { value: string; label: string; description?: string }

export type QuestionInput =
  /** `required`, `pattern` and `patternMessage`: what the server checks, so a card can say so before sending. */
  | { type: 'text'; multiline?: boolean; placeholder?: string; required?: boolean; pattern?: string; patternMessage?: string }
  | { type: 'number'; min?: number; max?: number }
  | { type: 'date'; min?: string; max?: string }
  | { type: 'choice'; options: ChoiceOption[]; multi?: boolean }
  | { type: 'yes-no' };

export type Reply =
  /**
   * `relayToAgent`: an employee's message relayed to the agent who took the triage item over;
   * `thread` is where the agent took it over, and the channel it belongs to delivers it there.
   */
  | { kind: 'text'; text: string; relayToAgent?: { triageId: string; thread?: AgentThread } }
  /** A guided question. `value` is a prefilled or current answer the person may keep. */
  | { kind: 'question'; fieldId: string; prompt: string; help?: string; input: QuestionInput; value?: unknown; error?: string; canGoBack: boolean }
  /** Ask which of several intents was meant, or offer a list of next steps. */
  | { kind: 'choices'; text: string; actionId: string; options: ChoiceOption[] }
  | { kind: 'summary'; title: string; requestTypeId: string; fields: Array<{ fieldId: string; label: string; value: string }>; cost?: string; notes: string[] }
  | { kind: 'approval'; approvalId: string; requestNumber: string; title: string; requester: string; summary: Array<{ label: string; value: string }>; cost?: string; risk: string; reason: string; outcome?: { decision: 'approved' | 'denied' | 'cancelled' | 'withdrawn'; by?: string; comment?: string } }
  | { kind: 'status'; requests: StatusLine[]; emptyText?: string }
  | { kind: 'triage'; triageId: string; requester: string; text: string; candidates: ChoiceOption[]; transcript: string[] }
  /**
   * Time-bound access ends soon: `text` says what and when, and "Extend" asks for the same
   * access for the same time again. `endsAt` (ISO) is the end the warning was about: a click
   * after the end moved is answered, not acted on twice.
   */
  | { kind: 'access-ending'; grantId: string; text: string; endsAt: string; extendNote: string };

export interface StatusLine {
  number: string;
  title: string;
  status: string;
  step: string;
  waitingOn: string;
  due?: string;
  overdue: boolean;
}
