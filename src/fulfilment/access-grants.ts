import { randomUUID } from 'node:crypto';
import { audit, systemActor } from '../audit/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Field } from '../catalog/schema.js';
import type { Repositories } from '../store/repositories.js';
import type { FulfilmentStepRow } from '../store/repositories/fulfilment-step-repository.js';
import type { RequestRow } from '../store/repositories/request-repository.js';

const dayMs = 86_400_000;

/**
 * A done step whose definition gives access for a time (`access:` in the catalog) records the
 * grant in the same transaction, ending the chosen number of days after now; no days (a
 * permanent option) is a grant without an end. The access-expiry job removes it when it ends.
 */
export async function recordAccessGrant(repos: Repositories, catalog: Catalog, request: RequestRow, step: FulfilmentStepRow, at: number): Promise<void> {
  const requestType = catalog.requestType(request.requestTypeId);
  const definition = requestType?.fulfilment.steps.find((s) => s.id === step.stepId);
  if (definition?.kind !== 'integration' || !definition.access || !step.integration) return;
  const days = daysOf(catalog, definition.access.endsAfterDays, requestType!.fields, request.fields);
  const endsAt = days === undefined ? null : at + days * dayMs;
  const id = randomUUID();
  const group = step.input.group ?? '';
  await repos.accessGrants.record({
    id,
    requestId: request.id,
    stepId: step.stepId,
    personId: request.requesterId,
    integration: step.integration,
    revokeOperation: definition.access.revoke,
    groupName: group,
    input: step.input,
    endsAt,
    state: 'active',
    warnedAt: null,
    attempts: 0,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    claimedBy: null,
    claimedUntil: null,
  });
  await audit(repos, {
    actorId: systemActor,
    action: 'access-grant.recorded',
    targetType: 'access-grant',
    targetId: id,
    before: null,
    after: { person: request.requesterId, integration: step.integration, group, endsAt: endsAt === null ? null : new Date(endsAt).toISOString() },
    channel: 'system',
    at,
  });
}

type EndsAfterDays = number | { field: string; attribute: string };

function daysOf(catalog: Catalog, spec: EndsAfterDays, fields: Field[], answers: Record<string, unknown>): number | undefined {
  if (typeof spec === 'number') return spec;
  const field = fields.find((f) => f.id === spec.field);
  const value = answers[spec.field];
  const days = field && typeof value === 'string' ? catalog.optionFor(field, value)?.attributes[spec.attribute] : undefined;
  return typeof days === 'number' && days > 0 ? days : undefined;
}
