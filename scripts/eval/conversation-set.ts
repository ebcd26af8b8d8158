import { z } from 'zod';

/** What the person does: type text, answer the open question's card, or press a button by its title. */
const userInput = z.union([
  z.string().min(1),
  z.object({ answer: z.string() }).strict(),
  z.object({ click: z.string(), inputs: z.record(z.string(), z.string()).optional() }).strict(),
]);

/** How the person answers a question: the first rule whose `ask` the bot's question contains (any case). */
const answerRule = z.object({ ask: z.string().min(1), say: userInput }).strict();

const expectation = z
  .object({
    /** A request of this type was submitted (the bot gave its number)... */
    request: z.string().optional(),
    /** ...with these stored fields (as the API shows them). */
    fields: z.record(z.string(), z.unknown()).optional(),
    /** An incident was recorded (the bot gave its number). */
    incident: z.boolean().optional(),
    /** The conversation went to the service desk. */
    handoff: z.boolean().optional(),
    /** What the bot must have said by the end (any case), and must never have said. */
    says: z.array(z.string()).default([]),
    never: z.array(z.string()).default([]),
    /** No request was submitted (a refusal, a status question, small talk). */
    noRequest: z.boolean().optional(),
    /** Questions the bot must not ask (it already had the answer): a part of the question. */
    notAsked: z.array(z.string()).default([]),
  })
  .strict();

const conversation = z
  .object({
    name: z.string().min(1),
    /** request, incident, status, approval, handoff, refusal, correction, typo, details, chat */
    kind: z.string().min(1),
    person: z.string().email(),
    /** Conversations played first by other people (not counted), e.g. a request to approve. */
    before: z.array(z.object({ person: z.string().email(), say: z.array(userInput).min(1) }).strict()).default([]),
    say: z.string().min(1),
    answers: z.array(answerRule).default([]),
    /** Said at the first summary, in order, before confirming (corrections). */
    atSummary: z.array(userInput).default([]),
    expect: expectation,
  })
  .strict();

export type Conversation = z.infer<typeof conversation>;

export const conversationSetSchema = z.array(conversation).min(1);
