import { ConflictError } from '../shared/errors.js';
import type { Person } from '../directory/person.js';
import { Actions } from '../messages/actions.js';
import { runIntent } from './run-intent.js';
import type { Reply } from '../messages/reply.js';
import { say, type TurnContext } from './turn-context.js';
import { toTriageItem } from '../triage/triage-queue.js';
import type { AgentThread } from '../triage/triage-item.js';

/** A long take-over keeps its latest lines; each line is cut like the conversation's own transcript. */
const relayLineLimit = 500;
const relayLinesKept = 1000;

/** Buttons that still work while a person is talking: they act on requests, not on the conversation. */
const actionsWhileWithAgent: ReadonlySet<string> = new Set([Actions.approve, Actions.deny, Actions.cancelRequest]);

type WithAgent = NonNullable<TurnContext['state']['withAgent']>;

/** The employee's conversation enters the with-agent state; an open dialog stays as it is. */
export function joinAgent(ctx: TurnContext, triageId: string, agent: Person): Reply[] {
  ctx.state.pendingPick = undefined;
  ctx.state.withAgent = { triageId, agentId: agent.id, agentName: agent.name, since: ctx.now.getTime(), lines: [] };
  return [say(`${agent.name} from the service desk has joined; you are now talking to a person.`)];
}

/**
 * The employee's turn while an agent has the conversation: text goes to the agent as
 * "<Employee>: <text>" and is not classified. Buttons on requests still work; the dialog's
 * buttons wait for the hand-back.
 */
export async function employeeTurnWithAgent(ctx: TurnContext, withAgent: WithAgent): Promise<Reply[]> {
  const { action } = ctx.turn;
  if (action) {
    return actionsWhileWithAgent.has(action.id)
      ? [] // the caller routes these as usual
      : [say(`You are talking with ${withAgent.agentName} from the service desk; they will hand you back to the assistant when you are done.`)];
  }
  const text = ctx.turn.text?.trim() ?? '';
  if (!text) return [];
  const line = `${ctx.person.name}: ${text}`;
  record(withAgent, line);
  const thread = await takenOverThread(ctx, withAgent.triageId);
  await ctx.deps.notifier.notify(withAgent.agentId, [{ kind: 'text', text: line, relayToAgent: { triageId: withAgent.triageId, ...(thread ? { thread } : {}) } }]);
  return [];
}

/** The agent's side of the take-over (a Slack thread, a web chat conversation), if it has one. */
async function takenOverThread(ctx: TurnContext, triageId: string): Promise<AgentThread | undefined> {
  const row = await ctx.deps.store.read.triage.find(triageId);
  const resolution = row ? toTriageItem(row).resolution : undefined;
  return resolution && 'takenOver' in resolution ? resolution.takenOver.thread : undefined;
}

export function routesAsUsualWithAgent(ctx: TurnContext): boolean {
  return ctx.turn.action !== undefined && actionsWhileWithAgent.has(ctx.turn.action.id);
}

/** The agent's message for the employee, recorded in the take-over's lines. */
export function relayFromAgent(ctx: TurnContext, triageId: string, agent: Person, text: string): Reply[] {
  const withAgent = currentTakeOver(ctx, triageId, agent);
  const line = `${agent.name}: ${text.trim()}`;
  record(withAgent, line);
  return [say(line)];
}

/**
 * Ends the take-over. With an intent, its handler runs with the answers collected before
 * (the dialog asks its next missing question); without, the employee is back with the
 * assistant. With a note the agent resolved the matter themselves: the note is their last
 * word to the employee and a form kept through the take-over is dropped, since nothing is
 * left to ask. Returns what to tell the employee and what both sides said.
 */
export async function leaveAgent(
  ctx: TurnContext,
  input: { triageId: string; agent: Person; intent?: string; note?: string; text: string; known?: Record<string, unknown> },
): Promise<{ replies: Reply[]; lines: string[] }> {
  const withAgent = currentTakeOver(ctx, input.triageId, input.agent);
  ctx.state.withAgent = undefined;
  if (input.note !== undefined) {
    const line = `${input.agent.name}: ${input.note.trim()}`;
    record(withAgent, line);
    ctx.state.dialog = undefined;
    return { replies: [say(line), say(`${input.agent.name} has resolved this and handed you back to the assistant. What else can I help you with?`)], lines: withAgent.lines };
  }
  const lines = withAgent.lines;
  // Without a pick, a dialog kept through the take-over simply carries on.
  const intent = input.intent ?? keptDialogIntent(ctx);
  if (!intent) {
    return { replies: [say(`${input.agent.name} has handed you back to the assistant. What else can I help you with?`)], lines };
  }
  const known = { ...input.known, ...keptAnswers(ctx, intent) };
  const intro = say(`${input.agent.name} has handed you back to the assistant. Let's continue.`);
  const replies = await runIntent(ctx, intent, input.text, [], Object.keys(known).length > 0 ? known : undefined);
  return { replies: [intro, ...replies], lines };
}

function keptDialogIntent(ctx: TurnContext): string | undefined {
  const dialog = ctx.state.dialog;
  return dialog ? ctx.deps.catalog.intentForRequestType(dialog.requestTypeId)?.id : undefined;
}

/** A dialog kept through the take-over carries its answers into the same request type. */
function keptAnswers(ctx: TurnContext, intentId: string): Record<string, unknown> {
  const dialog = ctx.state.dialog;
  const requestTypeId = ctx.deps.catalog.intent(intentId)?.requestType;
  if (!dialog || dialog.requestTypeId !== requestTypeId) return {};
  return { ...dialog.drafts, ...dialog.answers };
}

function currentTakeOver(ctx: TurnContext, triageId: string, agent: Person): WithAgent {
  const withAgent = ctx.state.withAgent;
  if (!withAgent || withAgent.triageId !== triageId) throw new ConflictError('That conversation is no longer with an agent.');
  if (withAgent.agentId !== agent.id) throw new ConflictError(`That conversation is taken by ${withAgent.agentName}.`);
  return withAgent;
}

function record(withAgent: WithAgent, line: string): void {
  withAgent.lines.push(line.length > relayLineLimit ? `${line.slice(0, relayLineLimit - 3)}...` : line);
  if (withAgent.lines.length > relayLinesKept) withAgent.lines.splice(0, withAgent.lines.length - relayLinesKept);
}
