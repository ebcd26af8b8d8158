/** "14:05" today, "Tue 3 Jun 14:05" on another day, in the configured zone. */
export function formatWhen(at: number, now: number, timeZone: string): string {
  const day = (t: number) => new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (day(at) === day(now)) return time;
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(at);
  return `${date} ${time}`;
}
