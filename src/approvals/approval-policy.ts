import type { Catalog } from '../catalog/catalog.js';
import type { Approver, RequestType } from '../catalog/schema.js';
import type { DirectoryProvider, Person } from '../directory/person.js';

export interface PlannedApprover {
  person: Person;
  /** What the approver is to this request, from the requester's side ("your manager"). */
  role: string;
}

export interface PlannedStage {
  stageId: string;
  reason: string;
  /** One approver, or the members of a group (any one may decide). */
  approvers: PlannedApprover[];
}

export type ApprovalPlan =
  | { kind: 'none'; reason: string }
  | { kind: 'stages'; stages: PlannedStage[] }
  /** Nobody can be asked (no manager in the directory, an empty group): a person must route it. */
  | { kind: 'unroutable'; problem: string };

export interface PlanInput {
  catalog: Catalog;
  directory: DirectoryProvider;
  requestType: RequestType;
  requester: Person;
  fields: Record<string, unknown>;
  cost: number | undefined;
  /** Chosen by the service desk for a request that needed routing: decides each stage nobody else can. */
  routedTo?: Person;
}

class Unroutable extends Error {}

/**
 * Turns a request type's approval policy into who is asked, in order. Stages whose `when`
 * fails are skipped; pre-authorised requesters need nobody. A requester never approves their
 * own request: such a stage goes to their manager instead. One person never decides two
 * stages: a stage whose approver decides an earlier one goes to the next manager up.
 */
export async function planApprovals(input: PlanInput): Promise<ApprovalPlan> {
  const { requestType, requester, catalog } = input;
  const policy = requestType.approval;
  const pre = policy.preAuthorised;
  if (pre && (pre.roles.includes(requester.role) || pre.groups.some((g) => requester.groups.includes(g)))) {
    return { kind: 'none', reason: `Pre-authorised (${pre.roles.includes(requester.role) ? `role ${requester.role}` : 'group membership'})` };
  }
  const ctx = { requester, fields: input.fields, cost: input.cost };
  const stages: PlannedStage[] = [];
  // Approvers of earlier one-person stages: they decide those, so they decide no other.
  const deciders = new Set<string>();
  try {
    for (const stage of policy.stages) {
      if (stage.when && !catalog.evaluate(stage.when, ctx, requestType)) continue;
      const approvers = await approversOrRouted(stage.approver, deciders, input);
      stages.push({ stageId: stage.id, reason: catalog.interpolate(stage.reason, { ...ctx, requestType }), approvers });
      if (approvers.length === 1) deciders.add(approvers[0]!.person.id);
    }
  } catch (error) {
    if (error instanceof Unroutable) return { kind: 'unroutable', problem: error.message };
    throw error;
  }
  if (!stages.length) return { kind: 'none', reason: 'No approval needed' };
  return { kind: 'stages', stages };
}

/** The stage's approvers; when nobody can be found and the service desk routed the request, the person it chose. */
async function approversOrRouted(approver: Approver, deciders: Set<string>, input: PlanInput): Promise<PlannedApprover[]> {
  try {
    return await notEarlierDecider(await resolveApprovers(approver, input), deciders, input);
  } catch (error) {
    const routed = input.routedTo;
    if (!(error instanceof Unroutable) || !routed) throw error;
    if (routed.id === input.requester.id) throw new Unroutable(`${routed.name} asked for this request and cannot approve it`);
    if (deciders.has(routed.id)) throw new Unroutable(`${routed.name} decides an earlier stage of this request; one person never decides two stages`);
    return [{ person: routed, role: 'approver chosen by the service desk' }];
  }
}

