/** Weeks and months as the reports count them: in UTC, weeks starting on Monday. */

const dayMs = 86_400_000;

/** The Monday (00:00 UTC) of the week an instant falls in, as YYYY-MM-DD. */
export function weekOf(at: number): string {
  const day = new Date(at);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const monday = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - sinceMonday * dayMs;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Every week (its Monday) from the one holding `from` to the one holding the last instant before `to`. */
export function weeksBetween(from: number, to: number): string[] {
  const weeks: string[] = [];
  if (to <= from) return weeks;
  const last = weekOf(to - 1);
  for (let week = weekOf(from); ; ) {
    weeks.push(week);
    if (week === last) return weeks;
    week = new Date(Date.parse(`${week}T00:00:00Z`) + 7 * dayMs).toISOString().slice(0, 10);
  }
}

/** The first instant of a calendar month, `offset` months after the one holding `at`. */
export function monthStart(at: number, offset = 0): number {
  const day = new Date(at);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + offset, 1);
}

/** A month as YYYY-MM. */
export function monthLabel(start: number): string {
  return new Date(start).toISOString().slice(0, 7);
}
