import { z } from 'zod';
import type { Store } from '../store/store.js';
import type { TriageItem } from './triage-item.js';

/** Audit rows about triage items use this target type. */
export const auditTarget = 'triage-item';

/** The conversation engine's side: what employee and agent said so far while the agent still has the conversation. */
export interface LiveExchanges {
  linesWithAgent(item: TriageItem): Promise<string[] | undefined>;
}

const handBackRecord = z.object({ intent: z.string().optional(), note: z.string().optional(), transcript: z.array(z.string()).catch([]) }).loose();

/**
 * A taken-over item as agents see it. While the employee's conversation is with the agent,
 * the item is `taken` and the exchange so far (kept in the conversation's state) follows the
 * transcript; once handed back, the exchange comes from the hand-back's audit row.
 */
export async function withTakeOver(store: Store, exchanges: LiveExchanges, item: TriageItem): Promise<TriageItem> {
  const takenOver = item.resolution && 'takenOver' in item.resolution ? item.resolution.takenOver : undefined;
  if (!takenOver) return item;
  const taken = { ...item, takenBy: takenOver.agentId };
  const live = await exchanges.linesWithAgent(item);
  if (live) return { ...taken, status: 'taken', transcript: [...item.transcript, ...live] };
  const handBack = (await store.read.audit.listForTarget(auditTarget, item.id)).find((r) => r.action === 'triage.hand-back');
  if (!handBack) return { ...taken, status: 'resolved' };
  const recorded = handBackRecord.safeParse(handBack.after);
  const intent = recorded.success ? recorded.data.intent : undefined;
  const note = recorded.success ? recorded.data.note : undefined;
  return {
    ...taken,
    status: 'resolved',
    transcript: [...item.transcript, ...(recorded.success ? recorded.data.transcript : [])],
    handedBack: { at: new Date(handBack.at).toISOString(), ...(intent ? { intent } : {}), ...(note ? { note } : {}) },
  };
}