async function resolveApprovers(approver: Approver, input: PlanInput): Promise<PlannedApprover[]> {
  const { requester, directory } = input;
  switch (approver.type) {
    case 'manager':
      return [{ person: await managerOf(requester, directory), role: 'your manager' }];
    case 'skip-level-manager': {
      const manager = await managerOf(requester, directory);
      const skip = await managerOf(manager, directory);
      return notRequester([{ person: skip, role: "your manager's manager" }], input);
    }
    case 'person': {
      const person = await directory.findByEmail(approver.email);
      if (!person) throw new Unroutable(`The approver ${approver.email} named by ${input.requestType.title} is not in the directory`);
      return notRequester([{ person, role: `approver for ${input.requestType.title}` }], input);
    }
    case 'group': {
      const group = groupName(approver.group, input);
      return groupApprovers(group, { one: `the ${group} group`, many: `the ${group} group` }, input);
    }
    case 'owner-of': {
      const field = input.requestType.fields.find((f) => f.id === approver.field);
      const value = input.fields[approver.field];
      const option = field && typeof value === 'string' ? input.catalog.optionFor(field, value) : undefined;
      const owner = option?.attributes[approver.attribute];
      if (!option || owner === undefined || owner === '') {
        throw new Unroutable(`No owner is recorded for ${option?.label ?? String(value ?? approver.field)}`);
      }
      const ownerText = String(owner);
      if (ownerText.includes('@')) {
        const person = await directory.findByEmail(ownerText);
        if (!person) throw new Unroutable(`The owner of ${option.label} (${ownerText}) is not in the directory`);
        return notRequester([{ person, role: `owner of ${option.label}` }], input);
      }
      return groupApprovers(ownerText, { one: `owner of ${option.label}`, many: `the owners of ${option.label}` }, input);
    }
  }
}

async function groupApprovers(group: string, roles: { one: string; many: string }, input: PlanInput): Promise<PlannedApprover[]> {
  const members = await input.directory.membersOf(group);
  const others = members.filter((p) => p.id !== input.requester.id);
  if (others.length) return others.map((person) => ({ person, role: others.length === 1 ? roles.one : roles.many }));
  if (members.length) return escalate(input);
  throw new Unroutable(`Nobody is in the group ${group}`);
}

/** Separation of duties: the requester's own approval goes to their manager. */
async function notRequester(approvers: PlannedApprover[], input: PlanInput): Promise<PlannedApprover[]> {
  return approvers.some((a) => a.person.id === input.requester.id) ? escalate(input) : approvers;
}

/**
 * Separation of duties across stages: members who decide an earlier stage drop out of a
 * group; a stage left with nobody goes up the management chain of the one who was named, to
 * the first manager who is neither the requester nor an earlier decider.
 */
async function notEarlierDecider(approvers: PlannedApprover[], deciders: Set<string>, input: PlanInput): Promise<PlannedApprover[]> {
  const others = approvers.filter((a) => !deciders.has(a.person.id));
  if (others.length) return others;
  const named = approvers[0]!.person;
  let next = named;
  for (let level = 0; level < 10; level += 1) {
    next = await managerOf(next, input.directory);
    if (next.id !== input.requester.id && !deciders.has(next.id)) {
      return [{ person: next, role: `manager of ${named.name}, who decides an earlier stage` }];
    }
  }
  throw new Unroutable(`Nobody above ${named.name} can decide this stage without deciding two stages of the request`);
}

async function escalate(input: PlanInput): Promise<PlannedApprover[]> {
  return [{ person: await managerOf(input.requester, input.directory), role: 'your manager (you cannot approve your own request)' }];
}

async function managerOf(person: Person, directory: DirectoryProvider): Promise<Person> {
  const manager = person.managerEmail ? await directory.findByEmail(person.managerEmail) : undefined;
  if (!manager) throw new Unroutable(`No manager is recorded for ${person.name} in the directory`);
  return manager;
}

// `owners:{system}` names the group from an answer.
function groupName(template: string, input: PlanInput): string {
  const filled = input.catalog.interpolate(template, { requester: input.requester, fields: input.fields, requestType: input.requestType });
  return filled.replace(/\{([a-z][\w-]*)\}/g, (_, id: string) => String(input.fields[id] ?? ''));
}
