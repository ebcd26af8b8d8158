import { conversationKey, parseConversationState } from '../../../conversation/conversation-state.js';
import type { Store } from '../../../store/store.js';

/**
 * The request type and answers of the dialog open in a Slack conversation, so "Open as form"
 * and type-ahead in a question know which form they belong to. Read only: the engine owns it.
 */
export async function openDialogOf(store: Store, conversationId: string): Promise<{ requestTypeId: string; answers: Record<string, unknown> } | undefined> {
  const row = await store.read.conversations.find(conversationKey('slack', conversationId));
  const dialog = row ? parseConversationState(row.state).state.dialog : undefined;
  return dialog ? { requestTypeId: dialog.requestTypeId, answers: dialog.answers } : undefined;
}
