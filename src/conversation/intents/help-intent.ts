import { Actions } from '../../messages/actions.js';
import type { Reply } from '../../messages/reply.js';
import { say } from '../turn-context.js';
import type { IntentHandler } from './intent-handler.js';

const whatYouCanAsk = 'You can ask for software, hardware or access ("I need Photoshop"), ask where a request is ("where is REQ-1042?"), see what waits for your approval ("my approvals"), cancel a request ("cancel REQ-1042"), report a problem, or say "talk to a person".';

/** What I can do, plus the catalog entries that match what was asked. */
export const helpIntent: IntentHandler = async (ctx, { text }) => {
  const { catalog } = ctx.deps;
  const matches = catalog.search(text, 4);
  const offered = (matches.length > 0 ? matches : catalog.requestTypes.slice(0, 6))
    .map((rt) => ({ intent: catalog.intentForRequestType(rt.id), rt }))
    .filter((m) => m.intent !== undefined);
  const replies: Reply[] = [say(whatYouCanAsk)];
  if (offered.length > 0) {
    replies.push({
      kind: 'choices',
      text: matches.length > 0 ? 'These might be what you are looking for:' : 'Some things you can request:',
      actionId: Actions.pickIntent,
      options: offered.map(({ intent, rt }) => ({ value: intent!.id, label: rt.title, description: rt.description })),
    });
  }
  return replies;
};
