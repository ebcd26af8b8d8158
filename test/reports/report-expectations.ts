import { at, seedConversations, seedDecisions, seedDialogs, seedRequests, type SeedRequest } from './report-seed.js';

/**
 * The figures the reports should show for the seed, worked out here on their own from the
 * seed lists and the definitions in docs/operations.md, never by calling src/reports.
 */
const from = at('2026-11-01T00:00:00Z');
const to = at('2026-12-01T00:00:00Z');
export const period = { from: '2026-11-01', to: '2026-11-30' };
/** The time the test app's clock stands at when the reports are made. */
export const reportTime = at('2026-12-10T12:00:00Z');

export const inPeriod = (filter: (r: SeedRequest) => boolean = () => true) =>
  seedRequests.filter((r) => at(r.created) >= from && at(r.created) < to && filter(r));

const firstAt = (r: SeedRequest, status: string) => r.history.find(([s]) => s === status)?.[1];

function sortedMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
function nearestRank(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil((p / 100) * s.length) - 1]!;
}
const pct = (part: number, whole: number) => Math.round((1000 * part) / whole) / 10;

export function expectedCycle(filter?: (r: SeedRequest) => boolean) {
  const hours = inPeriod(filter).map((r) => firstAt(r, 'fulfilled')).filter((h): h is number => h !== undefined);
  return { count: hours.length, median: sortedMedian(hours), p90: nearestRank(hours, 90) };
}

export function expectedFirstTimeRight() {
  const fulfilled = inPeriod().filter((r) => firstAt(r, 'fulfilled') !== undefined);
  const right = fulfilled.filter((r) =>
    !r.history.some(([s, , sub]) => s === 'failed' || sub === 'awaiting_customer') &&
    r.history.filter(([s]) => s === 'submitted').length === 1 &&
    !(r.steps ?? []).some((s) => s.rework));
  return { fulfilled: fulfilled.length, right: right.length, rate: pct(right.length, fulfilled.length) };
}

export function expectedAutomation() {
  const done = inPeriod().flatMap((r) => r.steps ?? []).filter((s) => s.status === 'done');
  const auto = done.filter((s) => s.kind === 'integration' && !s.byPerson).length;
  return { done: done.length, auto, rate: pct(auto, done.length) };
}

export function expectedSla() {
  const judged = inPeriod((r) => r.status !== 'rejected' && r.status !== 'cancelled').map((r) => {
    const fulfilled = firstAt(r, 'fulfilled');
    if (fulfilled !== undefined) return fulfilled <= r.slaHours ? 'met' : 'breached';
    return reportTime > at(r.created) + r.slaHours * 3_600_000 ? 'breached' : 'open';
  });
  const met = judged.filter((j) => j === 'met').length;
  const breached = judged.filter((j) => j === 'breached').length;
  return { met, breached, rate: pct(met, met + breached) };
}

export function expectedTriage() {
  const inP = (iso: string) => at(iso) >= from && at(iso) < to;
  const conversations = seedConversations.filter((c) => inP(c.created));
  const deflected = conversations.filter((c) => !c.toAgent).length;
  const firstOfEach = new Map<string, (typeof seedDecisions)[number]>();
  for (const d of seedDecisions) if (!firstOfEach.has(d.conversation)) firstOfEach.set(d.conversation, d);
  const firsts = [...firstOfEach.values()].filter((d) => inP(d.at));
  const triaged = firsts.filter((d) => d.routed === 'triage').length;
  const decisions = seedDecisions.filter((d) => inP(d.at));
  return {
    conversations: conversations.length, deflectionRate: pct(deflected, conversations.length),
    firsts: firsts.length, triageRate: pct(triaged, firsts.length),
    decisions: decisions.length, decisionsToTriage: pct(decisions.filter((d) => d.routed === 'triage').length, decisions.length),
    decisionsAbove08: decisions.filter((d) => d.confidence >= 0.8 && d.confidence < 0.9).length,
  };
}

/** The step most forms were abandoned at: [type, step, count, share of that type's forms]. */
export function expectedTopAbandonment() {
  const abandoned = seedDialogs.filter((d) => d.outcome === 'abandoned');
  const counts = new Map<string, number>();
  for (const d of abandoned) counts.set(`${d.type}|${d.step}`, (counts.get(`${d.type}|${d.step}`) ?? 0) + 1);
  const [key, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  const [type, step] = key.split('|') as [string, string];
  return { type, step, n, share: pct(n, seedDialogs.filter((d) => d.type === type).length), rate: pct(abandoned.length, seedDialogs.length) };
}

/** December's forecast for a type: the last three months' counts with a straight-line trend. */
export function expectedForecast(type: string) {
  const months = ['2026-09', '2026-10', '2026-11'];
  const [y1, y2, y3] = months.map((m) => seedRequests.filter((r) => r.type === type && r.created.startsWith(m)).length) as [number, number, number];
  // Least squares over x = 1, 2, 3, read at x = 4.
  const slope = (y3 - y1) / 2;
  const intercept = (y1 + y2 + y3) / 3 - 2 * slope;
  return { counts: [y1, y2, y3], forecast: Math.round(Math.max(0, intercept + 4 * slope) * 10) / 10 };
}
