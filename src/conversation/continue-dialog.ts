import type { IntentKind } from '../catalog/schema.js';
import { controlWord, type ControlWord } from '../nlu/control-phrases.js';
import { cancelDialog, continueDialog, handOff } from './dialog-turns.js';
import type { Reply } from '../messages/reply.js';
import type { TurnContext } from './turn-context.js';
import type { DialogState } from '../dialog/dialog-state.js';

const controlKinds: ReadonlySet<IntentKind> = new Set(['cancel', 'agent', 'help']);

/**
 * Text while a dialog is open: a control word first ("cancel", "back", "help", "agent");
 * otherwise an answer; and if it was not an answer, the classifier's confident cancel,
 * agent or help intent, so "I'd rather speak to someone" works but "no" stays an answer.
 */
export async function continueDialogWithText(ctx: TurnContext, text: string): Promise<Reply[]> {
  const word = controlWord(text);
  if (word) return applyControl(ctx, word, text);
  const result = await continueDialog(ctx, { kind: 'text', text });
  if (result.status === 'active' && result.rejected) {
    const meant = classifiedControl(ctx, text);
    if (meant) return applyControl(ctx, meant, text);
    return afterMisunderstanding(result.state, result.replies);
  }
  if (result.status === 'active') result.state.misses = 0;
  return result.replies;
}

/**
 * The first answer not understood says why; the second in a row does not repeat it but
 * offers the way out: the choices on the card, or a person who gets the answers so far.
 */
function afterMisunderstanding(state: DialogState, replies: Reply[]): Reply[] {
  state.misses = (state.misses ?? 0) + 1;
  if (state.misses < 2) return replies;
  return replies.map((reply) => {
    if (reply.kind !== 'question' && reply.kind !== 'summary') return reply;
    const choice = reply.kind === 'question' && reply.input.type === 'choice';
    const offer = `${choice ? 'Pick one of the choices below, or say' : 'Or say'} "talk to a person" and the service desk takes it from here with your answers so far, or "cancel" to stop.`;
    if (reply.kind === 'summary') return { ...reply, notes: [...reply.notes, offer] };
    // What was wrong with the answer stays when it says something new ("the largest allowed is 5");
    // the list of options is not repeated, the card shows it.
    const why = choice || !reply.error ? 'I am still not following, sorry.' : reply.error;
    return { ...reply, error: `${why} ${offer}` };
  });
}

export async function applyControl(ctx: TurnContext, word: ControlWord, text: string): Promise<Reply[]> {
  switch (word) {
    case 'cancel': return cancelDialog(ctx);
    case 'agent': return handOff(ctx, text);
    case 'back': return (await continueDialog(ctx, { kind: 'back' })).replies;
    case 'help': return (await continueDialog(ctx, { kind: 'help' })).replies;
  }
}

function classifiedControl(ctx: TurnContext, text: string): ControlWord | undefined {
  const { understanding, catalog } = ctx.deps;
  const decision = understanding.decide(understanding.classify(text));
  if (decision.kind !== 'confident') return undefined;
  const kind = catalog.intent(decision.intent)?.kind;
  return kind && controlKinds.has(kind) ? (kind as ControlWord) : undefined;
}
