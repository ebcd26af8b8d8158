import type { Store } from '../../src/store/store.js';

const hour = 3_600_000;
export const at = (iso: string) => Date.parse(iso);

/**
 * The reports' test data as a plain list: requests with the hours (after submission) at which
 * they reached each status, their approvals and steps; conversations, classifier decisions and
 * forms. The tests compute every expected figure from these lists, not through src/reports.
 */
export interface SeedRequest {
  id: string;
  type: string;
  team: string;
  created: string;
  /** Hours after submission, in order: [status, hours, subStatus?]. */
  history: Array<[string, number, string?]>;
  /** Final status on the row. */
  status: string;
  slaHours: number;
  approvals?: Array<{ stage: number; role: string; status: 'approved' | 'denied' | 'pending'; openedHours: number; decidedHours?: number }>;
  steps?: Array<{ kind: 'integration' | 'manual'; status: string; byPerson?: boolean; rework?: 'fulfilment-step.retried' | 'fulfilment-step.overridden' }>;
}

export const seedRequests: SeedRequest[] = [
  {
    id: 'r1', type: 'laptop', team: 'it-hardware', created: '2026-11-02T09:00:00Z', status: 'fulfilled', slaHours: 72,
    history: [['submitted', 0], ['awaiting_approval', 0], ['approved', 4], ['in_fulfilment', 4], ['fulfilled', 30]],
    approvals: [{ stage: 0, role: 'your manager', status: 'approved', openedHours: 0, decidedHours: 4 }],
    steps: [{ kind: 'integration', status: 'done' }, { kind: 'integration', status: 'done' }, { kind: 'manual', status: 'done', byPerson: true }],
  },
  {
    id: 'r2', type: 'laptop', team: 'it-hardware', created: '2026-11-03T10:00:00Z', status: 'fulfilled', slaHours: 72,
    history: [['submitted', 0], ['awaiting_approval', 0], ['approved', 10], ['in_fulfilment', 10], ['failed', 50], ['in_fulfilment', 60], ['fulfilled', 100]],
    approvals: [{ stage: 0, role: 'your manager', status: 'approved', openedHours: 0, decidedHours: 10 }],
    steps: [{ kind: 'integration', status: 'done', rework: 'fulfilment-step.retried' }],
  },
  {
    id: 'r3', type: 'software', team: 'it-software', created: '2026-11-09T08:00:00Z', status: 'fulfilled', slaHours: 24,
    history: [['submitted', 0], ['approved', 1], ['in_fulfilment', 1], ['in_fulfilment', 2, 'awaiting_customer'], ['in_fulfilment', 5], ['fulfilled', 6]],
    steps: [{ kind: 'manual', status: 'done', byPerson: true }],
  },
  {
    id: 'r4', type: 'vpn', team: 'network', created: '2026-11-10T12:00:00Z', status: 'fulfilled', slaHours: 24,
    history: [['submitted', 0], ['awaiting_approval', 0], ['approved', 2], ['in_fulfilment', 2], ['fulfilled', 8]],
    approvals: [{ stage: 0, role: 'your manager', status: 'approved', openedHours: 0, decidedHours: 2 }],
    steps: [{ kind: 'integration', status: 'done', byPerson: true, rework: 'fulfilment-step.overridden' }],
  },
  {
    id: 'r5', type: 'access', team: 'identity', created: '2026-11-17T15:00:00Z', status: 'awaiting_approval', slaHours: 48,
    history: [['submitted', 0], ['awaiting_approval', 0]],
    approvals: [{ stage: 0, role: 'your manager', status: 'pending', openedHours: 0 }],
  },
  {
    id: 'r6', type: 'laptop', team: 'it-hardware', created: '2026-11-24T11:00:00Z', status: 'rejected', slaHours: 72,
    history: [['submitted', 0], ['awaiting_approval', 0], ['rejected', 5]],
    approvals: [{ stage: 0, role: 'your manager', status: 'denied', openedHours: 0, decidedHours: 5 }],
  },
  {
    id: 'r7', type: 'vpn', team: 'network', created: '2026-11-25T07:00:00Z', status: 'fulfilled', slaHours: 24,
    history: [['submitted', 0], ['awaiting_approval', 0], ['approved', 3], ['in_fulfilment', 3], ['fulfilled', 20]],
    approvals: [
      { stage: 0, role: 'your manager', status: 'approved', openedHours: 0, decidedHours: 1 },
      { stage: 1, role: 'security group', status: 'approved', openedHours: 1, decidedHours: 3 },
    ],
    steps: [{ kind: 'integration', status: 'done' }, { kind: 'manual', status: 'pending' }],
  },
  // Before the period: counted by the forecast only.
  { id: 'r8', type: 'laptop', team: 'it-hardware', created: '2026-10-20T09:00:00Z', status: 'closed', slaHours: 72, history: [['submitted', 0], ['approved', 1], ['fulfilled', 20], ['closed', 40]] },
  { id: 'r9', type: 'laptop', team: 'it-hardware', created: '2026-10-05T09:00:00Z', status: 'fulfilled', slaHours: 72, history: [['submitted', 0], ['approved', 1], ['fulfilled', 20]] },
  { id: 'r10', type: 'laptop', team: 'it-hardware', created: '2026-09-14T09:00:00Z', status: 'fulfilled', slaHours: 72, history: [['submitted', 0], ['approved', 1], ['fulfilled', 20]] },
  { id: 'r11', type: 'software', team: 'it-software', created: '2026-09-15T09:00:00Z', status: 'fulfilled', slaHours: 24, history: [['submitted', 0], ['approved', 1], ['fulfilled', 2]] },
];

