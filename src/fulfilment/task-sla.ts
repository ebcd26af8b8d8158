import { addDays, calendarDateIn, dayOfWeek, wallClockInstant, type CalendarDate } from '../calendar/calendar.js';
import { weekdayIndex, type BusinessHours, type TeamSla } from '../catalog/team-slas.js';

export const slaStatuses = ['on_track', 'due_soon', 'breached'] as const;
export type SlaStatus = (typeof slaStatuses)[number];

const hourMs = 3_600_000;

/** When a task that reached its team at `since` is due: its SLA hours, counted in the team's business hours when it has them. */
export function taskDueAt(team: TeamSla | undefined, hours: number | undefined, since: number, fallback: number, timeZone?: string): number {
  if (!team || hours === undefined) return fallback;
  return team.businessHours ? addBusinessHours(team.businessHours, since, hours * hourMs, timeZone) : since + hours * hourMs;
}

/** On track, due soon (within the team's `dueSoonHours`), or breached (past due). */
export function slaStatusOf(dueAt: number, now: number, dueSoonHours = 4): SlaStatus {
  if (now > dueAt) return 'breached';
  return dueAt - now <= dueSoonHours * hourMs ? 'due_soon' : 'on_track';
}

export function slaLabel(status: SlaStatus): string {
  return { on_track: 'On track', due_soon: 'Due soon', breached: 'Breached' }[status];
}

/** `since` plus `ms` of working time: only the business days' open hours count. */
export function addBusinessHours(hours: BusinessHours, since: number, ms: number, timeZone?: string): number {
  const open = new Set(hours.days.map(weekdayIndex));
  let left = ms;
  let day = calendarDateIn(since, timeZone);
  for (let i = 0; i < 3660; i++, day = addDays(day, 1)) {
    if (!open.has(dayOfWeek(day))) continue;
    const start = Math.max(since, localTime(day, hours.from, timeZone));
    const end = localTime(day, hours.to, timeZone);
    if (end <= start) continue;
    if (end - start >= left) return start + left;
    left -= end - start;
  }
  return since + ms;
}

/** The instant a wall-clock time `HH:MM` on a day happens in `timeZone`. */
export function localTime(day: CalendarDate, time: string, timeZone?: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return wallClockInstant(day, h, m, timeZone);
}
