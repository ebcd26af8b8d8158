import { z } from 'zod';
import type { TriageItem } from './triage-item.js';

const blankAsUnset = (schema: z.ZodType<string>) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * What an agent narrows the queue to: its state, the channel the employee wrote in, the agent
 * who has it, and words of the message or its transcript. Shared by the API's query string and
 * the console's filter form, so both mean the same by each.
 */
export const triageFilterSchema = z.object({
  status: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['open', 'taken', 'resolved']).optional()),
  channel: blankAsUnset(z.enum(['webchat', 'slack', 'teams', 'api'])),
  /** The agent who took the conversation over (their email). */
  takenBy: blankAsUnset(z.string().trim().max(320)),
  /** Words to find, in any case, in the message, the transcript, the employee's email or the reference the employee was given. */
  q: blankAsUnset(z.string().trim().max(200)),
});
export type TriageFilter = z.infer<typeof triageFilterSchema>;

export function matchesTriageFilter(item: TriageItem, filter: TriageFilter): boolean {
  if (filter.status && item.status !== filter.status) return false;
  if (filter.channel && item.channel !== filter.channel) return false;
  if (filter.takenBy && item.takenBy?.toLowerCase() !== filter.takenBy.toLowerCase()) return false;
  if (filter.q) {
    const words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
    const text = [item.id, item.text, item.personId, ...item.transcript].join('\n').toLowerCase();
    if (!words.every((word) => text.includes(word))) return false;
  }
  return true;
}
