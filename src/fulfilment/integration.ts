import type { IntegrationPolicyOverrides } from '../config/integration-policy-settings.js';
import type { Person } from '../directory/person.js';

export interface IntegrationContext {
  requestNumber: string;
  requester: Person;
  /** request id + step id: the same step never has two effects, even when retried. Connectors send it on. */
  idempotencyKey: string;
  /** Aborted when the call has taken longer than its integration's timeout allows; connectors pass it to their requests. */
  signal: AbortSignal;
}

/** An operation takes the step's interpolated input and returns what the system answered. Throws IntegrationError. */
export type IntegrationOperation = (input: Record<string, string>, ctx: IntegrationContext) => Promise<Record<string, unknown>>;

/** A system fulfilment can call (one folder under integrations/). */
export interface Integration {
  readonly id: string;
  readonly operations: Readonly<Record<string, IntegrationOperation>>;
  /** What the connector knows about its system's calls (timeout, attempts, breaker, concurrency), from its manifest; configuration beats it. */
  readonly policy?: IntegrationPolicyOverrides;
}

export class IntegrationRegistry {
  private readonly byId: Map<string, Integration>;

  constructor(integrations: Integration[]) {
    this.byId = new Map(integrations.map((i) => [i.id, i]));
  }

  get(id: string): Integration | undefined {
    return this.byId.get(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
