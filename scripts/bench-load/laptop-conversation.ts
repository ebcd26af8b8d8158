/**
 * What a simulated employee says in a laptop request, typed into the DM: the opening line,
 * then an answer to each question the bot asks, then "confirm". Typed answers (not
 * clicks) keep every step an Events API message, the path under load.
 */
export const openingLine = 'I need a new laptop';

const answers: Record<string, string> = {
  model: 'macbook air',
  reason: 'additional',
  'asset-tag': 'unknown',
  justification: 'My current laptop cannot run the finance models any more.',
  'delivery-location': 'keep',
};

/** What the bot's message asks of the employee next. */
export type NextStep =
  | { kind: 'say'; text: string }
  /** The request was submitted: the conversation is over. */
  | { kind: 'done'; requestNumber: string }
  /** An introduction or other message that comes before the turn's question. */
  | { kind: 'wait' }
  /** Something the script has no answer for (a refusal, an error): the conversation stops. */
  | { kind: 'stuck'; text: string };

export function nextStep(message: { text: string; blocks: unknown[] }): NextStep {
  const submitted = /\bDone\b.*\b(REQ-\d+)/.exec(message.text);
  if (submitted) return { kind: 'done', requestNumber: submitted[1]! };
  const blocks = JSON.stringify(message.blocks);
  if (blocks.includes('dialog.confirm')) return { kind: 'say', text: 'confirm' };
  const field = /fieldId\\*":\\*"([a-z0-9-]+)/.exec(blocks)?.[1];
  if (field) {
    const answer = answers[field];
    return answer ? { kind: 'say', text: answer } : { kind: 'stuck', text: `no answer for the question about ${field}` };
  }
  if (/^Let's get your/.test(message.text)) return { kind: 'wait' };
  return { kind: 'stuck', text: message.text.slice(0, 200) };
}
