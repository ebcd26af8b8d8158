import { audit, systemActor } from '../audit/index.js';
import type { Person } from '../directory/person.js';
import { enqueue } from '../notify/outbox-notifier.js';
import { formatWhen } from '../request-records/format-time.js';
import { formatRequestNumber } from '../request-records/request-number.js';
import type { FulfilmentContext } from './fulfilment-context.js';
import { ensureTaskRow } from './task-records.js';

/**
 * The SLA job: every open task past its due time has its breach recorded once (an audit
 * row, `breached_at`) and its team (and the team's `notify` group) told. Team members are
 * looked up before the transaction; a task breached by another run meanwhile is skipped.
 */
export async function recordSlaBreaches(ctx: FulfilmentContext): Promise<number> {
  const now = ctx.now();
  const steps = await ctx.store.read.manualTasks.pendingSteps();
  const teams = new Map<string, Person[]>();
  for (const team of new Set(steps.map((s) => s.team ?? ''))) {
    const notify = ctx.teams?.team(team)?.notify;
    const members = [...await ctx.directory.membersOf(`team:${team}`), ...(notify ? await ctx.directory.membersOf(notify) : [])];
    teams.set(team, [...new Map(members.map((p) => [p.id, p])).values()]);
  }
  return ctx.store.transaction(async (repos) => {
    let breached = 0;
    for (const seen of steps) {
      const step = await repos.fulfilmentSteps.findById(seen.id);
      const request = step ? await repos.requests.findById(step.requestId) : undefined;
      if (!step || !request || step.status !== 'pending' || request.status !== 'in_fulfilment') continue;
      const task = await ensureTaskRow(ctx, repos, step, request);
      if (task.breachedAt !== null || task.dueAt >= now || !(await repos.manualTasks.markBreached(step.id, now))) continue;
      breached++;
      await audit(repos, { actorId: systemActor, action: 'fulfilment-step.sla-breached', targetType: 'fulfilment-step', targetId: step.id, after: { team: task.team, dueAt: new Date(task.dueAt).toISOString() }, channel: 'system', at: now });
      const text = `SLA breached: ${step.title} for ${formatRequestNumber(request.number)} (${task.team}) was due ${formatWhen(task.dueAt, now, ctx.timeZone)}. It is at the top of the team's task board.`;
      for (const member of teams.get(task.team) ?? []) await enqueue(repos, member.id, [{ kind: 'text', text }], now);
    }
    return breached;
  }).then(async (n) => { if (n) await ctx.outbox.flush(); return n; });
}
