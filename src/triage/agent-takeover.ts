import type { Catalog } from '../catalog/catalog.js';
import type { Reply } from '../messages/reply.js';
import type { ChannelName } from '../messages/turn.js';
import type { DirectoryProvider, Person } from '../directory/person.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { Notifier } from '../notify/notifier.js';
import type { Store } from '../store/store.js';
import { serviceDeskGroup, toTriageItem } from './triage-queue.js';
import type { AgentThread, TakeOverResolution, TriageItem } from './triage-item.js';
import { auditTarget, withTakeOver, type LiveExchanges } from './takeover-view.js';

/** The employee's conversation an agent acts on. */
export interface ConversationTarget { channel: ChannelName; conversationId: string; person: Person }

/** What the take-over needs from the conversation engine; each runs under the conversation's own lock. */
export interface TakeOverConversations extends LiveExchanges {
  /** Enters the with-agent state; returns what to tell the employee. */
  joinAgent(target: ConversationTarget, triageId: string, agent: Person): Promise<Reply[]>;
  /** Marks the agent's thread as their side of the take-over, so what they write there is relayed. */
  markAgentSide(thread: AgentThread, agent: Person, triageId: string): Promise<void>;
  /** Records the agent's message; returns it as the employee reads it. */
  relayFromAgent(target: ConversationTarget, triageId: string, agent: Person, text: string): Promise<Reply[]>;
  /** Leaves the with-agent state; `record` runs with both sides' lines before the state is saved. */
  leaveAgent(target: ConversationTarget, input: { triageId: string; agent: Person; intent?: string; note?: string; text: string; known?: Record<string, unknown> }, record: (lines: string[]) => Promise<void>): Promise<Reply[]>;
}

export interface AgentTakeOverDeps {
  store: Store;
  catalog: Catalog;
  directory: DirectoryProvider;
  notifier: Notifier;
  clock: () => Date;
  conversations: TakeOverConversations;
}

/** Where the agent acted from, for the audit trail. */
type Via = { via?: ChannelName };

const maxMessage = 4000;

/**
 * Warm hand-off: a service-desk agent takes an open triage item's conversation over, talks
 * with the employee through any channel, and hands it back (optionally with the intent the
 * dialog should continue with). Taking over is the item's one state change in the queue, so
 * two agents cannot both take it.
 */
export class AgentTakeOver {
  constructor(private readonly deps: AgentTakeOverDeps) {}

  async takeOver(input: { triageId: string; agent: Person; thread?: AgentThread } & Via): Promise<TriageItem> {
    const { triageId, agent } = input;
    if (!agent.groups.includes(serviceDeskGroup)) throw new ForbiddenError('Only service-desk agents can take over a conversation.');
    const item = await this.current(triageId);
    if (item.status !== 'open') throw notOpen(item);
    const employee = await this.employeeOf(item);
    const at = this.deps.clock().getTime();
    const resolution: TakeOverResolution = { takenOver: { agentId: agent.id, agentName: agent.name, at, ...(input.thread ? { thread: input.thread } : {}) } };
    const taken = await this.deps.store.transaction(async (repos) => {
      if (!(await repos.triage.resolve(triageId, resolution, agent.id, at))) return false;
      await repos.audit.add({
        at, actorId: agent.id, action: 'triage.take-over', targetType: auditTarget, targetId: triageId,
        before: { status: 'open' }, after: { status: 'taken', agent: agent.id, ...(input.thread ? { thread: input.thread } : {}) },
        reason: null, channel: input.via ?? 'api',
      });
      return true;
    });
    if (!taken) throw notOpen(await this.current(triageId));
    if (input.thread) await this.deps.conversations.markAgentSide(input.thread, agent, triageId);
    const joined = await this.deps.conversations.joinAgent(targetOf(item, employee), triageId, agent);
    await this.deps.notifier.notify(employee.id, joined);
    return this.current(triageId);
  }

  /** The agent's message reaches the employee wherever they talk to us. */
  async relay(input: { triageId: string; agent: Person; text: string }): Promise<TriageItem> {
    const text = input.text.trim();
    if (!text || text.length > maxMessage) throw new ValidationError(`A message has 1 to ${maxMessage} characters`, { text: `must have 1 to ${maxMessage} characters` });
    const item = await this.takenBy(input.triageId, input.agent);
    const employee = await this.employeeOf(item);
    const replies = await this.deps.conversations.relayFromAgent(targetOf(item, employee), item.id, input.agent, text);
    await this.deps.notifier.notify(employee.id, replies);
    return this.current(item.id);
  }

