import { maskedValue } from '../audit/index.js';
import type { Reply } from '../messages/reply.js';
import type { Turn } from '../messages/turn.js';


/** What the person said or clicked, as the agent reads it in a triage item. */
export function turnLine(turn: Turn, sensitive = false): string | undefined {
  if (sensitive && (turn.text?.trim() || turn.action)) return `${turn.person.name}: ${maskedValue}`;
  if (turn.text?.trim()) return `${turn.person.name}: ${turn.text.trim()}`;
  if (turn.action) {
    const values = Object.entries(turn.action.values).filter(([key]) => key !== 'action').map(([key, value]) => `${key}=${String(value)}`).join(', ');
    return `${turn.person.name} clicked ${turn.action.id}${values ? ` (${values})` : ''}`;
  }
  return undefined;
}

/** A reply as the agent reads it; answers to sensitive fields are masked (the whole answer: the summary shows it as typed). */
export function replyLine(reply: Reply, sensitiveFieldIds: ReadonlySet<string> = new Set()): string {
  switch (reply.kind) {
    case 'text': return `Frontdoor: ${reply.text}`;
    case 'question': return `Frontdoor asked: ${reply.prompt}${reply.error ? ` (${reply.error})` : ''}`;
    case 'choices': return `Frontdoor offered: ${reply.text} ${reply.options.map((o) => o.label).join(' / ')}`;
    case 'summary': return `Frontdoor showed the summary of ${reply.title}: ${reply.fields.map((f) => `${f.label}: ${sensitiveFieldIds.has(f.fieldId) ? maskedValue : f.value}`).join('; ')}`;
    case 'status': return `Frontdoor showed the status of ${reply.requests.map((r) => r.number).join(', ') || 'no requests'}`;
    case 'approval': return `Frontdoor showed the approval of ${reply.requestNumber}`;
    case 'triage': return `Frontdoor showed triage item ${reply.triageId}`;
    case 'access-ending': return `Frontdoor said: ${reply.text}`;
  }
}