/** Conversations started, with whether one of their messages went to the service desk. */
export const seedConversations = [
  { id: 'c1', created: '2026-11-02T08:50:00Z', toAgent: false },
  { id: 'c2', created: '2026-11-04T10:00:00Z', toAgent: true },
  { id: 'c3', created: '2026-11-12T10:00:00Z', toAgent: false },
  { id: 'c4', created: '2026-10-30T10:00:00Z', toAgent: false },
  { id: 'c5', created: '2026-11-20T10:00:00Z', toAgent: false },
];

/** The classifier's decisions, in time order. */
export const seedDecisions = [
  { conversation: 'c4', at: '2026-10-30T10:01:00Z', confidence: 0.3, routed: 'triage' },
  { conversation: 'c1', at: '2026-11-02T08:51:00Z', confidence: 0.92, routed: 'started' },
  { conversation: 'c2', at: '2026-11-04T10:01:00Z', confidence: 0.21, routed: 'triage' },
  { conversation: 'c2', at: '2026-11-04T10:05:00Z', confidence: 0.8, routed: 'started' },
  { conversation: 'c4', at: '2026-11-05T10:00:00Z', confidence: 0.85, routed: 'started' },
  { conversation: 'c3', at: '2026-11-12T10:01:00Z', confidence: 0.55, routed: 'asked' },
];

/** Forms started: type, how they ended and the step they stood at. */
export const seedDialogs = [
  { type: 'laptop', started: '2026-11-02T08:52:00Z', outcome: 'submitted', step: 'summary' },
  { type: 'laptop', started: '2026-11-06T09:00:00Z', outcome: 'abandoned', step: 'model' },
  { type: 'laptop', started: '2026-11-07T09:00:00Z', outcome: 'abandoned', step: 'model' },
  { type: 'laptop', started: '2026-11-08T09:00:00Z', outcome: 'abandoned', step: 'summary' },
  { type: 'vpn', started: '2026-11-11T09:00:00Z', outcome: 'cancelled', step: 'reason' },
];

