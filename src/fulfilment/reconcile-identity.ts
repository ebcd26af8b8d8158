import type { DirectoryProvider } from '../directory/person.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { Logger } from '../shared/logger.js';
import type { Store } from '../store/store.js';
import type { IdentityInventory } from './identity-inventory.js';

/** What one reconciliation found; stored as it was and served at /api/v1/reconciliation. */
export interface ReconciliationReport {
  at: string;
  /** Accounts in the identity system for nobody in the directory; `provisionedBy` when Frontdoor created it. */
  orphanedAccounts: Array<{ userName: string; active: boolean; provisionedBy?: string }>;
  /** Memberships nobody asked for through Frontdoor and the directory does not give. */
  drift: Array<{ group: string; member: string }>;
  checked: { accounts: number; groups: number; memberships: number };
}

export interface ReconcileDeps {
  store: Store;
  directory: DirectoryProvider;
  inventory: IdentityInventory;
  outbox: { flush(): Promise<unknown> };
  now(): number;
  log: Pick<Logger, 'info' | 'warn'>;
}

/** Operations whose done steps put a person in a group (add-to-group names it; grant-access answers with it). */
const membershipOperations = ['add-to-group', 'grant-access'];

/**
 * Compares the identity system with what Frontdoor provisioned and with the directory: an
 * account for nobody in the directory is orphaned; a membership is drift unless a done step
 * gave it (and its time-bound access has not been removed) or the person's directory groups
 * include the group. The identity system is read outside any transaction; the report is
 * stored, and the service desk is told when there is something to look at.
 */
export async function reconcileIdentity(deps: ReconcileDeps): Promise<ReconciliationReport> {
  const signal = AbortSignal.timeout(5 * 60_000);
  const [accounts, groups, people] = await Promise.all([deps.inventory.accounts(signal), deps.inventory.groups(signal), deps.directory.list()]);
  const read = deps.store.read;
  const requestNumbers = new Map<string, string>();
  const numberOf = async (requestId: string) => {
    if (!requestNumbers.has(requestId)) {
      const request = await read.requests.findById(requestId);
      requestNumbers.set(requestId, request ? formatRequestNumber(request.number) : requestId);
    }
    return requestNumbers.get(requestId)!;
  };

  const created = new Map<string, string>();
  for (const step of await read.fulfilmentSteps.listDoneByOperations(['create-account'])) {
    const userName = step.result?.userName;
    if (typeof userName === 'string') created.set(userName.toLowerCase(), await numberOf(step.requestId));
  }
  const requested = new Set<string>();
  for (const step of await read.fulfilmentSteps.listDoneByOperations(membershipOperations)) {
    const group = step.input.group ?? (typeof step.result?.entitlement === 'string' ? step.result.entitlement : undefined);
    const member = step.input.email;
    if (!group || !member) continue;
    const grant = (await read.accessGrants.listByRequest(step.requestId)).find((g) => g.stepId === step.stepId);
    if (grant && grant.state === 'removed') continue;
    requested.add(membership(group, member));
  }

  const byEmail = new Map(people.map((p) => [p.email, p]));
  const orphanedAccounts = accounts
    .filter((a) => !byEmail.has(a.userName.toLowerCase()))
    .map((a) => ({ userName: a.userName.toLowerCase(), active: a.active, ...(created.has(a.userName.toLowerCase()) ? { provisionedBy: created.get(a.userName.toLowerCase())! } : {}) }))
    .sort((a, b) => a.userName.localeCompare(b.userName));
  const drift = groups
    .flatMap((g) => g.members.map((m) => ({ group: g.name, member: m.toLowerCase() })))
    .filter(({ group, member }) => !requested.has(membership(group, member)) && !(byEmail.get(member)?.groups.includes(group) ?? false))
    .sort((a, b) => a.group.localeCompare(b.group) || a.member.localeCompare(b.member));
  const at = deps.now();
  const report: ReconciliationReport = {
    at: new Date(at).toISOString(),
    orphanedAccounts,
    drift,
    checked: { accounts: accounts.length, groups: groups.length, memberships: groups.reduce((n, g) => n + g.members.length, 0) },
  };

  const serviceDesk = people.filter((p) => p.groups.includes('service-desk'));
  await deps.store.transaction(async (repos) => {
    await repos.directory.addReport(at, report);
    if (!orphanedAccounts.length && !drift.length) return;
    const text = [
      `Reconciliation of the identity system (${report.at}): ${orphanedAccounts.length} orphaned account(s), ${drift.length} membership(s) nobody asked for.`,
      ...orphanedAccounts.slice(0, 20).map((a) => `• account ${a.userName}${a.active ? '' : ' (inactive)'} is not in the directory${a.provisionedBy ? ` (created for ${a.provisionedBy})` : ''}`),
      ...drift.slice(0, 20).map((d) => `• ${d.member} is in ${d.group}, not asked for through Frontdoor nor given by the directory`),
      'The whole report: GET /api/v1/reconciliation.',
    ].join('\n');
    for (const agent of serviceDesk) await enqueue(repos, agent.id, [{ kind: 'text', text }], at);
  });
  deps.log.info({ orphanedAccounts: orphanedAccounts.length, drift: drift.length, ...report.checked }, 'identity system reconciled');
  await deps.outbox.flush();
  return report;
}

function membership(group: string, member: string): string {
  return `${group}\u0000${member.toLowerCase()}`;
}
