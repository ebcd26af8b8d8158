import type { RequestForm } from '../messages/request-form.js';
import type { ChannelName } from '../messages/turn.js';
import { isSealed } from '../request-records/sealed-values.js';
import type { Store } from '../store/store.js';
import { conversationKey, parseConversationState } from './conversation-state.js';

/**
 * The request type and answers of the dialog open in a channel's conversation, so a channel
 * can show the same form as one view ("Open as form", type-ahead in a question). Read only:
 * the engine owns the conversation. Answers to sensitive fields are left out.
 */
export async function formInProgress(store: Store, channel: ChannelName, conversationId: string): Promise<RequestForm | undefined> {
  const row = await store.read.conversations.find(conversationKey(channel, conversationId));
  const dialog = row ? parseConversationState(row.state).state.dialog : undefined;
  // A sealed answer is not shown in a form view: the person gives it again there.
  return dialog
    ? { requestTypeId: dialog.requestTypeId, values: Object.fromEntries(Object.entries(dialog.answers).filter(([, v]) => !isSealed(v))) }
    : undefined;
}
