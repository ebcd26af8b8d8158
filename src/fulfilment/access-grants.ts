import { randomUUID } from 'node:crypto';
import { audit, systemActor } from '../audit/index.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Field } from '../catalog/schema.js';
import type { Repositories } from '../store/repositories.js';
import type { AccessGrantRow } from '../store/repositories/access-grant-repository.js';
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
  if (await extendGrant(repos, request, step, days, at)) return;
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
    extensionRequestId: null,
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

/**
 * The access an extension request asks to extend (the holder clicked "Extend" on the
 * warning), still active and given by this step: the grant the person holds already. It
 * ends `days` later than it did (or than now, if that is later); no days (permanent) ends
 * it never. The group membership is not added a second time.
 */
export async function grantToExtend(
  repos: Repositories,
  request: RequestRow,
  step: Pick<FulfilmentStepRow, 'stepId' | 'integration'>,
): Promise<AccessGrantRow | undefined> {
  const grant = await repos.accessGrants.extendedBy(request.id);
  return grant && grant.stepId === step.stepId && grant.integration === step.integration && grant.personId === request.requesterId ? grant : undefined;
}

async function extendGrant(repos: Repositories, request: RequestRow, step: FulfilmentStepRow, days: number | undefined, at: number): Promise<boolean> {
  const grant = await grantToExtend(repos, request, step);
  if (!grant) return false;
  const endsAt = days === undefined ? null : Math.max(grant.endsAt ?? at, at) + days * dayMs;
  if (!(await repos.accessGrants.extend(grant.id, endsAt, at))) return false;
  await audit(repos, {
    actorId: systemActor,
    action: 'access-grant.extended',
    targetType: 'access-grant',
    targetId: grant.id,
    before: { endsAt: grant.endsAt === null ? null : new Date(grant.endsAt).toISOString() },
    after: { endsAt: endsAt === null ? null : new Date(endsAt).toISOString(), byRequest: request.id },
    channel: 'system',
    at,
  });
  return true;
}

/** How many days the access a step of this request gives lasts; undefined when it does not end (or the step gives none). */
export function accessDays(catalog: Catalog, request: RequestRow, stepId: string): number | undefined {
  const requestType = catalog.requestType(request.requestTypeId);
  const definition = requestType?.fulfilment.steps.find((s) => s.id === stepId);
  if (definition?.kind !== 'integration' || !definition.access) return undefined;
  return daysOf(catalog, definition.access.endsAfterDays, requestType!.fields, request.fields);
}

type EndsAfterDays = number | { field: string; attribute: string };

function daysOf(catalog: Catalog, spec: EndsAfterDays, fields: Field[], answers: Record<string, unknown>): number | undefined {
  if (typeof spec === 'number') return spec;
  const field = fields.find((f) => f.id === spec.field);
  const value = answers[spec.field];
  const days = field && typeof value === 'string' ? catalog.optionFor(field, value)?.attributes[spec.attribute] : undefined;
  return typeof days === 'number' && days > 0 ? days : undefined;
}
