import { randomUUID } from 'node:crypto';
import type { Catalog } from '../catalog/catalog.js';
import { controlWord } from '../nlu/control-phrases.js';
import type { Person } from '../directory/person.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import type { Repositories } from '../store/repositories.js';
import type { TrainingCandidateRow } from '../store/repositories/training-candidate-repository.js';
import type { Store } from '../store/store.js';
import type { TriageItem } from './triage-item.js';

export type CandidateStatus = 'proposed' | 'accepted' | 'rejected';

/** A message an agent placed by hand, offered to the catalog admins as a training example. */
export interface TrainingCandidate {
  id: string;
  text: string;
  intent: string;
  triageId: string;
  status: CandidateStatus;
  proposedBy: string;
  proposedAt: string;
  decidedBy?: string;
  decidedAt?: string;
}

/**
 * Called in the transaction that resolves a triage item to an intent. Hand-offs from a
 * form and requests for a person ("talk to a human") say nothing about the intent, so
 * they are not proposed.
 */
export async function proposeCandidate(repos: Repositories, input: { item: TriageItem; intent: string; agentId: string; at: number }): Promise<void> {
  const { item } = input;
  if (item.dialog || controlWord(item.text) || item.text.trim().length < 2) return;
  await repos.trainingCandidates.insert({
    id: randomUUID(), text: item.text.trim(), intent: input.intent, triageId: item.id, status: 'proposed',
    proposedBy: input.agentId, proposedAt: input.at, decidedBy: null, decidedAt: null,
  });
}

export interface TrainingCandidatesDeps {
  store: Store;
  catalog: Catalog;
  clock: () => Date;
  /** Starts retraining with the accepted examples; the promise settles when the new model answers. */
  retrain: () => Promise<void>;
}

/** The catalog admins' side: list candidates, accept (the classifier learns it) or reject. */
export class TrainingCandidates {
  private lastRetraining: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TrainingCandidatesDeps) {}

  async list(status?: CandidateStatus): Promise<TrainingCandidate[]> {
    return (await this.deps.store.read.trainingCandidates.list(status)).map(toCandidate);
  }

  /** Accepted examples whose intent is still in the catalog, as training data. */
  async acceptedExamples(): Promise<Array<{ text: string; intent: string }>> {
    return (await this.deps.store.read.trainingCandidates.list('accepted'))
      .filter((row) => this.deps.catalog.intent(row.intent) !== undefined)
      .map((row) => ({ text: row.text, intent: row.intent }));
  }

  accept(id: string, admin: Person): Promise<TrainingCandidate> {
    return this.decide(id, admin, 'accepted');
  }

  reject(id: string, admin: Person): Promise<TrainingCandidate> {
    return this.decide(id, admin, 'rejected');
  }

  /** Settles once the retraining started by the latest acceptance has swapped its model in (or failed). */
  retraining(): Promise<void> {
    return this.lastRetraining;
  }

  private async decide(id: string, admin: Person, status: 'accepted' | 'rejected'): Promise<TrainingCandidate> {
    const at = this.deps.clock().getTime();
    const decided = await this.deps.store.transaction(async (repos) => {
      const row = await repos.trainingCandidates.find(id);
      if (!row) throw new NotFoundError(`No training candidate ${id}`);
      if (!(await repos.trainingCandidates.decide(id, status, admin.id, at))) throw new ConflictError(`Training candidate ${id} is already ${row.status}`);
      await repos.audit.add({
        at, actorId: admin.id, action: `training-candidate.${status === 'accepted' ? 'accept' : 'reject'}`, targetType: 'training-candidate', targetId: id,
        before: { status: row.status }, after: { status, text: row.text, intent: row.intent }, reason: null, channel: 'api',
      });
      return (await repos.trainingCandidates.find(id))!;
    });
    if (status === 'accepted') this.lastRetraining = this.deps.retrain();
    return toCandidate(decided);
  }
}

function toCandidate(row: TrainingCandidateRow): TrainingCandidate {
  return {
    id: row.id, text: row.text, intent: row.intent, triageId: row.triageId,
    status: row.status === 'accepted' || row.status === 'rejected' ? row.status : 'proposed',
    proposedBy: row.proposedBy, proposedAt: new Date(row.proposedAt).toISOString(),
    ...(row.decidedBy ? { decidedBy: row.decidedBy } : {}),
    ...(row.decidedAt ? { decidedAt: new Date(row.decidedAt).toISOString() } : {}),
  };
}
