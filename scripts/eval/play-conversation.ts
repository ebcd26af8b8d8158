import { requestNumberIn, submitsOf, textOf, type Activity, type E2E, type UserInput } from '../../test/e2e/e2e-harness.js';
import type { Conversation } from './conversation-set.js';

export interface Played {
  name: string;
  kind: string;
  ok: boolean;
  /** What the person typed or clicked in the conversation itself. */
  turns: number;
  why?: string;
  transcript: string[];
}

const MAX_TURNS = 12;

const show = (input: UserInput): string => (typeof input === 'string' ? input : 'answer' in input ? `[answers ${input.answer}]` : `[clicks ${input.click}]`);

async function requestCount(e: E2E, person: string): Promise<number> {
  const res = await e.api(person, 'GET', '/api/v1/requests?includeClosed=true');
  return (res.json() as { requests: unknown[] }).requests.length;
}

/** The intent a person who wants this outcome picks among "did you mean" choices. */
function wantedIntent(e: E2E, c: Conversation): string | undefined {
  const { catalog } = e.deps;
  if (c.expect.request) return catalog.intents.find((i) => i.kind === 'request' && i.requestType === c.expect.request)?.id;
  if (c.expect.incident) return catalog.intents.find((i) => i.kind === 'incident')?.id;
  if (c.expect.handoff) return 'none';
  return undefined;
}

/**
 * Plays one conversation as its person would, in a new web chat, and judges it: the right
 * request with the right fields, an incident, a hand-off, or the right answer, within
 * MAX_TURNS, never saying what it must not, never asking what it was already told.
 */
export async function playConversation(e: E2E, c: Conversation): Promise<Played> {
  for (const other of c.before) {
    const chat = await e.newChat(other.person);
    for (const input of other.say) await chat.send(input);
  }
  const chat = await e.newChat(c.person);
  const requestsBefore = await requestCount(e, c.person);
  const transcript: string[] = [];
  const all: Activity[] = [];
  let turns = 0;
  const atSummary = [...c.atSummary];
  let confirmed = false;
  let correcting = false;
  const answeredBefore = new Set<Conversation['answers'][number]>();
  const send = async (input: UserInput): Promise<Activity[]> => {
    turns++;
    transcript.push(`> ${show(input)}`);
    const replies = await chat.send(input);
    for (const line of textOf(replies).split('\n').filter(Boolean)) transcript.push(`< ${line}`);
    all.push(...replies);
    return replies;
  };
  const result = (ok: boolean, why?: string): Played => ({ name: c.name, kind: c.kind, ok, turns, transcript, ...(why ? { why } : {}) });

  let replies = await send(c.say);
  for (;;) {
    const said = textOf(all).toLowerCase();
    const never = c.expect.never.find((n) => said.includes(n.toLowerCase()));
    if (never) return result(false, `the bot said "${never}"`);
    const asked = c.expect.notAsked.find((q) => said.includes(q.toLowerCase()));
    if (asked) return result(false, `the bot asked "${asked}" although it had been told`);
    const missing = () => c.expect.says.find((s) => !said.includes(s.toLowerCase()));

    const number = requestNumberIn(replies);
    if (confirmed && number) {
      if (!c.expect.request) return result(false, `a request ${number} was submitted`);
      const view = (await e.api(c.person, 'GET', `/api/v1/requests/${number}`)).json() as { requestTypeId: string; fields: Record<string, unknown> };
      if (view.requestTypeId !== c.expect.request) return result(false, `submitted a ${view.requestTypeId} request, not ${c.expect.request}`);
      const wrong = Object.entries(c.expect.fields ?? {}).find(([k, v]) => JSON.stringify(view.fields[k]) !== JSON.stringify(v));
      if (wrong) return result(false, `field ${wrong[0]} is ${JSON.stringify(view.fields[wrong[0]])}, not ${JSON.stringify(wrong[1])}`);
      return missing() ? result(false, `the bot never said "${missing()}"`) : result(true);
    }
    const text = textOf(replies);
    if (/incident number is INC-\d+/i.test(text)) {
      if (!c.expect.incident) return result(false, 'recorded an incident');
      return missing() ? result(false, `the bot never said "${missing()}"`) : result(true);
    }
    if (/passed this to the service desk/i.test(text)) {
      if (!c.expect.handoff) return result(false, 'handed the conversation to the service desk');
      return missing() ? result(false, `the bot never said "${missing()}"`) : result(true);
    }
    const submits = replies.flatMap(submitsOf);
    const pending = submits.some((s) => ['dialog.answer', 'dialog.confirm', 'dialog.change', 'intent.pick'].includes(String(s.data.action)));
    const openForm = submits.some((s) => s.data.action === 'dialog.answer' || s.data.action === 'dialog.confirm');
    if (!c.expect.request && !c.expect.incident && !c.expect.handoff && !openForm && !missing()) {
      if (c.expect.noRequest && (await requestCount(e, c.person)) !== requestsBefore) return result(false, 'a request was submitted');
      return result(true);
    }
    if (turns >= MAX_TURNS) return result(false, `no result after ${MAX_TURNS} turns`);

    const summary = submits.some((s) => s.data.action === 'dialog.confirm');
    // The most specific rule wins ("Who should be added" over "added or removed").
    const rule = c.answers.filter((r) => text.toLowerCase().includes(r.ask.toLowerCase())).sort((a, b) => b.ask.length - a.ask.length)[0];
    let next: UserInput | undefined;
    if (summary) correcting = true;
    // A correction is said on consecutive turns from the first summary on ("change the device", then the new device).
    if (correcting && atSummary.length > 0) next = atSummary.shift();
    else if (!summary && correcting && rule && answeredBefore.has(rule))
      return result(false, `asked "${rule.ask}" again after a correction that did not change it`);
    else if (summary && c.expect.request) {
      next = { click: 'Confirm' };
      confirmed = true;
    } else if (rule) {
      next = rule.say;
      if (!correcting) answeredBefore.add(rule);
    } else if (submits.some((s) => s.data.action === 'intent.pick')) {
      // Offered a choice of what they meant: the person picks the one they came for.
      const wanted = wantedIntent(e, c);
      const pick = submits.find((s) => s.data.action === 'intent.pick' && (s.data.intent === wanted || s.data.value === wanted));
      if (!pick) return result(false, 'offered choices without the one the person came for');
      next = { click: pick.title };
    }
    if (next === undefined) return result(false, pending ? 'asked a question the person had no answer for' : 'the conversation ended without its goal');
    replies = await send(next);
  }
}
