import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { maskSensitive } from '../audit/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Logger } from '../shared/logger.js';
import { intentOptions } from '../catalog/intent-label.js';
import type { Reply } from '../messages/reply.js';
import type { ChannelName } from '../messages/turn.js';
import type { DirectoryProvider, Person } from '../directory/person.js';
import { displayValue } from '../catalog/display-value.js';
import type { Notifier } from '../notify/notifier.js';
import type { TriageRow } from '../store/repositories/triage-repository.js';
import type { Store } from '../store/store.js';
import { storedResolutionSchema, triageDialogSchema, type TriageDialog, type TriageItem } from './triage-item.js';

export interface TriageQueueDeps {
  store: Store;
  catalog: Catalog;
  directory: DirectoryProvider;
  notifier: Notifier;
  clock: () => Date;
  logger: Logger;
}

export const serviceDeskGroup = 'service-desk';

const storedCandidates = z.array(z.object({ intent: z.string(), confidence: z.number() })).catch([]);
const storedTranscript = z.array(z.string()).catch([]);

/** Opens triage items and tells the service desk; the engine's side of the queue. */
export class TriageQueue {
  constructor(private readonly deps: TriageQueueDeps) {}

  async open(input: { channel: ChannelName; conversationId: string; person: Person; text: string; candidates: TriageItem['candidates']; transcript: string[]; dialog?: TriageDialog }): Promise<TriageItem> {
    const now = this.deps.clock().getTime();
    const row: TriageRow = {
      id: randomUUID(),
      conversationId: input.conversationId,
      channel: input.channel,
      personId: input.person.id,
      text: input.text,
      candidates: input.candidates.slice(0, 3),
      transcript: input.transcript,
      dialog: input.dialog ?? null,
      status: 'open',
      resolution: null,
      resolvedBy: null,
      createdAt: now,
      resolvedAt: null,
    };
    // A person who keeps writing while their message waits for an agent adds to that item
    // (latest text, candidates and transcript) instead of queueing another: agents see one.
    const stored = await this.deps.store.transaction(async (repos) => {
      const open = await repos.triage.findOpenFor(row.channel, row.conversationId, row.personId);
      const update = { text: row.text, candidates: row.candidates, transcript: row.transcript, dialog: row.dialog ?? open?.dialog ?? null };
      if (open && (await repos.triage.fold(open.id, update))) return { row: { ...open, ...update }, folded: true };
      await repos.triage.insert(row);
      return { row, folded: false };
    });
    const item = toTriageItem(stored.row);
    if (!stored.folded) await this.tellServiceDesk(item, input.person);
    return item;
  }

  triageReply(item: TriageItem, requester: Person): Extract<Reply, { kind: 'triage' }> {
    const lines = item.dialog ? [...item.transcript, ...answerLines(this.deps.catalog, item.dialog)] : item.transcript;
    return {
      kind: 'triage',
      triageId: item.id,
      requester: `${requester.name} <${requester.email}>`,
      text: item.text,
      candidates: intentOptions(this.deps.catalog, item.candidates.map((c) => c.intent)),
      transcript: lines,
    };
  }

  /** A failed notification must not lose the item: it stays in the queue for the API. */
  private async tellServiceDesk(item: TriageItem, requester: Person): Promise<void> {
    try {
      const agents = await this.deps.directory.membersOf(serviceDeskGroup);
      const reply = this.triageReply(item, requester);
      for (const agent of agents) await this.deps.notifier.notify(agent.id, [reply]);
    } catch (error) {
      this.deps.logger.error({ err: error, triageId: item.id }, 'could not notify the service desk of a triage item');
    }
  }
}

/** The hand-off's answers as the agent reads them: "Product: Adobe Photoshop". */
function answerLines(catalog: Catalog, dialog: TriageDialog): string[] {
  const form = formSoFar(catalog, dialog);
  if (!form) return [];
  return [`Answers so far for ${form.title}:`, ...form.answers.map((a) => `${a.label}: ${a.value}`)];
}

/** The form a hand-off came from, with its answers labelled and readable; sensitive ones masked. */
export function formSoFar(catalog: Catalog, dialog: TriageDialog): { title: string; answers: Array<{ label: string; value: string }> } | undefined {
  const requestType = catalog.requestType(dialog.requestTypeId);
  if (!requestType) return undefined;
  const shown = maskSensitive(requestType, dialog.fields);
  const answers = requestType.fields.filter((f) => f.id in dialog.fields)
    .map((f) => ({ label: f.label, value: String(f.sensitive ? shown[f.id] : displayValue(catalog, f, shown[f.id])) }));
  return { title: requestType.title, answers };
}

export function toTriageItem(row: TriageRow): TriageItem {
  const dialog = triageDialogSchema.safeParse(row.dialog);
  const resolution = storedResolutionSchema.safeParse(row.resolution);
  return {
    id: row.id,
    channel: row.channel as ChannelName,
    conversationId: row.conversationId,
    personId: row.personId,
    text: row.text,
    candidates: storedCandidates.parse(row.candidates),
    transcript: storedTranscript.parse(row.transcript),
    ...(dialog.success ? { dialog: dialog.data } : {}),
    status: row.status === 'resolved' ? 'resolved' : 'open',
    ...(resolution.success ? { resolution: resolution.data } : {}),
    ...(row.resolvedBy ? { resolvedBy: row.resolvedBy } : {}),
    createdAt: new Date(row.createdAt).toISOString(),
    ...(row.resolvedAt ? { resolvedAt: new Date(row.resolvedAt).toISOString() } : {}),
  };
}