/** Writes the lists through the repositories, as the use cases would have. */
export async function seedReports(store: Store): Promise<void> {
  let number = 5000;
  await store.transaction(async (repos) => {
    for (const r of seedRequests) {
      const created = at(r.created);
      const last = r.history[r.history.length - 1]!;
      await repos.requests.insert({
        id: `seed-${r.id}`, number: number++, requestTypeId: r.type, requestTypeVersion: 1, catalogVersion: 'seed', requesterId: 'ethan.brooks@example.com',
        channel: 'api', fields: {}, cost: null, status: r.status, subStatus: null, createdAt: created, updatedAt: created + last[1] * hour,
        dueAt: created + r.slaHours * hour, closedAt: null, submissionKey: null,
      });
      let from: string | null = null;
      for (const [status, hours, subStatus] of r.history) {
        await repos.requests.addHistory({ requestId: `seed-${r.id}`, fromStatus: from, toStatus: status, subStatus: subStatus ?? null, actorId: 'seed', reason: null, at: created + hours * hour });
        from = status;
      }
      await repos.approvals.insert((r.approvals ?? []).map((a, i) => ({
        id: `seed-${r.id}-a${i}`, requestId: `seed-${r.id}`, stageId: `stage-${a.stage}`, stageIndex: a.stage, approverId: 'nina.petrova@example.com', approverRole: a.role,
        reason: 'seed', status: a.status, decidedBy: a.decidedHours === undefined ? null : 'nina.petrova@example.com',
        decidedAt: a.decidedHours === undefined ? null : created + a.decidedHours * hour, comment: null, createdAt: created, askedAt: created + a.openedHours * hour,
      })));
      await repos.fulfilmentSteps.insert((r.steps ?? []).map((s, i) => ({
        id: `seed-${r.id}-s${i}`, requestId: `seed-${r.id}`, stepId: `step-${i}`, seq: i, kind: s.kind, title: `Step ${i}`, team: s.kind === 'manual' ? r.team : null,
        integration: s.kind === 'integration' ? 'identity' : null, operation: s.kind === 'integration' ? 'add-to-group' : null, input: {}, status: s.status, subStatus: null,
        result: null, error: null, note: null, completedBy: s.byPerson ? 'fatima.haddad@example.com' : null, attempts: 1, createdAt: created, updatedAt: created, claimedBy: null, claimedUntil: null, dueAt: null, afterSteps: null, notBefore: null, compensates: null,
      })));
      for (const [i, s] of (r.steps ?? []).entries()) {
        if (s.rework) await repos.audit.add({ at: created + hour, actorId: 'fatima.haddad@example.com', action: s.rework, targetType: 'fulfilment-step', targetId: `seed-${r.id}-s${i}`, before: null, after: null, reason: 'seed', channel: 'api' });
      }
    }
    for (const c of seedConversations) {
      await repos.conversations.save({ id: `webchat:${c.id}`, channel: 'webchat', personId: 'ethan.brooks@example.com', state: {}, now: at(c.created) });
      if (c.toAgent) {
        await repos.triage.insert({
          id: `seed-triage-${c.id}`, conversationId: c.id, channel: 'webchat', personId: 'ethan.brooks@example.com', text: 'help', candidates: [], transcript: [], dialog: null,
          status: 'open', resolution: null, resolvedBy: null, createdAt: at(c.created), resolvedAt: null,
        });
      }
    }
    for (const [i, d] of seedDecisions.entries()) {
      await repos.nluDecisions.insert({ id: `seed-nlu-${i}`, conversationId: `webchat:${d.conversation}`, channel: 'webchat', intent: 'laptop', confidence: d.confidence, decision: 'confident', routed: d.routed, at: at(d.at) });
    }
    for (const [i, d] of seedDialogs.entries()) {
      await repos.dialogOutcomes.start({ id: `seed-dialog-${i}`, conversationId: 'webchat:c1', personId: 'ethan.brooks@example.com', requestTypeId: d.type, startedAt: at(d.started), step: d.step });
      await repos.dialogOutcomes.end(`seed-dialog-${i}`, d.outcome as 'submitted', at(d.started) + hour);
    }
  });
}
