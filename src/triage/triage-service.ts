import { maskSensitive } from '../audit/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { DirectoryProvider, Person } from '../directory/person.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { Notifier } from '../notify/notifier.js';
import type { Reply } from '../messages/reply.js';
import type { ChannelName } from '../messages/turn.js';
import type { Store } from '../store/store.js';
import { toTriageItem } from './triage-queue.js';
import { auditTarget, withTakeOver, type LiveExchanges } from './takeover-view.js';
import { matchesTriageFilter, type TriageFilter } from './triage-filter.js';
import { proposeCandidate } from './training-candidates.js';
import type { TriageItem, TriageResolution } from './triage-item.js';

/** Continues an employee's conversation with the intent an agent picked. */
export interface ConversationContinuation extends LiveExchanges {
  startIntent(input: { channel: ChannelName; conversationId: string; person: Person; intentId: string; text: string; known?: Record<string, unknown> }): Promise<Reply[]>;
}

export interface TriageServiceDeps {
  store: Store;
  catalog: Catalog;
  directory: DirectoryProvider;
  notifier: Notifier;
  clock: () => Date;
  conversations: ConversationContinuation;
}

/** The agents' side of the queue: list, and resolve by picking an intent or answering. */
export class TriageService {
  constructor(private readonly deps: TriageServiceDeps) {}

  /** Items as agents see them, oldest first: answers to sensitive fields are masked. */
  async list(status?: TriageItem['status']): Promise<TriageItem[]> {
    return this.search(status ? { status } : {});
  }

  /** Items that match the filter, oldest first, as agents see them. */
  async search(filter: TriageFilter): Promise<TriageItem[]> {
    const { status } = filter;
    // A taken item is stored as resolved (taking over is its one change in the queue).
    const rows = await this.deps.store.read.triage.list(status === 'taken' ? 'resolved' : status);
    const items = await Promise.all(rows.map((row) => withTakeOver(this.deps.store, this.deps.conversations, toTriageItem(row))));
    return items.filter((item) => matchesTriageFilter(item, filter)).map((item) => this.masked(item));
  }

  async get(id: string): Promise<TriageItem> {
    return this.masked(await this.stored(id));
  }

  private async stored(id: string): Promise<TriageItem> {
    const row = await this.deps.store.read.triage.find(id);
    if (!row) throw new NotFoundError(`No triage item ${id}`);
    return withTakeOver(this.deps.store, this.deps.conversations, toTriageItem(row));
  }

  private masked(item: TriageItem): TriageItem {
    if (!item.dialog) return item;
    const fields = maskSensitive(this.deps.catalog.requestType(item.dialog.requestTypeId), item.dialog.fields);
    return { ...item, dialog: { ...item.dialog, fields } };
  }

  /**
   * Marks the item resolved first (so two agents cannot both act), then continues the
   * employee's conversation through the notifier.
   */
  async resolve(id: string, agent: Person, resolution: TriageResolution, options: { via?: ChannelName } = {}): Promise<TriageItem> {
    const item = await this.stored(id);
    if (item.status !== 'open') throw new ConflictError(`Triage item ${id} is already ${item.status}`);
    if ('intent' in resolution && !this.deps.catalog.intent(resolution.intent)) {
      throw new ValidationError(`There is no intent ${resolution.intent}`, { intent: 'is not an intent of the catalog' });
    }
    const employee = await this.deps.directory.findByEmail(item.personId);
    if (!employee) throw new NotFoundError(`${item.personId} is no longer in the directory`);
    const at = this.deps.clock().getTime();
    const resolved = await this.deps.store.transaction(async (repos) => {
      if (!(await repos.triage.resolve(id, resolution, agent.id, at))) return false;
      await repos.audit.add({
        at, actorId: agent.id, action: 'triage.resolve', targetType: auditTarget, targetId: id,
        before: { status: 'open' }, after: { status: 'resolved', ...resolution }, reason: null, channel: options.via ?? 'api',
      });
      // The agent's pick is a labelled example the classifier lacked; a catalog admin decides on it.
      if ('intent' in resolution) await proposeCandidate(repos, { item, intent: resolution.intent, agentId: agent.id, at });
      return true;
    });
    if (!resolved) throw new ConflictError(`Triage item ${id} is already resolved`);

    const replies = 'intent' in resolution
      ? await this.deps.conversations.startIntent({
        channel: item.channel, conversationId: item.conversationId, person: employee, intentId: resolution.intent, text: item.text,
        ...(item.dialog ? { known: item.dialog.fields } : {}),
      })
      : [{ kind: 'text', text: `${agent.name} from the service desk: ${resolution.answer}` } satisfies Reply];
    const intro: Reply[] = 'intent' in resolution ? [{ kind: 'text', text: `${agent.name} from the service desk picked this up. Let's continue.` }] : [];
    await this.deps.notifier.notify(employee.id, [...intro, ...replies]);
    return this.get(id);
  }
}
