import type { Catalog } from '../catalog/catalog.js';
import type { RequestType } from '../catalog/schema.js';
import type { DirectoryProvider, Person } from '../directory/person.js';
import type { ExtractFieldValues } from '../dialog/answers/answer-context.js';
import type { Notifier } from '../notify/notifier.js';
import type { RequestLifecycle } from '../requests/request-lifecycle.js';
import type { ReplicaClaims } from '../replicas/replica-claims.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../shared/logger.js';
import type { Metrics } from '../shared/metrics.js';

export interface RankedIntent { intent: string; confidence: number }

export type IntentDecision =
  | { kind: 'confident'; intent: string; confidence: number }
  | { kind: 'ambiguous'; candidates: RankedIntent[] }
  | { kind: 'unsure'; candidates: RankedIntent[] };

/** What the engine needs from the NLU: ranking, the decision over it, and typed values. */
export interface Understanding {
  classify(text: string): RankedIntent[];
  decide(ranked: RankedIntent[]): IntentDecision;
  extractFieldValues: ExtractFieldValues;
  /**
   * A second opinion (a language model) when the decision is not confident: one of
   * `intents`, or undefined to keep the local decision. Absent when none is configured.
   */
  secondOpinion?(text: string, intents: readonly string[]): Promise<string | undefined>;
  /** Values the local extraction missed in a request's first message; only option values. */
  extractMore?(text: string, requestType: RequestType, requester: Person, now: Date): Promise<Record<string, unknown>>;
}


/** Everything the engine works with, handed in by the composition root. */
export interface ConversationEngineDeps {
  catalog: Catalog;
  understanding: Understanding;
  directory: DirectoryProvider;
  store: Store;
  lifecycle: RequestLifecycle;
  notifier: Notifier;
  clock: () => Date;
  /** IANA zone (TIME_ZONE) the dialog reads dates in, as the server validates them. */
  timeZone: string;
  logger: Logger;
  /** A dialog without an answer for this long is abandoned (default 24 h). */
  dialogIdleMs?: number;
  /** Turns one person may take in a minute on this replica (default 30); more are answered with a request to slow down. */
  turnsPerMinute?: number;
  /** This replica's claims on conversations while it runs their turns (default: a lease of 15 s). */
  claims?: ReplicaClaims;
  /** Turns counted by channel and outcome for /metrics. */
  metrics?: Pick<Metrics, 'turn'>;
}

export const DEFAULT_DIALOG_IDLE_MS = 24 * 60 * 60 * 1000;
