import { audit, systemActor } from '../audit/index.js';
import { followDirectoryChanges, type DirectoryChanges } from '../approvals/follow-directory-changes.js';
import { personOf } from '../directory/database-directory.js';
import type { DirectorySource } from '../directory/directory-source.js';
import type { Person } from '../directory/person.js';
import { syncedPeople, type SyncedPerson } from '../directory/synced-people.js';
import { IntegrationError } from '../shared/errors.js';
import type { DirectoryPersonRow } from '../store/repositories/directory-repository.js';
import type { LifecycleContext } from './lifecycle-context.js';

export type SyncOutcome =
  | { ok: true; people: number; added: number; changed: number; left: number; approvalsMoved: number }
  | { ok: false; error: string };

/** A source read may take this long; past it the sync fails and the last good copy stays. */
const readTimeoutMs = 5 * 60_000;

/**
 * One sync of a SCIM or LDAP directory: the source is read outside any transaction, then the
 * people are replaced in one transaction that audits who was added, changed and left and
 * moves the open approvals those changes touch (src/approvals/follow-directory-changes.ts).
 * A read that fails, or that finds nobody, changes no one: the last good copy stays, and
 * the failure is logged and kept for /health.
 */
export async function syncDirectory(ctx: LifecycleContext, source: DirectorySource): Promise<SyncOutcome> {
  const startedAt = ctx.now();
  let people: SyncedPerson[];
  try {
    const read = syncedPeople(await source.readPeople(AbortSignal.timeout(readTimeoutMs)));
    if (read.problems.length) ctx.log.warn({ source: source.name, problems: read.problems.slice(0, 50), count: read.problems.length }, 'directory entries left out or corrected');
    if (read.people.length === 0) throw new Error('the source answered with nobody active; a directory is never emptied by a sync');
    people = read.people;
  } catch (error) {
    const message = failureText(error);
    ctx.log.error({ source: source.name, error: message, err: error }, 'directory sync failed; the last good copy stays');
    await ctx.store.transaction(async (repos) => {
      const last = await repos.directory.syncStatus(source.name);
      await repos.directory.recordSync({ source: source.name, lastAttemptAt: startedAt, lastSuccessAt: last?.lastSuccessAt ?? null, lastError: message, people: last?.people ?? 0 });
    });
    return { ok: false, error: message };
  }

  const outcome = await ctx.store.transaction(async (repos) => {
    const at = ctx.now();
    const before = new Map((await repos.directory.people()).map((row) => [row.id, row]));
    const after = new Map<string, Person>(people.map((p) => [p.id, withoutSourceId(p)]));
    const rows = people.map((p) => rowOf(p, at));
    const added = rows.filter((r) => !before.has(r.id));
    const changed = rows.filter((r) => before.has(r.id) && differences(before.get(r.id)!, r).length > 0);
    const left = [...before.values()].filter((r) => !after.has(r.id));
    await repos.directory.upsert([...added, ...changed]);
    await repos.directory.remove(left.map((r) => r.id));
    for (const r of added) await audit(repos, { actorId: systemActor, action: 'directory.person-added', targetType: 'person', targetId: r.id, after: shown(r), reason: `from ${source.name}`, channel: 'system', at });
    for (const r of changed) {
      const old = before.get(r.id)!;
      const fields = differences(old, r);
      await audit(repos, {
        actorId: systemActor, action: 'directory.person-changed', targetType: 'person', targetId: r.id,
        before: pick(shown(old), fields), after: pick(shown(r), fields), reason: `from ${source.name}`, channel: 'system', at,
      });
    }
    for (const r of left) await audit(repos, { actorId: systemActor, action: 'directory.person-left', targetType: 'person', targetId: r.id, before: shown(r), reason: `gone from ${source.name} or inactive there`, channel: 'system', at });

    const changes: DirectoryChanges = {
      newManagers: changed.flatMap((r) => {
        const from = before.get(r.id)!.managerEmail;
        const to = r.managerEmail ? after.get(r.managerEmail) : undefined;
        return from && to && from !== to.id ? [{ person: after.get(r.id)!, from, to }] : [];
      }),
      leavers: left.map(personOf),
      people: after,
    };
    const followed = await followDirectoryChanges(repos, ctx.catalog(), changes, at);
    await repos.directory.recordSync({ source: source.name, lastAttemptAt: startedAt, lastSuccessAt: at, lastError: null, people: rows.length });
    return { ok: true as const, people: rows.length, added: added.length, changed: changed.length, left: left.length, approvalsMoved: followed.moved };
  });
  ctx.log.info({ source: source.name, ...outcome }, 'directory synced');
  await ctx.outbox.flush();
  return outcome;
}

function rowOf(p: SyncedPerson, at: number): DirectoryPersonRow {
  return {
    id: p.id, sourceId: p.sourceId, name: p.name, department: p.department, title: p.title, role: p.role,
    managerEmail: p.managerEmail ?? null, costCentre: p.costCentre, location: p.location, groups: p.groups, updatedAt: at,
  };
}

function withoutSourceId(p: SyncedPerson): Person {
  const { sourceId: _sourceId, ...person } = p;
  return person;
}

const compared = ['sourceId', 'name', 'department', 'title', 'role', 'managerEmail', 'costCentre', 'location', 'groups'] as const;

function differences(a: DirectoryPersonRow, b: DirectoryPersonRow): string[] {
  return compared.filter((key) => JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null));
}

/** What the audit shows of a person: everything but the row's bookkeeping. */
function shown(r: DirectoryPersonRow): Record<string, unknown> {
  return Object.fromEntries(compared.map((key) => [key, r[key]]));
}

function pick(values: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, values[key]]));
}

/** What may be shown of a failure: a connector's own message (it never carries secrets), else its kind. */
function failureText(error: unknown): string {
  if (error instanceof IntegrationError) return error.message;
  if (error instanceof Error && error.name === 'TimeoutError') return `the directory did not answer within ${readTimeoutMs / 1000} s`;
  if (error instanceof Error && /^the source answered/.test(error.message)) return error.message;
  return 'the directory could not be read (see the log)';
}