  /** Ends the take-over; the whole exchange joins the item's transcript through the audit row. */
  async handBack(input: { triageId: string; agent: Person; intent?: string } & Via): Promise<TriageItem> {
    const { agent, intent } = input;
    if (intent !== undefined && !this.deps.catalog.intent(intent)) {
      throw new ValidationError(`There is no intent ${intent}`, { intent: 'is not an intent of the catalog' });
    }
    const item = await this.takenBy(input.triageId, agent);
    const employee = await this.employeeOf(item);
    const record = (lines: string[]) => this.deps.store.transaction(async (repos) => {
      const at = this.deps.clock().getTime();
      await repos.audit.add({
        at, actorId: agent.id, action: 'triage.hand-back', targetType: auditTarget, targetId: item.id,
        before: { status: 'taken' }, after: { status: 'resolved', ...(intent ? { intent } : {}), transcript: lines },
        reason: null, channel: input.via ?? 'api',
      });
    });
    const replies = await this.deps.conversations.leaveAgent(targetOf(item, employee), {
      triageId: item.id, agent, text: item.text, ...(intent ? { intent } : {}), ...(item.dialog ? { known: item.dialog.fields } : {}),
    }, record);
    await this.deps.notifier.notify(employee.id, replies);
    return this.current(item.id);
  }

  /**
   * Ends the take-over with the matter settled: the note reaches the employee as the agent's
   * last word, no dialog starts, and the note and the exchange are kept in the hand-back's
   * audit row (as the item's resolution note).
   */
  async resolve(input: { triageId: string; agent: Person; note: string } & Via): Promise<TriageItem> {
    const { agent } = input;
    const note = input.note.trim();
    if (!note || note.length > maxMessage) throw new ValidationError(`A note has 1 to ${maxMessage} characters`, { note: `must have 1 to ${maxMessage} characters` });
    const item = await this.takenBy(input.triageId, agent);
    const employee = await this.employeeOf(item);
    const record = (lines: string[]) => this.deps.store.transaction(async (repos) => {
      await repos.audit.add({
        at: this.deps.clock().getTime(), actorId: agent.id, action: 'triage.hand-back', targetType: auditTarget, targetId: item.id,
        before: { status: 'taken' }, after: { status: 'resolved', note, transcript: lines }, reason: note, channel: input.via ?? 'api',
      });
    });
    const replies = await this.deps.conversations.leaveAgent(targetOf(item, employee), { triageId: item.id, agent, note, text: item.text }, record);
    await this.deps.notifier.notify(employee.id, replies);
    return this.current(item.id);
  }

  /** The item as stored, with its take-over state; answers to sensitive fields are not masked here. */
  async current(triageId: string): Promise<TriageItem> {
    const row = await this.deps.store.read.triage.find(triageId);
    if (!row) throw new NotFoundError(`No triage item ${triageId}`);
    return withTakeOver(this.deps.store, this.deps.conversations, toTriageItem(row));
  }

  private async takenBy(triageId: string, agent: Person): Promise<TriageItem> {
    const item = await this.current(triageId);
    if (item.status !== 'taken') throw new ConflictError(item.status === 'open' ? 'Take the conversation over first.' : 'That conversation is no longer with an agent.');
    if (item.takenBy !== agent.id) throw new ConflictError(`This conversation is already taken by ${takerName(item)}.`);
    return item;
  }

  private async employeeOf(item: TriageItem): Promise<Person> {
    const employee = await this.deps.directory.findByEmail(item.personId);
    if (!employee) throw new NotFoundError(`${item.personId} is no longer in the directory`);
    return employee;
  }
}

function targetOf(item: TriageItem, employee: Person): ConversationTarget {
  return { channel: item.channel, conversationId: item.conversationId, person: employee };
}

function takerName(item: TriageItem): string {
  return item.resolution && 'takenOver' in item.resolution ? item.resolution.takenOver.agentName : (item.takenBy ?? 'another agent');
}

function notOpen(item: TriageItem): ConflictError {
  if (item.resolution && 'takenOver' in item.resolution) {
    return new ConflictError(item.status === 'taken' ? `This conversation is already taken by ${takerName(item)}.` : `${takerName(item)} already took this conversation over and handed it back.`);
  }
  return new ConflictError(`Triage item ${item.id} is already resolved`);
}
